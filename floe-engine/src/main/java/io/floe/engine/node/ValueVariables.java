package io.floe.engine.node;

import io.floe.engine.config.DataForm;
import io.floe.engine.config.Opts;
import java.util.Locale;
import java.util.Map;

/**
 * How a task reads form values: each declared field becomes the environment variable {@code FLOE_VALUE_<ID>}, its id
 * upper-cased with every character other than {@code A-Z 0-9 _} turned into {@code _} ({@code release-tag} →
 * {@code FLOE_VALUE_RELEASE_TAG}). Names come from the config's field ids only, never from a request; values are
 * passed as they are, never put into command text, so {@code "$FLOE_VALUE_BRANCH"} in a script is safe to use.
 * A field left out gets its configured {@code value}, else the empty text, so every declared variable is set.
 */
public final class ValueVariables {
    /** The prefix of every form value variable; the config's own env entries with it are replaced by the values. */
    public static final String PREFIX = "FLOE_VALUE_";

    private ValueVariables() {}

    /** The variable of field {@code id}. */
    public static String name(String id) {
        StringBuilder sb = new StringBuilder(PREFIX.length() + id.length()).append(PREFIX);
        for (char c : id.toUpperCase(Locale.ROOT).toCharArray()) {
            sb.append(c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' ? c : '_');
        }
        return sb.toString();
    }

    /**
     * Puts the variables of {@code form}'s fields with their {@code values} into {@code out}; a name already there is
     * replaced (a later answer wins). Fields without an id are skipped.
     */
    public static void add(Map<String, String> out, DataForm form, Map<String, ?> values) {
        for (DataForm.Field f : form.fields()) {
            if (f.id().isBlank()) {
                continue;
            }
            Object v = values == null ? null : values.get(f.id());
            out.put(name(f.id()), v == null || v instanceof Map<?, ?> || v instanceof java.util.List<?> ? f.value()
                    : Opts.string(values, f.id()));
        }
    }
}

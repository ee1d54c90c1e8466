package io.floe.engine.config;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a form field's {@code type} lets a person send, as the dashboard renders it ({@code forms.js}): a yes/no, a
 * whole number, a number, one of the field's {@code options}, or text. Every value is kept as text, the way data nodes
 * read values (floe-spec §3.7) and tasks get them ({@link ValueVariables}).
 */
enum FieldKind {
    BOOL("true or false"),
    INTEGER("a whole number"),
    NUMBER("a number"),
    CHOICE("one of its options"),
    TEXT("text");

    private static final Pattern WHOLE = Pattern.compile("[-+]?[0-9]{1,18}");
    private static final Pattern DECIMAL = Pattern.compile("[-+]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][-+]?[0-9]+)?");

    private final String wants;

    FieldKind(String wants) {
        this.wants = wants;
    }

    /** The kind a field's declared type asks for; unknown types are text, as the dashboard shows them. */
    static FieldKind of(DataForm.Field field) {
        String t = field.type().trim().toLowerCase(Locale.ROOT);
        return switch (t) {
            case "bool", "boolean", "checkbox" -> BOOL;
            case "int", "integer" -> INTEGER;
            case "number", "float", "decimal" -> NUMBER;
            case "select", "choice", "radio" -> field.options().isEmpty() ? TEXT : CHOICE;
            default -> TEXT;
        };
    }

    /** What the kind accepts, for error messages. */
    String wants() {
        return wants;
    }

    /**
     * The value as text when this kind accepts it. An empty text is accepted by every kind: a field left blank.
     * Lists and objects are never accepted.
     */
    Optional<String> accept(Object value, List<String> options) {
        if (!(value instanceof String || value instanceof Number || value instanceof Boolean)) {
            return Optional.empty();
        }
        String text = text(value);
        if (text.isEmpty()) {
            return Optional.of(text);
        }
        return switch (this) {
            case BOOL -> text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")
                    ? Optional.of(text.toLowerCase(Locale.ROOT)) : Optional.empty();
            case INTEGER -> WHOLE.matcher(text.trim()).matches()
                    ? Optional.of(Long.toString(Long.parseLong(text.trim()))) : Optional.empty();
            case NUMBER -> DECIMAL.matcher(text.trim()).matches() ? Optional.of(text.trim()) : Optional.empty();
            case CHOICE -> options.contains(text) ? Optional.of(text) : Optional.empty();
            case TEXT -> Optional.of(text);
        };
    }

    /** JSON numbers arrive as doubles: a whole one is written without its ".0". */
    private static String text(Object value) {
        if (value instanceof Double d && !d.isInfinite() && d == Math.rint(d) && Math.abs(d) < 1e18) {
            return Long.toString(d.longValue());
        }
        return value.toString();
    }
}

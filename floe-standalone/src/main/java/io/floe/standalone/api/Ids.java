package io.floe.standalone.api;

import java.util.regex.Pattern;

/**
 * The one rule for ids that reach this host from outside (flow, node, host and run ids in paths and in offered pends):
 * no spaces, slashes or control characters, no leading full stop (so never {@code .} or {@code ..}), and at most
 * {@value #MAX} characters. Flow and node ids of a config have no full stops at all (floe-spec §2.5); host names may
 * ({@code -host_name=ci-1.example}), and run ids carry them. Checked once, where they enter, so
 * {@code ../../x} never gets as far as a path.
 */
public final class Ids {
    static final int MAX = 128;
    private static final Pattern ID = Pattern.compile("(?!\\.)[^\\s/\\\\\\p{Cntrl}]{1," + MAX + "}");
    /** The rule in words, for error messages. */
    public static final String RULE = "ids are 1 to " + MAX + " characters without spaces, slashes or control "
            + "characters, and do not start with a full stop";

    private Ids() {}

    public static boolean valid(String id) {
        return id != null && ID.matcher(id).matches();
    }

    /** {@code id}, or a 400 naming {@code what} (e.g. "flow id") and the rule. */
    public static String require(String what, String id) {
        if (!valid(id)) {
            throw ApiException.badRequest(what + " '" + printable(id) + "' is not an id: " + RULE);
        }
        return id;
    }

    private static String printable(String id) {
        if (id == null) {
            return "";
        }
        String s = id.length() > MAX ? id.substring(0, MAX) + "…" : id;
        return s.replaceAll("\\p{Cntrl}", "?");
    }
}

package io.floe.standalone.api;

import java.util.regex.Pattern;

/**
 * The one rule for ids that reach this host from outside (flow, node, host and run ids in paths and in offered pends):
 * the original's ids have no spaces or full stops (floe-spec §2.5), and since floe makes folders and files of them,
 * no slashes or control characters either, and at most {@value #MAX} characters. Checked once, where they enter, so
 * {@code ../../x} never gets as far as a path.
 */
public final class Ids {
    static final int MAX = 128;
    private static final Pattern ID = Pattern.compile("[^\\s./\\\\\\p{Cntrl}]{1," + MAX + "}");

    private Ids() {}

    public static boolean valid(String id) {
        return id != null && ID.matcher(id).matches();
    }

    /** {@code id}, or a 400 naming {@code what} (e.g. "flow id") and the rule. */
    public static String require(String what, String id) {
        if (!valid(id)) {
            throw ApiException.badRequest(what + " '" + printable(id) + "' is not an id: ids are 1 to " + MAX
                    + " characters without spaces, full stops, slashes or control characters");
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

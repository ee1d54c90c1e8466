package io.floe.engine.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The one rule for a task's {@code artifacts} option: a glob or a list of globs, each relative to the task's folder
 * ({@code sub-dir} in the workspace) and written with {@code /}: {@code build/reports/**}, {@code *.log}. A glob that
 * is absolute or climbs with {@code ..} is a config error, since artifacts are only ever taken from inside the workspace.
 */
public final class ArtifactGlobs {
    public static final String KEY = "artifacts";

    private ArtifactGlobs() {}

    /** The globs of a task's opts; empty when it keeps none. Call {@link #problems} first: bad globs are dropped. */
    public static List<String> of(Map<String, ?> opts) {
        List<String> out = new ArrayList<>();
        for (String g : raw(opts.get(KEY))) {
            if (problem(g) == null) {
                out.add(g.trim());
            }
        }
        return out;
    }

    /** What is wrong with a task's {@code artifacts} option, one message per problem; empty when it is fine. */
    public static List<String> problems(Map<String, ?> opts) {
        Object v = opts.get(KEY);
        List<String> out = new ArrayList<>();
        if (v == null) {
            return out;
        }
        if (!(v instanceof String) && !(v instanceof List<?>)) {
            out.add("artifacts must be a glob or a list of globs, e.g. artifacts: [build/reports/**, '*.log']");
            return out;
        }
        if (v instanceof List<?> list) {
            for (Object o : list) {
                if (!(o instanceof String)) {
                    out.add("artifacts must list globs as text, not " + o);
                }
            }
        }
        for (String g : raw(v)) {
            String p = problem(g);
            if (p != null) {
                out.add(p);
            }
        }
        return out;
    }

    private static List<String> raw(Object v) {
        List<String> out = new ArrayList<>();
        if (v instanceof String s) {
            out.add(s);
        } else if (v instanceof List<?> list) {
            for (Object o : list) {
                if (o instanceof String s) {
                    out.add(s);
                }
            }
        }
        return out;
    }

    private static String problem(String glob) {
        String g = glob.trim();
        if (g.isEmpty()) {
            return "artifacts has an empty glob: give a path relative to the task's folder, e.g. build/*.xml";
        }
        if (g.startsWith("/") || g.startsWith("\\") || g.startsWith("~") || g.matches("^[A-Za-z]:.*")) {
            return "artifacts glob '" + glob + "' is absolute: give a path relative to the task's folder, inside "
                    + "the workspace";
        }
        for (String part : g.split("[/\\\\]")) {
            if (part.equals("..")) {
                return "artifacts glob '" + glob + "' climbs out with '..': give a path inside the task's folder";
            }
        }
        return null;
    }
}

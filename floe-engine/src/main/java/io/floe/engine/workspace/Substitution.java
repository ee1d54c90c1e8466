package io.floe.engine.workspace;

import io.floe.engine.spi.Workspace;
import java.util.Map;

/**
 * The substitutions applied to a task's env entries, command and arguments (floe-spec §2.8): {@code {{ws}}} becomes
 * the workspace path, a leading {@code ./} or a lone {@code .} becomes the workspace, and {@code $NAME} or
 * {@code ${NAME}} becomes the value of NAME in the task's own environment.
 *
 * <p>Two deliberate changes from the original (DESIGN.md "Decisions"): variables are looked up in the environment
 * given here (the task's environment), never in the host process's; and {@link #leavingVars} gives a substitution
 * that leaves {@code $…} alone, for shell scripts, whose variables are the shell's business.
 */
public final class Substitution {
    private static final String WS = "{{ws}}";

    private final String workspace;
    private final Map<String, String> vars;

    private Substitution(String workspace, Map<String, String> vars) {
        this.workspace = workspace;
        this.vars = vars;
    }

    /**
     * A substitution that expands {@code $NAME} from {@code env}. The map is read at each call, not copied, so an
     * environment being built entry by entry can refer to the entries before.
     */
    public static Substitution expandingVars(Workspace workspace, Map<String, String> env) {
        return new Substitution(workspace.root().toString(), env);
    }

    /** A substitution that leaves {@code $NAME} as written: {@code {{ws}}}, {@code ./} and {@code .} still expand. */
    public static Substitution leavingVars(Workspace workspace) {
        return new Substitution(workspace.root().toString(), null);
    }

    /**
     * expandWs: {@code /{{ws}}} and {@code {{ws}}} become the workspace path (so {@code /go/{{ws}}} gives no double
     * slash), and variables are expanded. Variables go first, so a workspace path holding a {@code $} stays intact.
     */
    public String expandWs(String s) {
        String out = vars == null ? s : expandVars(s, vars);
        return out.replace("/" + WS, WS).replace(WS, workspace);
    }

    /**
     * expandValue: a lone {@code .} is the workspace; a leading {@code ./} (but not {@code ./...}, the Go package
     * wildcard) is made workspace-relative; then {@link #expandWs}.
     */
    public String expandValue(String s) {
        if (s.equals(".")) {
            return expandWs(WS);
        }
        if (s.startsWith("./") && !s.startsWith("./...")) {
            return expandWs(WS + "/" + s.substring(2));
        }
        return expandWs(s);
    }

    /**
     * expandEnv, for env entries and arguments: {@code K=V} with exactly one {@code =} becomes {@code K=} followed by
     * {@link #expandValue}(V); anything else is {@link #expandValue}(s) as a whole.
     */
    public String expandEnv(String s) {
        int eq = s.indexOf('=');
        if (eq >= 0 && s.indexOf('=', eq + 1) < 0) {
            return s.substring(0, eq + 1) + expandValue(s.substring(eq + 1));
        }
        return expandValue(s);
    }

    /**
     * Replaces {@code $NAME} and {@code ${NAME}} with NAME's value in {@code env} (empty when unset). NAME is letters,
     * digits and underscores, or one of the shell's special characters ({@code $1}, {@code $?}…). A {@code $} that
     * starts no name, and an unclosed {@code ${}, are kept as written.
     */
    public static String expandVars(String s, Map<String, String> env) {
        int dollar = s.indexOf('$');
        if (dollar < 0) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length() + 32);
        int i = 0;
        while (dollar >= 0 && dollar + 1 < s.length()) {
            out.append(s, i, dollar);
            int start = dollar + 1;
            char c = s.charAt(start);
            String name;
            int end;
            if (c == '{') {
                int close = s.indexOf('}', start + 1);
                if (close < 0) {
                    name = "";
                    end = start;
                } else {
                    name = s.substring(start + 1, close);
                    end = close + 1;
                }
            } else if (isSpecial(c)) {
                name = String.valueOf(c);
                end = start + 1;
            } else {
                end = start;
                while (end < s.length() && isNameChar(s.charAt(end))) {
                    end++;
                }
                name = s.substring(start, end);
            }
            if (end == start) {
                // not a reference: keep the $ (the original dropped it)
                out.append('$');
                i = start;
            } else {
                out.append(env.getOrDefault(name, ""));
                i = end;
            }
            dollar = s.indexOf('$', i);
        }
        out.append(s, i, s.length());
        return out.toString();
    }

    private static boolean isSpecial(char c) {
        return "*#$@!?-0123456789".indexOf(c) >= 0;
    }

    private static boolean isNameChar(char c) {
        return c == '_' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
    }
}

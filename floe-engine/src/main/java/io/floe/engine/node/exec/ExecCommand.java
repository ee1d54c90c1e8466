package io.floe.engine.node.exec;

import io.floe.engine.config.Opts;
import io.floe.engine.workspace.Substitution;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What an exec task runs, as configured (floe-spec §4.5): a program and its arguments ({@code cmd}), or a bash script
 * ({@code shell}), with an optional list of {@code args}. {@code cmd} wins when both are given.
 *
 * @param shell   true for a {@code shell} script, run as {@code bash -c <script>}
 * @param program the program (cmd mode) or the script (shell mode), before substitution
 * @param args    the arguments, before substitution
 */
record ExecCommand(boolean shell, String program, List<String> args) {
    /** The program that runs shell scripts. */
    static final String BASH = "bash";
    /** The message for an exec with nothing to run. */
    static final String MISSING = "exec needs a cmd or a shell option";

    private static final Pattern SPACES = Pattern.compile("[ \\t]+");
    private static final Pattern SHELL_SAFE = Pattern.compile("[A-Za-z0-9_./:=,+@%^-]+");

    ExecCommand {
        args = List.copyOf(args);
    }

    /**
     * Reads {@code cmd}/{@code shell} and {@code args}. A {@code cmd} without {@code args} is split into program and
     * arguments on runs of spaces and tabs (the original split on single spaces, so two spaces gave an empty
     * argument). A shell script is never split.
     */
    static Optional<ExecCommand> from(Map<String, ?> opts) {
        String cmd = Opts.string(opts, "cmd").strip();
        String script = Opts.string(opts, "shell").strip();
        List<String> args = Opts.strings(opts, "args");
        if (!cmd.isEmpty()) {
            if (!args.isEmpty()) {
                return Optional.of(new ExecCommand(false, cmd, args));
            }
            String[] parts = SPACES.split(cmd);
            return Optional.of(new ExecCommand(false, parts[0], Arrays.asList(parts).subList(1, parts.length)));
        }
        if (!script.isEmpty()) {
            return Optional.of(new ExecCommand(true, script, args));
        }
        return Optional.empty();
    }

    /**
     * The command line to start, substituted (floe-spec §2.8): in cmd mode the program gets {@code expandWs} and
     * each argument {@code expandEnv}, variables included. In shell mode the script gets {@code expandEnv} with its
     * {@code $VARS} left for bash, and each argument is substituted like a cmd argument and then appended
     * shell-quoted, so an argument with spaces stays one argument.
     *
     * @param vars   substitution that expands variables from the task's environment
     * @param noVars substitution that leaves variables alone
     */
    List<String> argv(Substitution vars, Substitution noVars) {
        List<String> out = new ArrayList<>(args.size() + 3);
        if (shell) {
            StringBuilder sb = new StringBuilder(noVars.expandEnv(program));
            for (String a : args) {
                sb.append(' ').append(quote(vars.expandEnv(a)));
            }
            out.add(BASH);
            out.add("-c");
            out.add(sb.toString());
        } else {
            out.add(vars.expandWs(program));
            for (String a : args) {
                out.add(vars.expandEnv(a));
            }
        }
        return out;
    }

    /** {@code s} as one bash word: as is when it holds no special characters, else in single quotes. */
    static String quote(String s) {
        if (!s.isEmpty() && SHELL_SAFE.matcher(s).matches()) {
            return s;
        }
        return "'" + s.replace("'", "'\\''") + "'";
    }
}

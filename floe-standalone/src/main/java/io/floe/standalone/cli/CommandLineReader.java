package io.floe.standalone.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a command line against a {@link CommandSyntax}: an optional subcommand first, then options in any order as
 * {@code name=value} or {@code name value}, the positional argument anywhere, and after {@code --} only arguments.
 * {@code -h}/{@code --help} or {@code -V}/{@code --version} anywhere win over the rest. Floe's own, small and
 * compiled for this JDK, so the class-data archives of {@code ./floe} hold it (docs/BENCHMARKS.md, figure 12).
 */
final class CommandLineReader {
    private CommandLineReader() {}

    static CommandLineRead read(CommandSyntax root, String... args) {
        CommandSyntax command = root;
        int start = 0;
        if (args.length > 0 && root.subcommand(args[0]).isPresent()) {
            command = root.subcommand(args[0]).get();
            start = 1;
        }
        for (int i = start; i < args.length && !args[i].equals("--"); i++) {
            if (OptionSpec.HELP.names().contains(args[i])) {
                return new CommandLineRead.HelpWanted(command);
            }
            if (OptionSpec.VERSION.names().contains(args[i])) {
                return new CommandLineRead.VersionWanted();
            }
        }
        return new Reading(command, args).from(start);
    }

    /** One pass over the tokens of one command. */
    private static final class Reading {
        private final CommandSyntax command;
        private final String[] args;
        private final Map<String, List<String>> options = new LinkedHashMap<>();
        private final List<String> arguments = new ArrayList<>();

        Reading(CommandSyntax command, String[] args) {
            this.command = command;
            this.args = args;
        }

        CommandLineRead from(int start) {
            boolean onlyArguments = false;
            for (int i = start; i < args.length; i++) {
                String a = args[i];
                if (onlyArguments || !a.startsWith("-") || a.equals("-")) {
                    arguments.add(a);
                    continue;
                }
                if (a.equals("--")) {
                    onlyArguments = true;
                    continue;
                }
                int eq = a.indexOf('=');
                String name = eq > 0 ? a.substring(0, eq) : a;
                Optional<OptionSpec> spec = command.option(name);
                if (spec.isEmpty()) {
                    return refused(unknown(name));
                }
                OptionSpec o = spec.get();
                String value;
                if (eq > 0) {
                    value = a.substring(eq + 1);
                } else if (o.arity() == OptionSpec.Arity.SWITCH) {
                    boolean next = i + 1 < args.length && (args[i + 1].equals("true") || args[i + 1].equals("false"));
                    value = next ? args[++i] : "true";
                } else if (i + 1 < args.length && !args[i + 1].startsWith("-")) {
                    value = args[++i];
                } else {
                    return refused("missing value for " + name + " (give it as " + name + " " + o.label()
                            + (i + 1 < args.length ? ", or " + o.usage(name) + " for a value that starts with '-'"
                            : "") + ")");
                }
                Optional<String> wrong = check(name, o, value);
                if (wrong.isPresent()) {
                    return refused(wrong.get());
                }
                List<String> values = options.computeIfAbsent(o.key(), k -> new ArrayList<>());
                if (!values.isEmpty() && o.arity() != OptionSpec.Arity.MANY) {
                    return refused(name + " is given twice ('" + values.get(0) + "', then '" + value
                            + "'): give it once");
                }
                values.add(value);
            }
            return ended();
        }

        private CommandLineRead ended() {
            Optional<CommandSyntax.Argument> wanted = command.argument();
            int allowed = wanted.isPresent() ? 1 : 0;
            if (arguments.size() > allowed) {
                String extra = arguments.get(allowed);
                String why = wanted.map(w -> command.name() + " takes one " + w.label() + ", and "
                        + arguments.get(0) + " came first").orElse(command.name() + " takes options only");
                Optional<CommandSyntax> sub = command.subcommand(extra);
                Optional<CommandSyntax> near = command.subcommands().stream()
                        .filter(c -> distance(c.word(), extra) <= 2).findFirst();
                return refused("unexpected argument '" + extra + "' (" + why + (sub.isPresent()
                        ? "; a command comes first: " + sub.get().name() + " …"
                        : near.map(c -> "; did you mean " + c.name() + "?").orElse("")) + ")");
            }
            if (wanted.isPresent() && arguments.isEmpty()) {
                String what = lowerFirst(wanted.get().description()).replaceAll("\\.$", "");
                return refused("missing " + wanted.get().label() + ", " + what + ": " + command.name() + " "
                        + wanted.get().label());
            }
            return new CommandLineRead.Parsed(command, options,
                    arguments.isEmpty() ? Optional.empty() : Optional.of(arguments.get(0)));
        }

        private static Optional<String> check(String name, OptionSpec o, String value) {
            if (o.arity() == OptionSpec.Arity.SWITCH && !value.equals("true") && !value.equals("false")) {
                return Optional.of(name + " takes true or false, not '" + value + "'");
            }
            if (o.form() == OptionSpec.Form.KEY_VALUE && value.indexOf('=') <= 0) {
                return Optional.of(name + " " + value + " is not " + o.label() + " (give it as " + name
                        + " name=value)");
            }
            return Optional.empty();
        }

        private String unknown(String name) {
            String text = "unknown option " + name;
            Optional<String> near = command.options().stream().flatMap(o -> o.names().stream())
                    .filter(n -> n.startsWith("--") == name.startsWith("--"))
                    .filter(n -> distance(n, name) <= Math.max(1, name.length() / 4))
                    .min(java.util.Comparator.comparingInt(n -> distance(n, name)));
            return near.map(n -> text + "; did you mean " + n + "?").orElse(text);
        }

        private CommandLineRead refused(String problem) {
            return new CommandLineRead.Refused(command, problem);
        }
    }

    /** Edits (insert, delete, replace, swap two neighbours) from {@code a} to {@code b}. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            for (int j = 0; j <= b.length(); j++) {
                if (i == 0 || j == 0) {
                    d[i][j] = i + j;
                    continue;
                }
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }

    private static String lowerFirst(String s) {
        return s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }
}

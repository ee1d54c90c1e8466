package io.floe.standalone.cli;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * The command lines a start sees nearly always ({@code floe run CONFIG --flow …}, {@code floe -conf=… -pub_bind=…}),
 * read without picocli. Picocli is compiled for Java 5, which the class-data archives of {@code ./floe} cannot hold:
 * its ~175 classes were parsed and verified at every start, a quarter of {@code floe run}'s time (docs/BENCHMARKS.md,
 * figure 12). Anything this does not know for certain — help, version, {@code hash-password}, a repeated or unknown
 * option, a value that looks like an option, an {@code @file} — gives empty, and picocli reads the command line as it
 * always did, with its own messages and exit codes. So the options set here are exactly those picocli would set.
 */
final class PlainCommandLine {
    private PlainCommandLine() {}

    /** {@code floe run CONFIG [--flow ID] [--trigger ID] [--root DIR] [--data K=V]…}, else empty. */
    static Optional<RunCommand> run(String[] args) {
        if (args.length < 2 || !"run".equals(args[0]) || anyArgumentFile(args)) {
            return Optional.empty();
        }
        RunCommand run = new RunCommand();
        Set<String> seen = new HashSet<>();
        try {
            for (int i = 1; i < args.length; i++) {
                String arg = args[i];
                if (!arg.startsWith("-")) {
                    if (run.configFile != null || arg.isEmpty()) {
                        return Optional.empty();
                    }
                    run.configFile = Path.of(arg);
                    continue;
                }
                Option o = Option.of(arg, args, i);
                if (o == null) {
                    return Optional.empty();
                }
                i = o.next() - 1;
                switch (o.name()) {
                    case "--flow" -> run.flowId = o.value();
                    case "--trigger" -> run.triggerId = o.value();
                    case "--root" -> run.root = Path.of(o.value());
                    case "--data" -> {
                        int eq = o.value().indexOf('=');
                        if (eq <= 0 || run.data.containsKey(o.value().substring(0, eq))) {
                            return Optional.empty();
                        }
                        run.data.put(o.value().substring(0, eq), o.value().substring(eq + 1));
                        continue;
                    }
                    default -> {
                        return Optional.empty();
                    }
                }
                if (!seen.add(o.name())) {
                    return Optional.empty(); // picocli refuses a single-valued option given twice
                }
            }
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
        return run.configFile == null ? Optional.empty() : Optional.of(run);
    }

    /** A host's command line (no subcommand; the flags of {@link FloeCommand}), else empty. */
    static Optional<FloeCommand> host(String[] args) {
        if (anyArgumentFile(args)) {
            return Optional.empty();
        }
        FloeCommand host = new FloeCommand();
        Set<String> seen = new HashSet<>();
        try {
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                String name = arg.startsWith("--") ? arg.substring(1) : arg;
                if (name.equals("-dev") || name.equals("-dev=true") || name.equals("-dev=false")) {
                    // picocli would take a following true/false as -dev's value: left to it
                    if (i + 1 < args.length && !args[i + 1].startsWith("-") || !seen.add("-dev")) {
                        return Optional.empty();
                    }
                    host.dev = !name.equals("-dev=false");
                    continue;
                }
                Option o = Option.of(name, args, i);
                if (o == null || !seen.add(o.name())) {
                    return Optional.empty();
                }
                i = o.next() - 1;
                String v = o.value();
                switch (o.name()) {
                    case "-conf" -> host.conf = Path.of(v);
                    case "-host_name" -> host.hostName = v;
                    case "-tags" -> host.tags = v;
                    case "-admin" -> host.admin = v;
                    case "-admin_file" -> host.adminFile = Path.of(v);
                    case "-pub_bind" -> host.pubBind = v;
                    case "-pub_cert" -> host.pubCert = Path.of(v);
                    case "-pub_key" -> host.pubKey = Path.of(v);
                    case "-prv_bind" -> host.prvBind = v;
                    case "-prv_cert" -> host.prvCert = Path.of(v);
                    case "-prv_key" -> host.prvKey = Path.of(v);
                    case "-root" -> host.root = Path.of(v);
                    default -> {
                        return Optional.empty();
                    }
                }
            }
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
        return Optional.of(host);
    }

    /** Picocli reads {@code @FILE} as more arguments from that file. */
    private static boolean anyArgumentFile(String[] args) {
        for (String a : args) {
            if (a.startsWith("@")) {
                return true;
            }
        }
        return false;
    }

    /**
     * An option with its value, {@code name=value} or {@code name value}; {@code next} is the index after it. Null for
     * what is left to picocli: no value, an empty one, or one that starts as an option does.
     */
    private record Option(String name, String value, int next) {
        private static final Set<String> SUBCOMMANDS = Set.of("run", "hash-password");

        static Option of(String arg, String[] args, int i) {
            int eq = arg.indexOf('=');
            if (eq > 0) {
                String value = arg.substring(eq + 1);
                return value.isEmpty() ? null : new Option(arg.substring(0, eq), value, i + 1);
            }
            if (i + 1 >= args.length || args[i + 1].isEmpty() || args[i + 1].startsWith("-")
                    || SUBCOMMANDS.contains(args[i + 1])) {
                return null; // picocli takes neither an option nor a subcommand's name as an option's value
            }
            return new Option(arg, args[i + 1], i + 2);
        }
    }
}

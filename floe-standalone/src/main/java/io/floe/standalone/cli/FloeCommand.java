package io.floe.standalone.cli;

import io.floe.standalone.host.AdminTokenSource;
import io.floe.standalone.host.HostOptions;
import io.floe.standalone.host.HostProcess;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code floe}: starts a host, with the original's flags ({@code -name=value}, {@code --name=value} or
 * {@code -name value}). The subcommand {@code run} runs one flow to its end instead; {@code hash-password} hashes a
 * password for the config. Every command line is read by {@link CommandLineReader} from the tables of options here,
 * in {@link RunCommand} and in {@link HashPasswordCommand}, which also give {@code --help}.
 */
public final class FloeCommand {
    private static final Logger log = LoggerFactory.getLogger(FloeCommand.class);

    static final CommandSyntax SYNTAX = new CommandSyntax("floe",
            List.of("A workflow engine for long-running business processes. Without a command, starts a host."),
            List.of(
                    OptionSpec.value(List.of("-conf", "--conf"), "FILE", "The config (default: default.yml)."),
                    OptionSpec.value(List.of("-host_name", "--host_name"), "NAME",
                            "This host's id, used in run ids (default: h1)."),
                    OptionSpec.value(List.of("-tags", "--tags"), "TAGS", "Host tags, comma separated "
                            + "(default: master)."),
                    OptionSpec.value(List.of("-admin", "--admin"), "TOKEN",
                            "The admin token on the command line, where every local process can read it: prefer "
                                    + "-admin_file or FLOE_ADMIN. Scripts and other hosts send it in X-Floe-Auth; "
                                    + "people log in as admin with it."),
                    OptionSpec.value(List.of("-admin_file", "--admin_file"), "FILE",
                            "A file holding the admin token, readable by the host's user only (chmod 600). Or set "
                                    + "the FLOE_ADMIN environment variable, which tasks never inherit."),
                    OptionSpec.value(List.of("-pub_bind", "--pub_bind"), "ADDR",
                            "Address of the public server (default: 127.0.0.1:8080)."),
                    OptionSpec.value(List.of("-pub_cert", "--pub_cert"), "FILE", "TLS certificate (PEM)."),
                    OptionSpec.value(List.of("-pub_key", "--pub_key"), "FILE", "TLS private key (PEM)."),
                    OptionSpec.value(List.of("-prv_bind", "--prv_bind"), "ADDR",
                            "Address of a second (private) server with the same routes, e.g. for host-to-host "
                                    + "traffic."),
                    OptionSpec.value(List.of("-prv_cert", "--prv_cert"), "FILE",
                            "TLS certificate (PEM) of the private server (-prv_bind); with -prv_key it serves "
                                    + "HTTPS."),
                    OptionSpec.value(List.of("-prv_key", "--prv_key"), "FILE",
                            "TLS private key (PEM) of the private server (-prv_bind)."),
                    OptionSpec.value(List.of("-root", "--root"), "DIR",
                            "Root for workspaces and the store (overrides workspace-root and store-root)."),
                    new OptionSpec(List.of("-dev", "--dev"), "true|false", OptionSpec.Arity.SWITCH,
                            OptionSpec.Form.TEXT, "Serve the dashboard from ./src-webapp/webapp instead of the jar.")),
            Optional.empty(), List.of(RunCommand.SYNTAX, HashPasswordCommand.SYNTAX),
            List.of(new CommandSyntax.ExitCode(ExitCodes.GOOD, "stopped cleanly (SIGTERM, Ctrl-C)"),
                    new CommandSyntax.ExitCode(1, "could not start (a port in use, a bad certificate…)"),
                    new CommandSyntax.ExitCode(ExitCodes.USAGE, "the config or the command line is wrong")));

    final Path conf;
    final String hostName;
    final String tags;
    final String admin;
    final Path adminFile;
    final String pubBind;
    final Path pubCert;
    final Path pubKey;
    final String prvBind;
    final Path prvCert;
    final Path prvKey;
    final Path root;
    final boolean dev;

    /** The host's options as read from its command line; the defaults where one is not given. */
    FloeCommand(CommandLineRead.Parsed p) {
        conf = Path.of(p.value("-conf").orElse("default.yml"));
        hostName = p.value("-host_name").orElse("h1");
        tags = p.value("-tags").orElse("master");
        admin = p.value("-admin").orElse("");
        adminFile = p.value("-admin_file").map(Path::of).orElse(null);
        pubBind = p.value("-pub_bind").orElse("127.0.0.1:8080");
        pubCert = p.value("-pub_cert").map(Path::of).orElse(null);
        pubKey = p.value("-pub_key").map(Path::of).orElse(null);
        prvBind = p.value("-prv_bind").orElse("");
        prvCert = p.value("-prv_cert").map(Path::of).orElse(null);
        prvKey = p.value("-prv_key").map(Path::of).orElse(null);
        root = p.value("-root").map(Path::of).orElse(null);
        dev = p.on("-dev");
    }

    /** Runs {@code args} on the process's standard output and error; the exit code. */
    public static int execute(String[] args) {
        return StdWriters.call((out, err) -> execute(out, err, args));
    }

    /**
     * Runs the command {@code args} name, printing to {@code out} and {@code err}; the exit code ({@link ExitCodes}:
     * 2 with the problem and a pointer to {@code --help} when the command line is wrong; 1 with the stack trace when
     * the command throws).
     */
    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        try {
            return run(out, err, args);
        } catch (Exception e) {
            e.printStackTrace(err);
            err.flush();
            return 1;
        }
    }

    /**
     * Whether {@code args} are a host's command line that {@link #execute} would start a host with; what is wrong
     * with them on {@code err} when not. Starts nothing: for checking a deployment's flags (deploy/floe.service).
     */
    public static boolean readsAsAHost(PrintWriter err, String... args) {
        CommandLineRead read = CommandLineReader.read(SYNTAX, args);
        if (read instanceof CommandLineRead.Parsed p && p.command() == SYNTAX) {
            return true;
        }
        err.println(read instanceof CommandLineRead.Refused r ? r.command().name() + ": " + r.problem()
                : "floe: " + String.join(" ", args) + " is not a host's command line (it asks for help or the version, "
                + "or names a command)");
        return false;
    }

    private static int run(PrintWriter out, PrintWriter err, String... args) throws Exception {
        CommandLineRead read = CommandLineReader.read(SYNTAX, args);
        if (read instanceof CommandLineRead.HelpWanted h) {
            out.print(HelpText.of(h.command()));
            out.flush();
            return ExitCodes.GOOD;
        }
        if (read instanceof CommandLineRead.VersionWanted) {
            out.println("floe " + Version.text());
            out.flush();
            return ExitCodes.GOOD;
        }
        if (read instanceof CommandLineRead.Refused r) {
            err.println(r.command().name() + ": " + r.problem());
            err.println("Try '" + r.command().name() + " --help'.");
            err.flush();
            return ExitCodes.USAGE;
        }
        CommandLineRead.Parsed p = (CommandLineRead.Parsed) read;
        if (p.command() == RunCommand.SYNTAX) {
            return new RunCommand(p).call(out, err);
        }
        if (p.command() == HashPasswordCommand.SYNTAX) {
            return new HashPasswordCommand().call(out, err);
        }
        return new FloeCommand(p).call(out, err);
    }

    /** Runs the host, printing to {@code out} and {@code err}, until it is stopped; the exit code. */
    int call(PrintWriter out, PrintWriter err) {
        String adminToken;
        try {
            adminToken = AdminTokenSource.resolve(admin, adminFile, System.getenv(), log::warn);
        } catch (AdminTokenSource.Refused e) {
            err.println("floe: " + e.getMessage());
            err.flush();
            return ExitCodes.USAGE;
        }
        if (!io.floe.standalone.api.Ids.valid(hostName)) {
            // run ids are <host>-<n> and name folders: a host name the API would refuse in a path is refused here
            err.println("floe: -host_name '" + hostName + "' is not an id: " + io.floe.standalone.api.Ids.RULE);
            err.flush();
            return ExitCodes.USAGE;
        }
        HostOptions options = new HostOptions(conf, hostName, splitTags(tags), adminToken, pubBind, pubCert, pubKey,
                prvBind, prvCert, prvKey, root, dev);
        return new HostProcess(options, out, err).run();
    }

    /** As the original: comma separated, each trimmed; an empty string gives one empty tag. */
    static List<String> splitTags(String text) {
        return java.util.Arrays.stream(text.split(",", -1)).map(String::trim).toList();
    }
}

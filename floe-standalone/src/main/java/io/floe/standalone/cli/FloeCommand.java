package io.floe.standalone.cli;

import io.floe.standalone.host.AdminTokenSource;
import io.floe.standalone.host.HostOptions;
import io.floe.standalone.host.HostProcess;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code floe}: starts a host, with the original's flags ({@code -name=value}, {@code --name=value} or
 * {@code -name value}). The subcommand {@code run} runs one flow to its end instead.
 */
@Command(name = "floe", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "A workflow engine for long-running business processes. Without a subcommand, starts a host.",
        subcommands = {RunCommand.class, HashPasswordCommand.class}, sortOptions = false,
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:stopped cleanly (SIGTERM, Ctrl-C)", "1:could not start (a port in use, a bad certificate…)",
            "2:the config or the command line is wrong"})
public final class FloeCommand implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(FloeCommand.class);
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = {"-conf", "--conf"}, paramLabel = "FILE", description = "The config (default: default.yml).")
    Path conf = Path.of("default.yml");

    @Option(names = {"-host_name", "--host_name"}, paramLabel = "NAME",
            description = "This host's id, used in run ids (default: h1).")
    String hostName = "h1";

    @Option(names = {"-tags", "--tags"}, paramLabel = "TAGS", description = "Host tags, comma separated "
            + "(default: master).")
    String tags = "master";

    @Option(names = {"-admin", "--admin"}, paramLabel = "TOKEN",
            description = "The admin token on the command line, where every local process can read it: prefer "
                    + "-admin_file or FLOE_ADMIN. Scripts and other hosts send it in X-Floe-Auth; people log in as "
                    + "admin with it.")
    String admin = "";

    @Option(names = {"-admin_file", "--admin_file"}, paramLabel = "FILE",
            description = "A file holding the admin token, readable by the host's user only (chmod 600). Or set the "
                    + "FLOE_ADMIN environment variable, which tasks never inherit.")
    Path adminFile;

    @Option(names = {"-pub_bind", "--pub_bind"}, paramLabel = "ADDR",
            description = "Address of the public server (default: 127.0.0.1:8080).")
    String pubBind = "127.0.0.1:8080";

    @Option(names = {"-pub_cert", "--pub_cert"}, paramLabel = "FILE", description = "TLS certificate (PEM).")
    Path pubCert;

    @Option(names = {"-pub_key", "--pub_key"}, paramLabel = "FILE", description = "TLS private key (PEM).")
    Path pubKey;

    @Option(names = {"-prv_bind", "--prv_bind"}, paramLabel = "ADDR",
            description = "Address of a second (private) server with the same routes, e.g. for host-to-host "
                    + "traffic.")
    String prvBind = "";

    @Option(names = {"-prv_cert", "--prv_cert"}, paramLabel = "FILE",
            description = "TLS certificate (PEM) of the private server (-prv_bind); with -prv_key it serves HTTPS.")
    Path prvCert;

    @Option(names = {"-prv_key", "--prv_key"}, paramLabel = "FILE",
            description = "TLS private key (PEM) of the private server (-prv_bind).")
    Path prvKey;

    @Option(names = {"-root", "--root"}, paramLabel = "DIR",
            description = "Root for workspaces and the store (overrides workspace-root and store-root).")
    Path root;

    @Option(names = {"-dev", "--dev"}, arity = "0..1", fallbackValue = "true",
            description = "Serve the dashboard from ./src-webapp/webapp instead of the jar.")
    boolean dev;

    /** The command line with floe's conventions (exit codes, error texts on stderr). */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new FloeCommand());
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setParameterExceptionHandler((ex, args) -> {
            ex.getCommandLine().getErr().println("floe: " + ex.getMessage());
            ex.getCommandLine().getErr().println("Try 'floe --help'.");
            return ExitCodes.USAGE;
        });
        return cl;
    }

    /**
     * Runs {@code args} as {@link #commandLine()} does, with the same output and exit code; the usual command lines of
     * {@code floe run} and of a host are read without picocli ({@link PlainCommandLine}), for a faster start.
     */
    public static int execute(String[] args) {
        Optional<RunCommand> run = PlainCommandLine.run(args);
        if (run.isPresent()) {
            return StdWriters.call(run.get()::call);
        }
        Optional<FloeCommand> host = args.length > 0 && "run".equals(args[0]) ? Optional.empty()
                : PlainCommandLine.host(args);
        if (host.isPresent()) {
            return StdWriters.call(host.get()::call);
        }
        return commandLine().execute(args);
    }

    @Override
    public Integer call() {
        return call(spec.commandLine().getOut(), spec.commandLine().getErr());
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

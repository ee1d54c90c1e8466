package io.floe.standalone.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code floe}: the top command. Its subcommand {@code run} runs one flow to its end on an in-process host. */
@Command(name = "floe", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "A workflow engine for long-running business processes.",
        subcommands = {RunCommand.class})
public final class FloeCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** The command line with floe's conventions (exit codes, error texts on stderr). */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new FloeCommand());
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        return cl;
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return ExitCodes.USAGE;
    }
}

package io.floe.standalone.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What one command accepts, as a table: its options, its one positional argument if any, its subcommands and its exit
 * codes. Both the {@link CommandLineReader} and the {@link HelpText} are made from it, so an option is declared once.
 */
record CommandSyntax(String name, List<String> description, List<OptionSpec> options, Optional<Argument> argument,
        List<CommandSyntax> subcommands, List<ExitCode> exitCodes) {

    /** The positional argument ({@code CONFIG}). */
    record Argument(String label, String description) {}

    /** An exit code and what it means. */
    record ExitCode(int code, String meaning) {}

    /** The command's own options followed by {@code --help} and {@code --version}, which every command has. */
    CommandSyntax {
        description = List.copyOf(description);
        List<OptionSpec> all = new ArrayList<>(options);
        if (!all.contains(OptionSpec.HELP)) {
            all.add(OptionSpec.HELP);
            all.add(OptionSpec.VERSION);
        }
        options = List.copyOf(all);
        subcommands = List.copyOf(subcommands);
        exitCodes = List.copyOf(exitCodes);
    }

    /** The last word of the name: {@code run} for {@code floe run}. */
    String word() {
        return name.substring(name.lastIndexOf(' ') + 1);
    }

    Optional<OptionSpec> option(String name) {
        return options.stream().filter(o -> o.names().contains(name)).findFirst();
    }

    Optional<CommandSyntax> subcommand(String word) {
        return subcommands.stream().filter(c -> c.word().equals(word)).findFirst();
    }
}

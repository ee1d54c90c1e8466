package io.floe.standalone.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code --help} describes every option of every command, and says how {@code hash-password} reads the password. */
class HelpTextTest {
    @Test
    void everyOptionOfEveryCommandHasADescription() {
        CommandLine root = FloeCommand.commandLine();
        assertThat(root.getSubcommands()).isNotEmpty();
        for (CommandLine cl : java.util.stream.Stream.concat(java.util.stream.Stream.of(root),
                root.getSubcommands().values().stream()).toList()) {
            for (CommandLine.Model.OptionSpec o : cl.getCommandSpec().options()) {
                assertThat(String.join(" ", o.description()).trim())
                        .as("%s %s in --help", cl.getCommandName(), o.longestName()).isNotEmpty();
            }
        }
    }

    @Test
    void hashPasswordSaysWhereThePasswordComesFrom() {
        String usage = FloeCommand.commandLine().getSubcommands().get("hash-password").getUsageMessage()
                .replaceAll("\\s+", " ");
        assertThat(usage).contains("asked twice at a terminal, without echo", "first line of standard input");
    }
}

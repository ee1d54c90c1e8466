package io.floe.standalone.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@code --help} of every command names and describes every option it reads (both come from one table), and says how
 * {@code hash-password} reads the password.
 */
class HelpTextTest {
    @Test
    void everyOptionOfEveryCommandIsInItsHelpWithADescription() {
        for (CommandSyntax c : Stream.concat(Stream.of(FloeCommand.SYNTAX), FloeCommand.SYNTAX.subcommands().stream())
                .toList()) {
            List<String> words = List.of(c.name().split(" "));
            String help = help(Stream.concat(words.stream().skip(1), Stream.of("--help")).toArray(String[]::new));
            assertThat(help).startsWith("Usage: " + c.name());
            for (OptionSpec o : c.options()) {
                assertThat(o.description().trim()).as("%s %s in --help", c.name(), o.longName()).isNotEmpty();
                o.names().forEach(n -> assertThat(help).as("%s --help", c.name()).contains(n));
                assertThat(help.replaceAll("\\s+", " ")).contains(o.description());
            }
        }
    }

    @Test
    void theHostsHelpListsItsCommandsAndExitCodes() {
        String help = help("-h").replaceAll(" +", " ");
        assertThat(help).contains(" run Run one flow to its end", " hash-password Print a salted hash",
                "0 stopped cleanly", "2 the config or the command line is wrong", "-dev, --dev[=true|false]");
    }

    @Test
    void hashPasswordSaysWhereThePasswordComesFrom() {
        assertThat(help("hash-password", "--help").replaceAll("\\s+", " "))
                .contains("asked twice at a terminal, without echo", "first line of standard input");
    }

    @Test
    void noLineIsWiderThan80Columns() {
        for (String help : List.of(help("--help"), help("run", "--help"), help("hash-password", "-h"))) {
            assertThat(help.lines()).allSatisfy(l -> assertThat(l.length()).as(l).isLessThanOrEqualTo(80));
        }
    }

    private static String help(String... args) {
        StringWriter out = new StringWriter();
        int code = FloeCommand.execute(new PrintWriter(out, true), new PrintWriter(new StringWriter(), true), args);
        assertThat(code).isZero();
        return out.toString();
    }
}

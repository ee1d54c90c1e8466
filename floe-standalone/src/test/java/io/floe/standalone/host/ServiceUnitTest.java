package io.floe.standalone.host;

import static org.assertj.core.api.Assertions.assertThat;

import io.floe.standalone.cli.FloeCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The systemd unit in deploy/ as an operator installs it: systemd reads its stop as a success, floe its flags. */
class ServiceUnitTest {
    private static final Path UNIT = Path.of("..", "deploy", "floe.service");

    @Test
    void aStopBySystemdIsASuccessAndTheFlagsAreFloes() throws Exception {
        List<String> lines = Files.readAllLines(UNIT);
        assertThat(lines).as("systemctl stop sends SIGTERM; a JVM that dies of it exits 143")
                .anySatisfy(l -> assertThat(l.trim()).matches("SuccessExitStatus=.*\\b143\\b.*"));
        String exec = execStart(lines);
        List<String> words = new ArrayList<>(Arrays.asList(exec.trim().split("\\s+")));
        int jar = words.indexOf("-jar");
        assertThat(jar).as("ExecStart runs the jar: %s", exec).isPositive();
        List<String> flags = words.subList(jar + 2, words.size()).stream()
                .map(w -> w.replace("%H", "h1").replaceAll("\\$\\{[A-Z_]+}", "x")).toList();
        // reading fails on a flag floe does not know or a value of the wrong kind, saying which
        assertThat(flags).as("ExecStart passes flags: %s", exec).isNotEmpty();
        StringWriter err = new StringWriter();
        assertThat(FloeCommand.readsAsAHost(new PrintWriter(err, true), flags.toArray(String[]::new)))
                .as("%s read as a host's flags: %s", flags, err).isTrue();
    }

    /** ExecStart with its continuation lines joined. */
    private static String execStart(List<String> lines) {
        StringBuilder b = new StringBuilder();
        boolean in = false;
        for (String l : lines) {
            if (l.startsWith("ExecStart=")) {
                in = true;
                l = l.substring("ExecStart=".length());
            }
            if (in) {
                boolean more = l.endsWith("\\");
                b.append(more ? l.substring(0, l.length() - 1) : l).append(' ');
                if (!more) {
                    break;
                }
            }
        }
        return b.toString();
    }
}

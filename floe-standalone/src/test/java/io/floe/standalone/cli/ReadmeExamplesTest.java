package io.floe.standalone.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's {@code floe run} examples, run as written (from the repository's root, with {@code --root} added so
 * nothing is written to the home folder): each sample's command runs, and every line the sample shows (times aside)
 * is printed in the order shown, so the README cannot drift from what floe prints.
 */
class ReadmeExamplesTest {
    private static final Path REPO = Path.of("..").toAbsolutePath().normalize();
    private static final String HOME_ROOT = "/home/me/.floe";

    @TempDir
    Path dir;

    @Test
    void everyFloeRunSampleInTheReadmePrintsWhatItShows() throws IOException {
        List<Sample> samples = samples(Files.readString(REPO.resolve("README.md")));
        assertThat(samples).as("the README's `$ ./floe run …` samples").hasSizeGreaterThanOrEqualTo(2);
        for (Sample s : samples) {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            // the commands name files from the repository's root, where a reader runs them
            List<String> args = new ArrayList<>(s.args().stream().map(a -> !a.startsWith("-")
                    && Files.exists(REPO.resolve(a)) ? REPO.resolve(a).toString() : a).toList());
            args.addAll(List.of("--root", dir.resolve("root" + samples.indexOf(s)).toString()));
            int code = FloeCommand.execute(new PrintWriter(out, true), new PrintWriter(err, true),
                    args.toArray(String[]::new));
            String printed = out.toString().replace(dir.resolve("root" + samples.indexOf(s)).toString(), HOME_ROOT)
                    .replace(REPO + "/", "");
            assertThat(code).as("%s exit code; stderr: %s", s.command(), err).isZero();
            List<String> lines = printed.lines().map(ReadmeExamplesTest::withoutTime).toList();
            int at = 0;
            for (String shown : s.shown()) {
                int found = -1;
                for (int i = at; i < lines.size(); i++) {
                    if (lines.get(i).equals(shown)) {
                        found = i;
                        break;
                    }
                }
                assertThat(found).as("README sample `%s` shows, in this order:%n  %s%nbut floe printed:%n%s",
                        s.command(), shown, printed).isGreaterThanOrEqualTo(0);
                at = found + 1;
            }
        }
    }

    @Test
    void theTwoHostExamplesCommandsAreTheReadmes() throws IOException {
        String readme = Files.readString(REPO.resolve("README.md"));
        List<String> commands = Files.readAllLines(REPO.resolve("test-flows/flows/example-two-hosts.yml")).stream()
                .filter(l -> l.startsWith("#   ./floe ")).map(l -> l.substring("#   ".length())).toList();
        assertThat(commands).hasSize(2);
        assertThat(readme.lines().toList()).containsAll(commands);
    }

    /** A sample: the command after {@code $ ./floe }, and the lines it shows ({@code …} leaves lines out). */
    record Sample(String command, List<String> args, List<String> shown) {}

    static List<Sample> samples(String readme) {
        List<Sample> out = new ArrayList<>();
        String[] lines = readme.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (!lines[i].startsWith("$ ./floe run ")) {
                continue;
            }
            String command = lines[i].substring(2);
            List<String> shown = new ArrayList<>();
            for (int j = i + 1; j < lines.length && !lines[j].startsWith("```"); j++) {
                if (!lines[j].strip().equals("…")) {
                    shown.add(withoutTime(lines[j]));
                }
            }
            out.add(new Sample(command, Arrays.asList(command.substring("./floe ".length()).split(" +")), shown));
        }
        return out;
    }

    private static String withoutTime(String line) {
        return line.replaceFirst("^\\d\\d:\\d\\d:\\d\\d\\.\\d{3} ", "").stripTrailing();
    }
}

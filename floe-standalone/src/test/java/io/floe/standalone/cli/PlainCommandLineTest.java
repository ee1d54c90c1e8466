package io.floe.standalone.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * A command line read without picocli sets exactly the options picocli would set; whatever it is not sure of is left
 * to picocli (which then prints its help, its errors and its exit codes as before). The usual ones are read without it,
 * or the faster start is lost without a word.
 */
class PlainCommandLineTest {
    @Test
    void theUsualCommandLinesAreReadWithoutPicocli() {
        for (String line : List.of("run default.yml", "run default.yml --flow build-and-test",
                "run flows.yml --flow=build --trigger go --data branch=main --data=msg=a=b --root /tmp/ws",
                "", "-conf=default.yml", "-pub_bind=127.0.0.1:0 -root=/tmp/r -conf=one.yml -dev",
                "--conf default.yml --host_name h2 -tags master,linux -admin_file /etc/floe/admin -dev=false",
                "-prv_bind 127.0.0.1:9000 -prv_cert c.pem -prv_key k.pem -pub_cert p.pem -pub_key pk.pem -admin x")) {
            String[] args = words(line);
            boolean plain = args.length > 0 && args[0].equals("run") ? PlainCommandLine.run(args).isPresent()
                    : PlainCommandLine.host(args).isPresent();
            assertThat(plain).as("'%s' read without picocli", line).isTrue();
            assertSameAsPicocli(args);
        }
    }

    @Test
    void whatPicocliAnswersItselfIsLeftToIt() {
        for (String line : List.of("--help", "-h", "--version", "run --help", "run", "run a.yml b.yml",
                "run a.yml --flow a --flow b", "run a.yml --data novalue", "run a.yml --data =x", "run @args",
                "hash-password", "-conf", "-conf=", "-tags=", "-conf a.yml -conf b.yml", "-dev true", "-unknown=1",
                "-root -conf", "run a.yml --flow", "run a.yml --root --x", "positional", "-conf @file")) {
            String[] args = words(line);
            assertThat(PlainCommandLine.run(args)).as("'%s' as a run", line).isEmpty();
            assertThat(PlainCommandLine.host(args)).as("'%s' as a host", line).isEmpty();
        }
    }

    @Property(tries = 400)
    void anyMixOfTokensIsReadAsPicocliReadsItOrLeftToIt(@ForAll("commandLines") List<String> tokens) {
        assertSameAsPicocli(tokens.toArray(String[]::new));
    }

    @Provide
    Arbitrary<List<String>> commandLines() {
        Arbitrary<String> token = Arbitraries.of("run", "a.yml", "b c.yml", "--flow", "--flow=f", "--trigger", "t",
                "--data", "k=v", "--data=k=", "k2=v=w", "--root", "/tmp/r", "--root=r", "-conf", "--conf=x.yml",
                "-host_name", "h2", "-tags=", "-tags", "a,b", "-admin", "tok", "-admin_file=f", "-pub_bind", ":0",
                "-prv_bind=127.0.0.1:1", "-pub_cert", "-pub_key=k", "-prv_cert=c", "-prv_key", "-root", "-dev",
                "--dev=false", "-dev=true", "true", "false", "--help", "-V", "", "-", "--", "@f", "x=y", "-x");
        return token.list().ofMaxSize(7);
    }

    /** The plain reading, when there is one, gives the options picocli's reading gives. */
    private static void assertSameAsPicocli(String[] args) {
        Optional<RunCommand> plainRun = PlainCommandLine.run(args);
        Optional<FloeCommand> plainHost = args.length > 0 && args[0].equals("run") ? Optional.empty()
                : PlainCommandLine.host(args);
        if (plainRun.isEmpty() && plainHost.isEmpty()) {
            return;
        }
        CommandLine cl = FloeCommand.commandLine();
        CommandLine.ParseResult parsed = cl.parseArgs(args); // a plain reading of a line picocli refuses fails here
        assertThat(parsed.isUsageHelpRequested() || parsed.isVersionHelpRequested()).isFalse();
        if (plainRun.isPresent()) {
            assertThat(parsed.hasSubcommand()).as(Arrays.toString(args)).isTrue();
            RunCommand p = parsed.subcommand().commandSpec().commandLine().getCommand();
            assertThat(parsed.subcommand().isUsageHelpRequested()).isFalse();
            RunCommand r = plainRun.get();
            assertThat(List.of(String.valueOf(r.configFile), String.valueOf(r.flowId), String.valueOf(r.triggerId),
                    String.valueOf(r.root), r.data.toString()))
                    .as(Arrays.toString(args))
                    .isEqualTo(List.of(String.valueOf(p.configFile), String.valueOf(p.flowId),
                            String.valueOf(p.triggerId), String.valueOf(p.root), p.data.toString()));
        } else {
            assertThat(parsed.hasSubcommand()).as(Arrays.toString(args)).isFalse();
            FloeCommand p = cl.getCommand();
            assertThat(fields(plainHost.get())).as(Arrays.toString(args)).isEqualTo(fields(p));
        }
    }

    private static List<String> fields(FloeCommand c) {
        return Arrays.asList(String.valueOf(c.conf), c.hostName, c.tags, c.admin, String.valueOf(c.adminFile),
                c.pubBind, String.valueOf(c.pubCert), String.valueOf(c.pubKey), c.prvBind, String.valueOf(c.prvCert),
                String.valueOf(c.prvKey), String.valueOf(c.root), String.valueOf(c.dev));
    }

    private static String[] words(String line) {
        return line.isEmpty() ? new String[0] : line.split(" ");
    }
}

package io.floe.standalone.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * The command line is read into the same values whatever the order of the options and the form of each
 * ({@code --flow=f}, {@code --flow f}, {@code -conf}/{@code --conf}); a wrong one is refused with exit code 2, a
 * message that names the token and says what to do, and a pointer to {@code --help}.
 */
class CommandLineReaderTest {
    private static final List<String> HOST_KEYS = List.of("-conf", "-host_name", "-tags", "-admin", "-admin_file",
            "-pub_bind", "-pub_cert", "-pub_key", "-prv_bind", "-prv_cert", "-prv_key", "-root");

    @Property(tries = 300, shrinking = net.jqwik.api.ShrinkingMode.OFF)
    void aRunIsReadTheSameInAnyOrderAndForm(@ForAll("values") String config, @ForAll("maybe") Optional<String> flow,
            @ForAll("maybe") Optional<String> trigger, @ForAll("maybe") Optional<String> root,
            @ForAll("dataKeys") List<Integer> dataKeys,
            @ForAll("values") String dataValue, @ForAll long seed) {
        Random random = new Random(seed);
        List<List<String>> groups = new ArrayList<>();
        flow.ifPresent(v -> groups.add(option(random, "--flow", v)));
        trigger.ifPresent(v -> groups.add(option(random, "--trigger", v)));
        root.ifPresent(v -> groups.add(option(random, "--root", v)));
        Map<String, String> data = new LinkedHashMap<>();
        for (int i = 0; i < dataKeys.size(); i++) {
            String key = "k" + dataKeys.get(i);
            String value = dataValue + i;
            data.put(key, value);
            groups.add(option(random, "--data", key + "=" + value));
        }
        Collections.shuffle(groups, random);
        boolean afterDashes = config.startsWith("-");
        if (!afterDashes) {
            groups.add(random.nextInt(groups.size() + 1), List.of(config));
        }
        List<String> args = new ArrayList<>(List.of("run"));
        groups.forEach(args::addAll);
        if (afterDashes) {
            args.addAll(List.of("--", config));
        }

        CommandLineRead read = CommandLineReader.read(FloeCommand.SYNTAX, args.toArray(String[]::new));
        assertThat(read).as("%s", args).isInstanceOf(CommandLineRead.Parsed.class);
        RunCommand run = new RunCommand((CommandLineRead.Parsed) read);
        assertThat(List.of(run.configFile.toString(), String.valueOf(run.flowId), String.valueOf(run.triggerId),
                String.valueOf(run.root), new java.util.TreeMap<>(run.data).toString())).as("%s", args)
                .isEqualTo(List.of(java.nio.file.Path.of(config).toString(), flow.orElse("null"),
                        trigger.orElse("null"), root.map(r -> java.nio.file.Path.of(r).toString()).orElse("null"),
                        new java.util.TreeMap<>(data).toString()));
    }

    @Property(tries = 300, shrinking = net.jqwik.api.ShrinkingMode.OFF)
    void aHostIsReadTheSameInAnyOrderAndForm(@ForAll("hostOptions") Map<String, String> given,
            @ForAll("maybe") Optional<String> dev, @ForAll long seed) {
        Random random = new Random(seed);
        List<List<String>> groups = new ArrayList<>();
        given.forEach((k, v) -> groups.add(option(random, random.nextBoolean() ? k : "-" + k, v)));
        boolean devOn = dev.isPresent() && !dev.get().startsWith("a");
        dev.ifPresent(d -> {
            String name = random.nextBoolean() ? "-dev" : "--dev";
            groups.add(switch (random.nextInt(3)) {
                case 0 -> devOn ? List.of(name) : List.of(name + "=false");
                case 1 -> List.of(name + "=" + devOn);
                default -> List.of(name, String.valueOf(devOn));
            });
        });
        Collections.shuffle(groups, random);
        String[] args = groups.stream().flatMap(List::stream).toArray(String[]::new);

        CommandLineRead read = CommandLineReader.read(FloeCommand.SYNTAX, args);
        assertThat(read).as(Arrays.toString(args)).isInstanceOf(CommandLineRead.Parsed.class);
        FloeCommand host = new FloeCommand((CommandLineRead.Parsed) read);
        List<String> got = Arrays.asList(String.valueOf(host.conf), host.hostName, host.tags, host.admin,
                String.valueOf(host.adminFile), host.pubBind, String.valueOf(host.pubCert),
                String.valueOf(host.pubKey), host.prvBind, String.valueOf(host.prvCert), String.valueOf(host.prvKey),
                String.valueOf(host.root));
        List<String> defaults = List.of("default.yml", "h1", "master", "", "null", "127.0.0.1:8080", "null", "null",
                "", "null", "null", "null");
        for (int i = 0; i < HOST_KEYS.size(); i++) {
            String want = given.containsKey(HOST_KEYS.get(i)) ? given.get(HOST_KEYS.get(i)) : defaults.get(i);
            boolean isPath = List.of("-conf", "-admin_file", "-pub_cert", "-pub_key", "-prv_cert", "-prv_key",
                    "-root").contains(HOST_KEYS.get(i));
            assertThat(got.get(i)).as("%s in %s", HOST_KEYS.get(i), Arrays.toString(args))
                    .isEqualTo(isPath && given.containsKey(HOST_KEYS.get(i)) ? java.nio.file.Path.of(want).toString()
                            : want);
        }
        assertThat(host.dev).as(Arrays.toString(args)).isEqualTo(devOn);
    }

    @Property(tries = 400)
    void anyMixOfTokensIsReadOrRefusedWithAMessageNeverAnException(@ForAll("tokens") List<String> tokens) {
        CommandLineRead read = CommandLineReader.read(FloeCommand.SYNTAX, tokens.toArray(String[]::new));
        if (read instanceof CommandLineRead.Refused r) {
            assertThat(r.problem()).isNotBlank().doesNotContain("\n");
        }
    }

    @Test
    void aMisspeltOptionIsNamedWithTheNearestOne() {
        assertThat(refused("run", "a.yml", "--flwo", "x"))
                .isEqualTo("floe run: unknown option --flwo; did you mean --flow?");
        assertThat(refused("-pub_bnd=:0")).isEqualTo("floe: unknown option -pub_bnd; did you mean -pub_bind?");
        assertThat(refused("run", "a.yml", "--zzz")).isEqualTo("floe run: unknown option --zzz");
        assertThat(refused("rnu", "a.yml")).isEqualTo("floe: unexpected argument 'rnu' (floe takes options only; "
                + "did you mean floe run?)");
    }

    @Test
    void aMissingOrMalformedValueSaysHowToGiveIt() {
        assertThat(refused("run", "a.yml", "--data"))
                .isEqualTo("floe run: missing value for --data (give it as --data KEY=VALUE)");
        assertThat(refused("run", "a.yml", "--data", "novalue"))
                .isEqualTo("floe run: --data novalue is not KEY=VALUE (give it as --data name=value)");
        assertThat(refused("run", "a.yml", "--flow", "--root", "r")).startsWith(
                "floe run: missing value for --flow (give it as --flow ID, or --flow=ID for a value that starts");
        assertThat(refused("-dev=maybe")).isEqualTo("floe: -dev takes true or false, not 'maybe'");
    }

    @Test
    void argumentsAreCountedAndASubcommandMustComeFirst() {
        assertThat(refused("run")).isEqualTo("floe run: missing CONFIG, the YAML config (or flow-file's host "
                + "config): floe run CONFIG");
        assertThat(refused("run", "a.yml", "b.yml"))
                .isEqualTo("floe run: unexpected argument 'b.yml' (floe run takes one CONFIG, and a.yml came first)");
        assertThat(refused("-conf", "x.yml", "run", "a.yml")).isEqualTo("floe: unexpected argument 'run' (floe takes "
                + "options only; a command comes first: floe run …)");
        assertThat(refused("run", "a.yml", "--flow", "a", "--flow=b"))
                .isEqualTo("floe run: --flow is given twice ('a', then 'b'): give it once");
    }

    @Test
    void dataGivenTwiceKeepsTheLastValue() {
        CommandLineRead read = CommandLineReader.read(FloeCommand.SYNTAX, "run", "a.yml", "--data", "k=1",
                "--data=j=2", "--data=k=3=4");
        assertThat(new RunCommand((CommandLineRead.Parsed) read).data).isEqualTo(Map.of("k", "3=4", "j", "2"));
    }

    @Test
    void helpAndVersionWinWhereverTheyAre() {
        assertThat(CommandLineReader.read(FloeCommand.SYNTAX, "run", "--flwo", "-h"))
                .isEqualTo(new CommandLineRead.HelpWanted(RunCommand.SYNTAX));
        assertThat(CommandLineReader.read(FloeCommand.SYNTAX, "-bogus", "--version"))
                .isEqualTo(new CommandLineRead.VersionWanted());
        assertThat(CommandLineReader.read(FloeCommand.SYNTAX, "run", "--", "--help"))
                .isInstanceOf(CommandLineRead.Parsed.class);
    }

    /** The lines on stderr of a command line that is refused, having checked its exit code and pointer to help. */
    private static String refused(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = FloeCommand.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
        assertThat(code).as(Arrays.toString(args)).isEqualTo(ExitCodes.USAGE);
        assertThat(out.toString()).isEmpty();
        List<String> lines = err.toString().lines().toList();
        assertThat(lines).hasSize(2);
        String command = args.length > 0 && args[0].equals("run") ? "floe run" : "floe";
        assertThat(lines.get(1)).isEqualTo("Try '" + command + " --help'.");
        return lines.get(0);
    }

    /** {@code name=value} or {@code name value}; the latter only for a value that can not be read as an option. */
    private static List<String> option(Random random, String name, String value) {
        boolean spaced = random.nextBoolean() && !value.isEmpty() && !value.startsWith("-");
        return spaced ? List.of(name, value) : List.of(name + "=" + value);
    }

    @Provide
    Arbitrary<String> values() {
        return Arbitraries.strings().withChars("ab-=:/,. ").ofMinLength(1).ofMaxLength(6)
                .filter(s -> !s.equals("-h") && !s.equals("-V") && !s.equals("--") && !s.trim().isEmpty());
    }

    @Provide
    Arbitrary<List<Integer>> dataKeys() {
        return Arbitraries.integers().between(0, 5).list().uniqueElements().ofMaxSize(4);
    }

    @Provide
    Arbitrary<Optional<String>> maybe() {
        return values().optional();
    }

    @Provide
    Arbitrary<Map<String, String>> hostOptions() {
        Arbitrary<String> value = Arbitraries.strings().withChars("ab-=:/,.").ofMaxLength(6);
        return Arbitraries.maps(Arbitraries.of(HOST_KEYS), value).ofMaxSize(HOST_KEYS.size());
    }

    @Provide
    Arbitrary<List<String>> tokens() {
        return Arbitraries.of("run", "hash-password", "a.yml", "b c.yml", "--flow", "--flow=f", "--flwo", "--trigger",
                "t", "--data", "k=v", "--data=k=", "--data==x", "novalue", "--root", "/tmp/r", "--root=", "-conf",
                "--conf=x.yml", "-host_name", "h2", "-tags=", "-tags", "a,b", "-admin", "tok", "-admin_file=f",
                "-pub_bind", ":0", "-pub_cert", "-pub_key=k", "-dev", "--dev=false", "-dev=maybe", "true", "false",
                "--help", "-V", "", "-", "--", "@f", "x=y", "-x", "=", "-=").list().ofMaxSize(8);
    }
}

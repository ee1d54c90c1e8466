package io.floe.standalone.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.floe.engine.config.ConfigException;
import io.floe.engine.config.ConfigLoader;
import io.floe.engine.config.ConfigProblem;
import io.floe.engine.spi.NodeTypes;
import io.floe.testflows.TestFlows;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.statistics.Statistics;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * Generated and mutated YAML configs fed to the config loader: it either loads them or throws a
 * {@link ConfigException} whose every problem says where (file, and a line or a node path) and what; never another
 * exception, never a hang.
 */
class ConfigFuzzTest {
    private static final NodeTypes TYPES = NodeTypes.discover();
    private static final ExecutorService PARSER = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "config-fuzz");
        t.setDaemon(true);
        return t;
    });
    private static final List<String> FIXTURES = List.of("cfg-original.yml", "cfg-in.yml", "cfg-in-flow.yml",
            "cfg-bad-many.yml", "hub-build-project.yml", "hub-data.yml", "exec-env.yml", "git-poll.yml",
            "rel-crash.yml", "web-events.yml", "cluster-flows.yml");
    private static final List<String> KEYS = List.of("common", "flows", "hosts", "base-url", "workspace-root",
            "store-root", "store-type", "git-key", "webhook-secret", "users", "id", "ver", "name", "reuse-space",
            "host-tags", "resource-tags", "env", "flow-file", "triggers", "tasks", "class", "type", "opts", "listen",
            "wait", "good", "ignore-fail", "use-status", "timeout", "cmd", "shell", "args", "sub-dir", "url",
            "period", "form", "fields", "prompt", "value", "location", "checksum", "branch", "refs", "exclude");
    private static final List<String> SCALARS = List.of("", " ", "0", "-1", "1", "3", "2147483648",
            "99999999999999999999999", "1.5", "true", "no", "~", "null", ".", "./x", "../../etc", "/etc/passwd",
            "{{ws}}", "$HOME", "task.a.good", "merge.m.good", "trigger.good", "all", "any", "merge", "exec", "data",
            "end", "timer", "poll-git", "fetch", "git-checkout", "a b.c", "ü", "\u0000", "\t", "x".repeat(300),
            "10s", "-5m", "1h", "K=V", "=", "local", "memory", "s3");

    @AfterContainer
    static void stopParser() {
        PARSER.shutdownNow();
    }

    @Property(tries = 300)
    void generatedConfigsLoadOrSayWhereTheyAreWrong(@ForAll("generated") String yaml) throws Exception {
        Statistics.collect(assertLoadsOrFailsClearly(yaml));
    }

    @Property(tries = 400)
    void mutatedConfigsLoadOrSayWhereTheyAreWrong(@ForAll("mutated") String yaml) throws Exception {
        Statistics.collect(assertLoadsOrFailsClearly(yaml));
    }

    @Example
    void hostileDocumentsAreRefusedQuickly() throws Exception {
        String laughs = "a: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b]\n"
                + "d: &d [*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d]\nf: &f [*e,*e,*e,*e,*e,*e,*e]\n"
                + "flows: [*f]\n";
        for (String yaml : List.of(laughs, "[".repeat(20_000) + "]".repeat(20_000),
                "flows: &a [*a]", "flows:\n  - !!java.lang.ProcessBuilder [[touch, /tmp/pwned]]\n",
                "common: !!binary AAAA\n", "flows:\n  - id: x\n    ver: 99999999999999999999999\n",
                "\uFEFFflows: []\n", "\u0000", "flows:\n" + "  - {id: f, ver: 1}\n".repeat(5_000),
                "flows:\n  - id: a\n    ver: 1\n    tasks:\n" + "      - {id: t, listen: x}\n".repeat(2))) {
            assertLoadsOrFailsClearly(yaml);
        }
    }

    /** Parses {@code yaml}, failing unless it loads or is refused clearly; says which. */
    private static String assertLoadsOrFailsClearly(String yaml) throws Exception {
        Future<Throwable> outcome = PARSER.submit(() -> {
            try {
                ConfigLoader.parse(yaml, "fuzz.yml", null, TYPES);
                return null;
            } catch (Throwable t) {
                return t;
            }
        });
        Throwable t;
        try {
            t = outcome.get(10, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            outcome.cancel(true);
            throw new AssertionError("the loader took more than 10 s on:\n" + yaml);
        } catch (ExecutionException e) {
            throw new AssertionError(e.getCause());
        }
        if (t == null) {
            return "loads";
        }
        if (!(t instanceof ConfigException ce)) {
            throw new AssertionError("the loader threw " + t + " on:\n" + abbreviate(yaml), t);
        }
        assertThat(ce.problems()).as("problems of\n" + abbreviate(yaml)).isNotEmpty();
        for (ConfigProblem p : ce.problems()) {
            assertThat(p.file()).as("file of: " + p).isEqualTo("fuzz.yml");
            // a document-wide YAML limit (nesting, aliases) has no line; everything else has a line or a path
            assertThat(p.line() > 0 || !p.path().isEmpty() || p.message().startsWith("YAML error: "))
                    .as("a line or a path in: " + p + "\nfor\n" + abbreviate(yaml)).isTrue();
            assertThat(p.message()).as("message of: " + p).isNotBlank();
        }
        return "refused";
    }

    private static String abbreviate(String s) {
        return s.length() <= 2_000 ? s : s.substring(0, 2_000) + "…(" + s.length() + " chars)";
    }

    /** Config-shaped documents: a common section and flows of triggers and tasks, their values often well typed. */
    @Provide
    Arbitrary<String> generated() {
        Arbitrary<DumperOptions.FlowStyle> style = Arbitraries.of(DumperOptions.FlowStyle.BLOCK,
                DumperOptions.FlowStyle.FLOW, DumperOptions.FlowStyle.AUTO);
        Arbitrary<Object> node = shaped(Map.of("id", word(), "name", word(), "class",
                Arbitraries.of("trigger", "task", "merge", "").map(o -> (Object) o),
                "type", Arbitraries.of("data", "exec", "end", "timer", "fetch", "all", "any", "poll-git", "git-push",
                        "git-checkout", "git-merge", "nope").map(o -> (Object) o),
                "listen", tag(), "wait", tag().list().ofMaxSize(3).map(l -> (Object) l),
                "opts", Arbitraries.maps(Arbitraries.of(KEYS), value(2)).ofMaxSize(5).map(m -> (Object) m),
                "good", Arbitraries.integers().between(-1, 300).list().ofMaxSize(3).map(l -> (Object) l),
                "ignore-fail", value(0), "timeout", Arbitraries.of("10s", "1m", "-1s", "x", "0").map(o -> (Object) o)));
        Arbitrary<Object> flow = shaped(Map.of("id", word(), "ver", Arbitraries.oneOf(
                Arbitraries.integers().between(-2, 5).map(i -> (Object) i), value(0)), "name", word(),
                "triggers", node.list().ofMaxSize(3).map(l -> (Object) l),
                "tasks", node.list().ofMaxSize(6).map(l -> (Object) l),
                "env", Arbitraries.of("A=1", "B={{ws}}/x", "=", "C", "D=./y").list().ofMaxSize(3).map(l -> (Object) l),
                "resource-tags", word().list().ofMaxSize(2).map(l -> (Object) l), "reuse-space", value(0),
                "host-tags", word().list().ofMaxSize(2).map(l -> (Object) l), "flow-file", value(0)));
        Arbitrary<Object> common = Arbitraries.maps(Arbitraries.of(KEYS.subList(2, 11)), value(1)).ofMaxSize(4)
                .map(m -> (Object) m);
        return Combinators.combine(common, flow.list().ofMaxSize(3), style).as((c, flows, s) -> {
            DumperOptions o = new DumperOptions();
            o.setDefaultFlowStyle(s);
            Map<String, Object> top = new LinkedHashMap<>();
            top.put("common", c);
            top.put("flows", flows);
            return new Yaml(o).dump(top);
        });
    }

    /** A map holding some of {@code fields}, each a well-typed value mostly, any value sometimes. */
    private Arbitrary<Object> shaped(Map<String, Arbitrary<Object>> fields) {
        List<Arbitrary<Map.Entry<String, Object>>> entries = new ArrayList<>();
        for (Map.Entry<String, Arbitrary<Object>> f : new TreeMap<>(fields).entrySet()) {
            Arbitrary<Object> v = Arbitraries.frequencyOf(Tuple.of(8, f.getValue()),
                    Tuple.of(1, value(1)));
            Arbitrary<Map.Entry<String, Object>> present = v.map(x -> Map.entry(f.getKey(), x));
            entries.add(Arbitraries.frequencyOf(Tuple.of(3, present),
                    Tuple.of(1, Arbitraries.just(Map.entry("", (Object) "")))));
        }
        return Combinators.combine(entries).as(list -> {
            Map<String, Object> m = new LinkedHashMap<>();
            list.stream().filter(e -> !e.getKey().isEmpty()).forEach(e -> m.put(e.getKey(), e.getValue()));
            return (Object) m;
        });
    }

    private Arbitrary<Object> word() {
        return Arbitraries.oneOf(Arbitraries.of(SCALARS), Arbitraries.strings().alpha().numeric().withChars(" .-_")
                .ofMaxLength(12)).map(o -> (Object) o);
    }

    private Arbitrary<Object> tag() {
        return Arbitraries.oneOf(Arbitraries.of("trigger.good", "task.a.good", "task.b.bad", "merge.m.good",
                "task.a.error", "sys.end.all", "x", ""), Arbitraries.strings().ofMaxLength(10))
                .map(o -> (Object) o);
    }

    private Arbitrary<Object> value(int depth) {
        Arbitrary<Object> scalar = Arbitraries.oneOf(Arbitraries.of(SCALARS).map(s -> (Object) s),
                Arbitraries.integers().map(i -> (Object) i), Arbitraries.of(true, false).map(b -> (Object) b),
                Arbitraries.strings().ofMaxLength(20).map(s -> (Object) s));
        if (depth == 0) {
            return scalar;
        }
        Arbitrary<Object> list = value(depth - 1).list().ofMaxSize(4).map(l -> (Object) l);
        Arbitrary<Object> map = Arbitraries.maps(Arbitraries.of(KEYS), value(depth - 1)).ofMaxSize(6)
                .map(m -> (Object) new LinkedHashMap<>(m));
        return Arbitraries.frequencyOf(
                Tuple.of(4, scalar), Tuple.of(1, list), Tuple.of(1, map));
    }

    /** The project's fixture configs with a few random edits: characters in, out or changed, lines moved. */
    @Provide
    Arbitrary<String> mutated() {
        Arbitrary<String> base = Arbitraries.of(FIXTURES).map(TestFlows::text);
        Arbitrary<List<Mutation>> edits = mutation().list().ofMinSize(1).ofMaxSize(6);
        return Combinators.combine(base, edits).as((text, ms) -> {
            String out = text;
            for (Mutation m : ms) {
                out = m.apply(out);
            }
            return out;
        });
    }

    /** One edit at a relative position ({@code at} and {@code to} in 0..1) of a text. */
    private record Mutation(int kind, double at, double to, String insert) {
        String apply(String s) {
            if (s.isEmpty()) {
                return insert;
            }
            int i = (int) (at * s.length());
            int j = Math.min(s.length(), i + 1 + (int) (to * 40));
            List<String> lines = new ArrayList<>(List.of(s.split("\n", -1)));
            int li = (int) (at * lines.size());
            int lj = (int) (to * lines.size());
            return switch (kind) {
                case 0 -> s.substring(0, i) + s.substring(j); // delete a few characters
                case 1 -> s.substring(0, i) + insert + s.substring(i); // insert syntax
                case 2 -> s.substring(0, i) + insert + s.substring(j); // replace
                case 3 -> { // duplicate a line elsewhere
                    lines.add(lj, lines.get(li));
                    yield String.join("\n", lines);
                }
                case 4 -> { // swap two lines
                    String a = lines.get(li);
                    lines.set(li, lines.get(lj));
                    lines.set(lj, a);
                    yield String.join("\n", lines);
                }
                case 5 -> { // indent or outdent a line
                    String l = lines.get(li);
                    lines.set(li, to < 0.5 ? "  " + l : l.stripLeading());
                    yield String.join("\n", lines);
                }
                default -> s.substring(0, i); // truncate
            };
        }
    }

    private Arbitrary<Mutation> mutation() {
        Arbitrary<String> syntax = Arbitraries.oneOf(
                Arbitraries.of(":", "- ", "{", "}", "[", "]", ",", "&a ", "*a", "!!str ", "!!int ", "!!map ", "|",
                        ">", "'", "\"", "#", "\t", "\n", "\n  ", "? ", "---\n", "...\n", "%YAML 1.1\n", "<<: *a\n",
                        "wait: [x]", "listen: ", "class: merge", "type: ", "ver: 0", "id: ", "flow-file: ../x",
                        "\\u0000", "\u2028", "{{ws}}"),
                Arbitraries.strings().ofMaxLength(8));
        return Combinators.combine(Arbitraries.integers().between(0, 6), Arbitraries.doubles().between(0, 0.999).ofScale(3),
                Arbitraries.doubles().between(0, 0.999).ofScale(3), syntax).as(Mutation::new);
    }
}

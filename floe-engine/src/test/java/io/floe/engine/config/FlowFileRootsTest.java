package io.floe.engine.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.floe.engine.Floe;
import io.floe.engine.TriggerOutcome;
import io.floe.engine.spi.NodeTypes;
import io.floe.engine.store.local.MemoryRunStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A local flow-file is read from the config's folder, or a folder the config lists under {@code flow-file-roots},
 * and nowhere else: not {@code ../}, not an absolute path, not through a symbolic link. The text of a file that is not
 * a flow is never shown in its error: the file, the line and the kind of value are.
 */
class FlowFileRootsTest {
    private static final TypeCatalog TYPES = new TestCatalog();
    private static final String SECRET = "hunter2-secret-value";

    @TempDir
    Path dir;
    private Path conf;
    private Path secret;

    @BeforeEach
    void files() throws Exception {
        conf = Files.createDirectories(dir.resolve("conf"));
        secret = Files.writeString(dir.resolve("secret.txt"), SECRET + "\nmore: " + SECRET + "\n");
        Files.writeString(Files.createDirectories(dir.resolve("shared")).resolve("flow.yml"), """
                name: shared flow
                tasks: [{id: a, type: end, listen: trigger.good}]
                """);
    }

    private static FlowConfig onlyFlowFile(String ref) {
        return new FlowConfig("f", 1, ref, null, false, null, null, null, null, null, "floe.yml", 3);
    }

    private ConfigException refused(String ref, String... roots) {
        return catchThrowableOfType(ConfigException.class,
                () -> FlowFiles.local(conf, java.util.List.of(roots), TYPES).load(onlyFlowFile(ref)));
    }

    @Test
    void aPathThatClimbsOutOfTheConfigsFolderIsRefused() {
        ConfigException e = refused("../secret.txt");

        assertThat(e).isNotNull();
        assertThat(e.getMessage()).contains("floe.yml:3: flow f-1 - could not read flow-file '../secret.txt': "
                        + secret + ": outside the folders flow-files are read from (" + conf + ")")
                .contains("list their folder under common flow-file-roots")
                .doesNotContain(SECRET);
    }

    @Test
    void anAbsolutePathOutsideIsRefused() {
        ConfigException e = refused(secret.toString());

        assertThat(e).isNotNull();
        assertThat(e.getMessage()).contains("outside the folders flow-files are read from").doesNotContain(SECRET);
    }

    @Test
    void aSymbolicLinkInTheConfigsFolderToAFileOutsideIsRefused() throws Exception {
        Files.createSymbolicLink(conf.resolve("flow.yml"), secret);

        ConfigException e = refused("flow.yml");

        assertThat(e).isNotNull();
        assertThat(e.getMessage()).contains("outside the folders flow-files are read from")
                .contains("it leads to " + secret.toRealPath()).doesNotContain(SECRET);
    }

    @Test
    void aFolderListedInFlowFileRootsMayBeRead() throws Exception {
        assertThat(FlowFiles.local(conf, java.util.List.of("../shared"), TYPES).load(onlyFlowFile("../shared/flow.yml"))
                .name()).isEqualTo("shared flow");
        assertThat(FlowFiles.local(conf, java.util.List.of(dir.resolve("shared").toString()), TYPES)
                .load(onlyFlowFile(dir.resolve("shared/flow.yml").toString())).name()).isEqualTo("shared flow");
        assertThat(refused("../secret.txt", "../shared")).isNotNull();
    }

    @Test
    void aFileThatIsNotAFlowIsNamedWithItsLineButNotQuoted() throws Exception {
        Files.writeString(conf.resolve("notes.yml"), "root:x:0:0:" + SECRET + ":/root:/bin/bash\nline two\n");
        Files.writeString(conf.resolve("keys.yml"), "id: k\n" + SECRET + ": 1\ntasks: [{id: a, type: end, listen: "
                + "trigger.good}]\n");

        ConfigException e = refused("notes.yml");
        assertThat(e.getMessage()).isEqualTo("notes.yml:1: a flow must be a map of its fields (" + String.join(", ",
                FlowReader.KEYS) + "), not a text");

        java.util.List<ConfigProblem> warnings = new java.util.ArrayList<>();
        FlowFiles.local(conf, TYPES).load(onlyFlowFile("keys.yml"), warnings);
        assertThat(warnings).extracting(ConfigProblem::toString).anySatisfy(w -> assertThat(w)
                .startsWith("keys.yml:2: unknown key (not shown) ignored")).noneMatch(w -> w.contains(SECRET));
    }

    @Test
    void aHostRefusesTheTriggerOfAFlowWhoseFileIsOutsideAndTheConfigsKeyAllowsMore() throws Exception {
        Path config = Files.writeString(conf.resolve("floe.yml"), """
                common:
                  flow-file-roots: [../shared]
                flows:
                  - id: outside
                    ver: 1
                    flow-file: ../secret.txt
                    triggers: [{name: start, type: data}]
                  - id: shared
                    ver: 1
                    flow-file: ../shared/flow.yml
                    triggers: [{name: start, type: data}]
                """);
        FloeConfig cfg = ConfigLoader.load(config, NodeTypes.discover());
        assertThat(cfg.common().flowFileRoots()).containsExactly("../shared");
        assertThat(cfg.warnings()).extracting(ConfigProblem::toString).anySatisfy(w -> assertThat(w)
                .contains("could not read flow-file '../secret.txt'").contains("outside the folders"))
                .noneMatch(w -> w.contains(SECRET));

        try (Floe floe = Floe.builder(cfg).hostId("h1").workspaceRoot(dir.resolve("ws"))
                .store(new MemoryRunStore()).build()) {
            floe.start();
            TriggerOutcome refused = floe.trigger("outside", "start", Map.of()).join();
            assertThat(refused.pends()).isEmpty();
            assertThat(String.join("\n", refused.errors())).contains("outside the folders flow-files are read from")
                    .doesNotContain(SECRET);
            assertThat(floe.trigger("shared", "start", Map.of()).join().pends()).hasSize(1);
        }
    }
}

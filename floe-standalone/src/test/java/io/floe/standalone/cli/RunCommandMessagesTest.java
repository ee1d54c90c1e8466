package io.floe.standalone.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code floe run} says when a flow can not start: each problem once where it happens, not again and again. */
class RunCommandMessagesTest {
    @TempDir
    Path dir;

    @Test
    @org.junit.jupiter.api.Timeout(120) // before the fix the run waited forever for a host with the tag
    void aFlowWithHostTagsRunsAnywayForFloeRunIsALocalRunner() throws Exception {
        Path config = dir.resolve("tags.yml");
        Files.writeString(config, """
                flows:
                  - id: train
                    host-tags: [gpu, linux]
                    triggers: [{name: go, type: data}]
                    tasks:
                      - {name: fit, listen: trigger.good, type: exec, opts: {shell: "echo fitted"}}
                      - {name: done, listen: task.fit.good, type: end}
                """);
        StringWriter out = new StringWriter();
        assertThat(FloeCommand.execute(new PrintWriter(out, true), new PrintWriter(new StringWriter(), true), "run",
                config.toString(), "--root", dir.toString())).as(out.toString()).isZero();
        assertThat(out.toString()).contains("fit | fitted", "run local-1 ended good");
    }

    @Test
    void aMissingFlowFileIsToldOnceAsAWarningAndOnceAsTheRunsError() throws Exception {
        Path config = dir.resolve("c.yml");
        Files.writeString(config, """
                flows:
                  - id: f
                    flow-file: flows/not-there.yml
                    triggers: [{name: go, type: data}]
                """);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = FloeCommand.execute(new PrintWriter(out, true), new PrintWriter(err, true), "run",
                config.toString(), "--root", dir.toString());
        String all = out + "\n" + err;
        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).contains("warning: ").contains("floe run: flow f did not start");
        assertThat(out.toString()).contains("sys.error");
        assertThat(all.split("could not read flow-file", -1)).as(all).hasSize(3); // the warning and the sys.error
    }
}

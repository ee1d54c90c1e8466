package io.jenkins.plugins.floe;

import static org.junit.jupiter.api.Assertions.assertEquals;

import hudson.model.FreeStyleBuild;
import hudson.model.FreeStyleProject;
import hudson.model.Result;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * A task's {@code artifacts} become the build's artifacts when the task ends, also when it failed; a symbolic link
 * out of the workspace is not archived, and the build's log says so.
 */
@WithJenkins
class FloeArtifactsTest {
    private static final String FLOW = """
            id: reports
            triggers:
              - {name: start, type: data}
            tasks:
              - name: test
                listen: trigger.good
                type: exec
                opts:
                  shell: |
                    mkdir -p reports
                    printf failing > reports/TEST-a.xml
                    ln -s /etc/passwd reports/passwd.xml
                    exit 1
                  sub-dir: out
                  artifacts: [reports]
              - {name: done, listen: task.test.good, type: end}
            """;

    @Test
    void aFailedTasksReportsAreTheBuildsArtifactsAndALinkOutIsNot(JenkinsRule r) throws Exception {
        FreeStyleProject p = r.createFreeStyleProject("reports");
        p.getBuildersList().add(Flows.inline(FLOW));

        FreeStyleBuild b = r.buildAndAssertStatus(Result.FAILURE, p);

        List<String> archived = b.getArtifacts().stream().map(a -> a.relativePath).toList();
        assertEquals(List.of("out/reports/TEST-a.xml"), archived);
        assertEquals("failing", Files.readString(new File(b.getArtifactsDir(), "out/reports/TEST-a.xml").toPath(),
                StandardCharsets.UTF_8));
        r.assertLogContains("artifact out/reports/passwd.xml not archived: out/reports/passwd.xml (to /etc/passwd) "
                + "is a symbolic link", b);
        r.assertLogContains("artifacts: archived 1 file of task test as the build's artifacts: "
                + "out/reports/TEST-a.xml", b);
    }
}

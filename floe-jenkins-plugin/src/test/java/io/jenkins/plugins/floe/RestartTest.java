package io.jenkins.plugins.floe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jvnet.hudson.test.junit.jupiter.JenkinsSessionExtension;

/** A floe run lives in the controller's memory: one cut by a restart is shown, and saved, aborted with why. */
class RestartTest {
    @RegisterExtension
    private final JenkinsSessionExtension sessions = new JenkinsSessionExtension();

    @Test
    void aRunCutByARestartIsSavedAbortedWithWhy() throws Throwable {
        sessions.then(r -> {
            FloeProject p = r.createProject(FloeProject.class, "cut");
            p.setFloe(Flows.inline(Flows.HELLO));
            FloeBuild b = r.buildAndAssertSuccess(p);
            // as build.xml is left when the controller dies mid-run: the graph still says running
            File xml = new File(b.getRootDir(), "build.xml");
            String saved = Files.readString(xml.toPath(), StandardCharsets.UTF_8);
            assertTrue(saved.contains("<status>good</status>"), saved);
            Files.writeString(xml.toPath(), saved.replace("<status>good</status>", "<status>running</status>"),
                    StandardCharsets.UTF_8);
        });
        sessions.then(r -> {
            FloeBuild b = r.jenkins.getItemByFullName("cut", FloeProject.class).getBuildByNumber(1);
            FloeGraphAction graph = b.getAction(FloeGraphAction.class);

            assertEquals("aborted", graph.getStatus());
            assertTrue(graph.getProblem().contains("does not survive a restart"), graph.getProblem());
            assertTrue(Files.readString(new File(b.getRootDir(), "build.xml").toPath(), StandardCharsets.UTF_8)
                    .contains("<status>aborted</status>"), "the aborted state is saved");
        });
    }
}

package io.jenkins.plugins.floe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hudson.model.Result;
import hudson.model.queue.QueueTaskFuture;
import hudson.plugins.git.GitSCM;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** The "Floe flow" item: a flow from a git repository, results, abort, and its configuration page. */
@WithJenkins
class FloeProjectTest {
    @TempDir
    Path dir;

    @BeforeAll
    static void allowLocalRepositories() {
        // the git plugin refuses local repositories unless told otherwise (SECURITY-2478)
        GitSCM.ALLOW_LOCAL_CHECKOUT = true;
    }

    @AfterAll
    static void refuseLocalRepositoriesAgain() {
        GitSCM.ALLOW_LOCAL_CHECKOUT = false;
    }

    @Test
    void aFlowFromTheJobsGitRepositoryRunsWithEachLineOfItsLogPrefixedByItsNode(JenkinsRule r) throws Exception {
        File repo = dir.resolve("repo").toFile();
        try (Git git = Git.init().setDirectory(repo).setInitialBranch("master").call()) {
            Files.writeString(repo.toPath().resolve("flow.yml"), Flows.HELLO, StandardCharsets.UTF_8);
            git.add().addFilepattern("flow.yml").call();
            git.commit().setMessage("a flow").setAuthor("t", "t@example.com").setCommitter("t", "t@example.com")
                    .call();
        }
        FloeProject p = r.createProject(FloeProject.class, "app");
        p.setScm(new GitSCM(repo.getAbsolutePath()));
        p.setFloe(Flows.file("flow.yml"));

        FloeBuild b = r.buildAndAssertSuccess(p);

        r.assertLogContains("[floe:say] hello from jenkins-app-1", b);
        r.assertLogContains("[floe] run jenkins-1 of flow hello ended good: reached end node done", b);
        FloeGraphAction graph = b.getAction(FloeGraphAction.class);
        assertEquals("good", graph.getStatus());
        assertEquals("Say hello", graph.getFlowName());
    }

    @Test
    void aFailingTaskFailsTheBuild(JenkinsRule r) throws Exception {
        FloeProject p = r.createProject(FloeProject.class, "fails");
        p.setFloe(Flows.inline(Flows.FAILS));

        FloeBuild b = r.buildAndAssertStatus(Result.FAILURE, p);

        r.assertLogContains("[floe:compile] compiling", b);
        r.assertLogContains("[floe:compile] exited with status: 3", b);
        r.assertLogContains("ended bad: no node listens to task.compile.bad", b);
        assertEquals("bad", b.getAction(FloeGraphAction.class).getStatus());
    }

    @Test
    void aMissingFlowFileFailsTheBuildSayingWhere(JenkinsRule r) throws Exception {
        FloeProject p = r.createProject(FloeProject.class, "nofile");
        p.setFloe(Flows.file("ci/none.yml"));

        FloeBuild b = r.buildAndAssertStatus(Result.FAILURE, p);

        r.assertLogContains("floe: there is no flow file ci/none.yml in the workspace", b);
    }

    @Test
    void abortingTheBuildKillsTheRunningTask(JenkinsRule r) throws Exception {
        FloeProject p = r.createProject(FloeProject.class, "slow");
        p.setFloe(Flows.inline(Flows.SLOW));
        QueueTaskFuture<FloeBuild> future = p.scheduleBuild2(0);
        FloeBuild b = future.waitForStart();
        r.waitForMessage("[floe:nap] napping", b);
        long pid = Long.parseLong(b.getWorkspace().child("pid").readToString().trim());
        assertTrue(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "the task runs");

        b.getExecutor().interrupt();
        r.waitForCompletion(b);

        assertEquals(Result.ABORTED, b.getResult());
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "the task was killed");
        r.assertLogContains("[floe] aborting run jenkins-1: the build was aborted", b);
        assertEquals("aborted", b.getAction(FloeGraphAction.class).getStatus());
    }

    @Test
    void theFloeSectionSurvivesTheConfigurationPage(JenkinsRule r) throws Exception {
        FloeProject p = r.createProject(FloeProject.class, "cfg");
        FloeBuilder before = Flows.file("ci/flow.yml");
        before.setFlow("app");
        before.setTrigger("start");
        before.setValues("branch=${BRANCH}\nfast=true");
        p.setFloe(before);

        p = r.configRoundtrip(p);

        r.assertEqualDataBoundBeans(before, p.getFloe());
    }

    @Test
    void theItemTypeIsOfferedAsFloeFlow(JenkinsRule r) throws Exception {
        FloeProject.DescriptorImpl d = r.jenkins.getDescriptorByType(FloeProject.DescriptorImpl.class);
        assertEquals("Floe flow", d.getDisplayName());
        String categories = r.getJSON("view/all/itemCategories?depth=3").getJSONObject().toString();
        assertTrue(categories.contains("Floe flow"), categories);
    }
}

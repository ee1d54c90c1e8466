package io.jenkins.plugins.floe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import hudson.model.Result;
import hudson.slaves.DumbSlave;
import java.io.File;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** No build work in the controller: a flow that would check out, merge or download there is refused. */
@WithJenkins
class ControllerIsolationTest {
    private static final String CHECKOUT = """
            id: co
            triggers:
              - {name: start, type: data}
            tasks:
              - name: get
                listen: trigger.good
                type: git-checkout
                opts: {url: "https://example.com/org/app.git", location: src}
              - {name: done, listen: task.get.good, type: end}
            """;

    @Test
    void aGitCheckoutTaskFailsTheBuildPointingToTheJobsScmAndTouchesNothing(JenkinsRule r) throws Exception {
        DumbSlave agent = r.createOnlineSlave();
        FloeProject p = r.createProject(FloeProject.class, "checkout");
        p.setAssignedNode(agent);
        p.setFloe(Flows.inline(CHECKOUT));

        FloeBuild b = r.buildAndAssertStatus(Result.FAILURE, p);

        r.assertLogContains("type git-checkout is not run in Jenkins", b);
        r.assertLogContains("check the repository out with the job's Source Code Management", b);
        assertFalse(new File(b.getRootDir(), "floe-graph-work").exists(), "nothing was cloned on the controller");
    }

    @Test
    void aFetchTaskInAPipelineIsRefusedToo(JenkinsRule r) throws Exception {
        r.createOnlineSlave(hudson.model.Label.get("remote"));
        org.jenkinsci.plugins.workflow.job.WorkflowJob job = r.createProject(
                org.jenkinsci.plugins.workflow.job.WorkflowJob.class, "pipe-fetch");
        job.setDefinition(new org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition("node('remote') {\n"
                + "  floe yaml: '''" + CHECKOUT.replace("git-checkout", "fetch") + "'''\n"
                + "}\n", true));

        org.jenkinsci.plugins.workflow.job.WorkflowRun run = r.buildAndAssertStatus(Result.FAILURE, job);

        r.assertLogContains("type fetch is not run in Jenkins", run);
    }

    @Test
    void aGitFlowFileIsRefusedBeforeTheRunStarts(JenkinsRule r) throws Exception {
        FloeProject p = r.createProject(FloeProject.class, "remote-flow-file");
        p.setFloe(Flows.inline("""
                flows:
                  - id: remote
                    flow-file: "git@example.com:org/app.git/ci/flow.yml"
                    triggers:
                      - {name: start, type: data}
                """));

        FloeBuild b = r.buildAndAssertStatus(Result.FAILURE, p);

        r.assertLogContains("flow-file 'git@example.com:org/app.git/ci/flow.yml' is not read in Jenkins", b);
    }

    @Test
    void anExecFlowStillRunsOnTheAgent(JenkinsRule r) throws Exception {
        DumbSlave agent = r.createOnlineSlave();
        FloeProject p = r.createProject(FloeProject.class, "on-agent");
        p.setAssignedNode(agent);
        p.setFloe(Flows.inline(Flows.HELLO));

        FloeBuild b = r.buildAndAssertSuccess(p);

        assertEquals(agent, b.getBuiltOn());
        r.assertLogContains("[floe:say] hello from jenkins-on-agent-1", b);
    }
}

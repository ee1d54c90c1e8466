package io.jenkins.plugins.floe;

import static org.junit.jupiter.api.Assertions.assertEquals;

import hudson.model.FreeStyleBuild;
import hudson.model.FreeStyleProject;
import hudson.model.Result;
import net.sf.json.JSONObject;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** The {@code floe} step in freestyle jobs and in Pipeline, and the global defaults. */
@WithJenkins
class FloeBuilderTest {
    @Test
    void pipelineRunsAFlowFileWithTheFloeStep(JenkinsRule r) throws Exception {
        WorkflowJob job = r.createProject(WorkflowJob.class, "pipe");
        job.setDefinition(new CpsFlowDefinition("node {\n"
                + "  writeFile file: 'flow.yml', text: '''" + Flows.HELLO + "'''\n"
                + "  floe file: 'flow.yml'\n"
                + "}\n", true));

        WorkflowRun run = r.buildAndAssertSuccess(job);

        r.assertLogContains("[floe:say] hello from jenkins-pipe-1", run);
        assertEquals("good", run.getAction(FloeGraphAction.class).getStatus());
    }

    @Test
    void aFailingFlowFailsThePipeline(JenkinsRule r) throws Exception {
        WorkflowJob job = r.createProject(WorkflowJob.class, "pipe-fails");
        job.setDefinition(new CpsFlowDefinition("node {\n"
                + "  writeFile file: 'flow.yml', text: '''" + Flows.FAILS + "'''\n"
                + "  floe file: 'flow.yml'\n"
                + "}\n", true));

        WorkflowRun run = r.buildAndAssertStatus(Result.FAILURE, job);

        r.assertLogContains("[floe:compile] exited with status: 3", run);
    }

    @Test
    void aFreestyleStepReadsTheDefaultFlowFileAndTakesValues(JenkinsRule r) throws Exception {
        FreeStyleProject p = r.createFreeStyleProject("free");
        String flow = """
                id: greet
                triggers:
                  - name: start
                    type: data
                    opts: {form: {fields: [{id: who, prompt: Who}]}}
                tasks:
                  - {name: greet, listen: trigger.good, type: exec, opts: {shell: "echo greeting"}}
                  - {name: done, listen: task.greet.good, type: end}
                """;
        r.jenkins.getWorkspaceFor(p).child("floe.yml").write(flow, "UTF-8");
        FloeBuilder step = new FloeBuilder();
        step.setValues("who=${JOB_NAME}");
        p.getBuildersList().add(step);

        FreeStyleBuild b = r.buildAndAssertSuccess(p);

        r.assertLogContains("[floe:greet] greeting", b);
        JSONObject start = r.getJSON(b.getUrl() + "floe-graph/graph").getJSONObject().getJSONArray("Triggers")
                .getJSONObject(0);
        assertEquals("free", start.getJSONArray("Fields").getJSONObject(0).getString("value"));
    }

    @Test
    void theStepsFieldsSurviveTheConfigurationPage(JenkinsRule r) throws Exception {
        FloeBuilder before = Flows.inline(Flows.HELLO);
        before.setTrigger("start");
        before.setValues("a=1");

        FloeBuilder after = r.configRoundtrip(before);

        r.assertEqualDataBoundBeans(before, after);
    }

    @Test
    void theGlobalDefaultsSurviveTheSystemPage(JenkinsRule r) throws Exception {
        FloeGlobalConfiguration.get().setDefaultFile("ci/floe.yml");
        FloeGlobalConfiguration.get().setHostName("ci-main");

        r.configRoundtrip();

        assertEquals("ci/floe.yml", FloeGlobalConfiguration.get().getDefaultFile());
        assertEquals("ci-main", FloeGlobalConfiguration.get().getHostName());
    }
}

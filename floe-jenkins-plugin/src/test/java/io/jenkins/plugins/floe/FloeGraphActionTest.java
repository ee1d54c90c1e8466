package io.jenkins.plugins.floe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hudson.model.Result;
import hudson.model.queue.QueueTaskFuture;
import net.sf.json.JSONArray;
import net.sf.json.JSONObject;
import org.htmlunit.html.DomElement;
import org.htmlunit.html.HtmlForm;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** The run graph: on the build page, as JSON, and the forms of data nodes. */
@WithJenkins
class FloeGraphActionTest {
    @Test
    void theGraphJsonHasTheRunsNodesAndTheirResults(JenkinsRule r) throws Exception {
        FloeProject p = r.createProject(FloeProject.class, "graph");
        p.setFloe(Flows.inline(Flows.HELLO));
        FloeBuild b = r.buildAndAssertSuccess(p);

        JSONObject json = r.getJSON(b.getUrl() + "floe-graph/graph").getJSONObject();

        assertEquals("Say hello jenkins-1", json.getString("Name"));
        JSONObject say = json.getJSONArray("Graph").getJSONArray(0).getJSONObject(0);
        assertEquals("say", say.getString("ID"));
        assertEquals("success", say.getString("Result"));
        assertTrue(say.getJSONArray("Logs").toString().contains("hello from jenkins-graph-1"));
        JSONArray edges = json.getJSONArray("Edges");
        assertTrue(edges.toString().contains("task.say.good"));
        assertTrue(json.getJSONObject("Summary").getBoolean("Ended"));
        assertTrue(json.getJSONObject("Summary").getBoolean("Good"));
    }

    @Test
    void theBuildPageShowsTheGraphAndItsPageHasATableOfNodes(JenkinsRule r) throws Exception {
        FloeProject p = r.createProject(FloeProject.class, "pages");
        p.setFloe(Flows.inline(Flows.HELLO));
        FloeBuild b = r.buildAndAssertSuccess(p);
        JenkinsRule.WebClient wc = r.createWebClient();
        wc.getOptions().setThrowExceptionOnScriptError(false);

        HtmlPage build = wc.getPage(b);
        DomElement compact = build.querySelector(".floe-graph");
        assertEquals(r.contextPath + "/" + b.getUrl() + "floe-graph/graph", compact.getAttribute("data-graph-url"));
        assertEquals("false", compact.getAttribute("data-live"));

        HtmlPage full = wc.getPage(b, "floe-graph/");
        assertTrue(full.querySelector("#floe-node-say").asNormalizedText().contains("success"));
        assertTrue(full.asNormalizedText().contains("Say hello"));
    }

    @Test
    void aDataNodeWaitsForItsFormToBeAnsweredOnTheGraphPage(JenkinsRule r) throws Exception {
        FloeProject p = r.createProject(FloeProject.class, "release");
        p.setFloe(Flows.inline(Flows.RELEASE));
        QueueTaskFuture<FloeBuild> future = p.scheduleBuild2(0);
        FloeBuild b = future.waitForStart();
        r.waitForMessage("[floe] data node approve is waiting for input: answer it on ", b);
        JenkinsRule.WebClient wc = r.createWebClient();
        wc.getOptions().setThrowExceptionOnScriptError(false);

        HtmlPage page = wc.getPage(b, "floe-graph/");
        HtmlForm form = page.getFormByName("floe-data-approve");
        form.getInputByName("field.version").setValue("1.2");
        r.submit(form);

        r.assertBuildStatusSuccess(future);
        r.assertLogContains("[floe] data node approve answered by", b);
        r.assertLogContains("[floe:ship] shipping", b);
        JSONObject approve = r.getJSON(b.getUrl() + "floe-graph/graph").getJSONObject().getJSONArray("Graph")
                .getJSONArray(0).getJSONObject(0);
        assertEquals("1.2", approve.getJSONArray("Fields").getJSONObject(0).getString("value"));
    }

    @Test
    void aRunThatCanNotStartSaysWhyOnTheBuildPage(JenkinsRule r) throws Exception {
        FloeProject p = r.createProject(FloeProject.class, "nostart");
        FloeBuilder step = Flows.inline(Flows.HELLO);
        step.setTrigger("stop");
        p.setFloe(step);

        FloeBuild b = r.buildAndAssertStatus(Result.FAILURE, p);

        r.assertLogContains("floe: flow hello has no trigger stop (triggers: start)", b);
        FloeGraphAction graph = b.getAction(FloeGraphAction.class);
        assertEquals("not started", graph.getStatus());
        assertTrue(r.createWebClient().getPage(b).asNormalizedText().contains("flow hello has no trigger stop"));
    }
}

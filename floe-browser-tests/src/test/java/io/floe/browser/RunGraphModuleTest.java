package io.floe.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The run-graph module on its own, as the Jenkins plugin uses it: loaded into a page that is not the dashboard, given
 * graph JSON and node states, with nothing else of the dashboard around it.
 */
class RunGraphModuleTest {
    /** A run view: a trigger, a build that is retried on failure (a loop), two checks, a merge, an end. */
    private static final String VIEW = """
            { "Triggers": [{"ID": "go", "Name": "go", "Class": "trigger", "Type": "data", "Status": "finished",
                            "Result": "success"}],
              "Graph": [
                [{"ID": "build", "Name": "<b>make</b>", "Class": "task", "Type": "exec",
                  "Status": "finished", "Result": "success"}],
                [{"ID": "lint", "Name": "lint", "Class": "task", "Type": "exec", "Status": "running", "Result": ""},
                 {"ID": "retry", "Name": "retry", "Class": "task", "Type": "exec", "Status": "", "Result": ""}],
                [{"ID": "both", "Name": "both", "Class": "merge", "Type": "all", "Status": "waiting", "Result": "",
                  "Waits": {"task.build.good": true, "task.lint.good": false}}],
                [{"ID": "done", "Name": "done", "Class": "task", "Type": "end", "Status": "", "Result": ""}]],
              "Unreachable": [{"ID": "lost", "Name": "lost", "Class": "task", "Type": "exec"}],
              "Edges": [{"from": "go", "to": "build", "tag": "trigger.good"},
                        {"from": "build", "to": "lint", "tag": "task.build.good"},
                        {"from": "build", "to": "retry", "tag": "task.build.bad"},
                        {"from": "retry", "to": "build", "tag": "task.retry.good"},
                        {"from": "build", "to": "both", "tag": "task.build.good"},
                        {"from": "lint", "to": "both", "tag": "task.lint.good"},
                        {"from": "both", "to": "done", "tag": "merge.both.good"}],
              "Summary": {"Ended": false} }""";

    @RegisterExtension
    static final SharedHost host = SharedHost.standard();
    private Browser b;

    @BeforeEach
    void openBlankPage() {
        b = new Browser(host.url(), host.dir().resolve("profile"), "run-graph-module");
        b.open("/health"); // any page of the host's origin that is not the dashboard
        b.jsAsync("const done = arguments[arguments.length - 1];"
                + "document.documentElement.replaceChildren(document.createElement('head'), document.createElement('body'));"
                + "const css = document.createElement('link'); css.rel = 'stylesheet'; css.onload = () => done();"
                + "css.href = '/static/css/run-graph.css'; document.head.appendChild(css);"
                + "const box = document.createElement('div'); box.id = 'box'; document.body.appendChild(box);");
    }

    @AfterEach
    void close() {
        b.close();
    }

    @Test
    void drawsAGraphFromJsonAndKeepsItsStatesCurrent() {
        @SuppressWarnings("unchecked")
        Map<String, Object> r = (Map<String, Object>) b.jsAsync("const done = arguments[arguments.length - 1];"
                + "import('/static/js/run-graph.js').then(m => {"
                + "  const picked = [];"
                + "  window.graph = m.drawRunGraph(document.getElementById('box'), " + VIEW + ","
                + "    { onSelect: id => picked.push(id) });"
                + "  const state = id => [...document.querySelector(`[data-node-id='${id}']`).classList]"
                + "    .find(c => c.startsWith('rg-state-')).slice(9);"
                + "  const before = ['go', 'build', 'lint', 'retry', 'both', 'done', 'lost'].map(state);"
                + "  m.updateNodeState(graph, 'lint', { Status: 'finished', Result: 'failed' });"
                + "  graph.update('both', { Waits: { 'task.build.good': true, 'task.lint.good': true } });"
                + "  const afterUpdate = [state('lint'), document.querySelector(\"[data-node-id='both']\")"
                + "    .getAttribute('aria-label')];"
                + "  graph.setEnded(true);"
                + "  const ended = [state('retry'), state('done')];"
                + "  document.querySelector(\"[data-node-id='lint']\").dispatchEvent(new MouseEvent('click', {bubbles: true}));"
                + "  done({ before, afterUpdate, ended, picked,"
                + "    nodes: document.querySelectorAll('.rg-node').length,"
                + "    edges: document.querySelectorAll('.rg-edge').length,"
                + "    back: document.querySelectorAll('.rg-edge-back').length,"
                + "    taken: document.querySelectorAll('.rg-edge-taken').length,"
                + "    name: document.querySelector(\"[data-node-id='build'] .rg-name\").textContent,"
                + "    markup: document.querySelectorAll('#box b').length,"
                + "    heads: [...document.querySelectorAll('.rg-head')].map(e => e.textContent),"
                + "    colour: getComputedStyle(document.querySelector(\"[data-node-id='build'] .rg-box\")).stroke });"
                + "});");
        assertThat(r.get("before")).isEqualTo(List.of("success", "success", "running", "idle", "waiting", "idle",
                "idle"));
        assertThat(r.get("afterUpdate")).isEqualTo(List.of("failed", "both: waiting 2/2"));
        assertThat(r.get("ended")).isEqualTo(List.of("skipped", "skipped"));
        assertThat(r.get("picked")).isEqualTo(List.of("lint"));
        assertThat(r.get("nodes")).isEqualTo(7L);
        assertThat(r.get("edges")).isEqualTo(7L);
        assertThat(r.get("back")).as("the retry loop runs back").isEqualTo(1L);
        assertThat(r.get("name")).isEqualTo("<b>make</b>");
        assertThat(r.get("markup")).isEqualTo(0L);
        assertThat(r.get("heads")).isEqualTo(List.of("triggers", "level 1", "level 2", "level 3", "level 4",
                "not reachable"));
        assertThat(r.get("colour")).as("the module's own stylesheet colours it").isEqualTo("rgb(21, 128, 61)");
        assertThat(((Number) r.get("taken")).intValue()).isGreaterThanOrEqualTo(3);
        b.screenshot("drawn");
    }

    @Test
    void movesBetweenStepsWithTheKeyboard() {
        b.jsAsync("const done = arguments[arguments.length - 1];"
                + "import('/static/js/run-graph.js').then(m => {"
                + "  window.picked = [];"
                + "  m.drawRunGraph(document.getElementById('box'), " + VIEW + ", { onSelect: id => picked.push(id) });"
                + "  done();"
                + "});");
        assertThat(b.findAll(".rg-node[tabindex='0']")).hasSize(1); // one tab stop for the whole graph
        b.find(".rg-node[tabindex='0']").sendKeys(org.openqa.selenium.Keys.ARROW_RIGHT);
        assertThat(focused()).isEqualTo("build");
        b.driver.switchTo().activeElement().sendKeys(org.openqa.selenium.Keys.ARROW_RIGHT);
        b.driver.switchTo().activeElement().sendKeys(org.openqa.selenium.Keys.ARROW_DOWN);
        assertThat(focused()).isEqualTo("retry");
        b.driver.switchTo().activeElement().sendKeys(org.openqa.selenium.Keys.ENTER);
        assertThat(b.js("return picked")).isEqualTo(List.of("retry"));
        assertThat(b.find("[data-node-id='retry']").getAttribute("tabindex")).isEqualTo("0");
        assertThat(b.find("[data-node-id='retry']").getAttribute("aria-pressed")).isEqualTo("true");
    }

    private String focused() {
        return b.driver.switchTo().activeElement().getAttribute("data-node-id");
    }
}

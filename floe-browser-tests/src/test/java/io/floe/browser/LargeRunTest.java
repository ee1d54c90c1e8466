package io.floe.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Large runs stay usable: a graph of 200 steps and a log of 100,000 lines. Each test checks what a user sees and
 * measures how long it took and how long the page was busy, into {@code target/figures/large-runs.txt}.
 */
class LargeRunTest {
    static final int STEPS_PER_LEVEL = 19;
    static final int LEVELS = 10;
    static final int LINES = 100_000;

    @RegisterExtension
    static final SharedHost host = SharedHost.of(dir -> List.of(wideFlow(), longLogFlow()));
    @RegisterExtension
    final Browsers browsers = new Browsers(host);
    private static HostApi api;
    private static Figures figures;
    private Browser b;

    @BeforeAll
    static void startFigures() {
        api = host.api();
        figures = new Figures("large-runs");
    }

    @Test
    void drawsARunOf200Steps() {
        String rid = start("browser-wide");
        HostApi.await("the 200-step run to end", Duration.ofSeconds(120), () -> api.ended("browser-wide", rid));
        b = browsers.open("large-graph");
        b.loginAsAdmin();
        b.open("/app/flows/browser-wide/runs/" + rid);
        b.until("200 steps drawn", d -> b.findAll(".rg-node").size() == 200 + 1 ? true : null); // and the trigger
        b.waitForPresent(DashboardTest.node("finish", "success"));
        figures.add("200-step graph: draw in the run page", measure("floe:run-graph-draw"), "ms");

        // the module on its own, as the Jenkins plugin uses it: draw and restate every node, many times
        @SuppressWarnings("unchecked")
        Map<String, Object> m = (Map<String, Object>) b.jsAsync("const done = arguments[arguments.length - 1];"
                + "Promise.all([import('/static/js/run-graph.js'),"
                + "  fetch('/build/api/flows/browser-wide/runs/" + rid + "').then(r => r.json())]).then(([g, r]) => {"
                + "  const box = document.createElement('div'); document.body.appendChild(box);"
                + "  const draws = [], updates = [];"
                + "  let graph;"
                + "  for (let i = 0; i < 20; i++) {"
                + "    const t0 = performance.now(); graph = g.drawRunGraph(box, r.Payload); draws.push(performance.now() - t0);"
                + "  }"
                + "  for (let i = 0; i < 20; i++) {"
                + "    const t0 = performance.now();"
                + "    for (const id of graph.nodeIds) graph.update(id, { Status: 'running', Result: '' });"
                + "    updates.push(performance.now() - t0);"
                + "  }"
                + "  const t1 = performance.now(); graph.updateAll(r.Payload); const all = performance.now() - t1;"
                + "  const nodes = box.querySelectorAll('.rg-node').length, edges = box.querySelectorAll('.rg-edge').length;"
                + "  graph.destroy(); box.remove();"
                + "  draws.sort((a, b) => a - b); updates.sort((a, b) => a - b);"
                + "  done({ draw: draws[10], drawMax: draws[19], update: updates[10], all, nodes, edges });"
                + "});");
        assertThat(((Number) m.get("nodes")).intValue()).isEqualTo(201);
        figures.add("200-step graph: drawRunGraph, median of 20 (" + m.get("edges") + " edges)",
                num(m.get("draw")), "ms");
        figures.add("200-step graph: drawRunGraph, slowest of 20", num(m.get("drawMax")), "ms");
        figures.add("200-step graph: restate all 200 nodes one by one, median", num(m.get("update")), "ms");
        figures.add("200-step graph: updateAll from a fresh run view", num(m.get("all")), "ms");

        // a person picks a step: its details show at once
        double picked = num(b.jsAsync("const done = arguments[arguments.length - 1];"
                + "const t0 = performance.now();"
                + "document.querySelector(\"[data-node-id='s5-7']\").dispatchEvent(new MouseEvent('click', {bubbles: true}));"
                + "const wait = () => document.querySelector('#sec-detail') && document.querySelector('#sec-detail')"
                + ".textContent === 'step 5.7' ? done(performance.now() - t0) : requestAnimationFrame(wait); wait();"));
        figures.add("200-step graph: click a step until its details show", picked, "ms");
        b.waitForText(".log-viewport", "echo step 5.7");
        b.screenshot("run");
        b.press("Fit");
        b.screenshot("run-fit");
    }

    @Test
    void followsALogOf100000LinesLiveAndScrollsIt() {
        b = browsers.open("large-log");
        b.loginAsAdmin();
        b.open("/app/flows/browser-long-log");
        b.waitFor("[data-trigger='start'] form");
        // how busy the page is from here on: long tasks (over 50 ms) and the worst delay of a 50 ms timer
        b.js("window.floeBusy = { long: [], lag: 0 };"
                + "new PerformanceObserver(l => l.getEntries().forEach(e => floeBusy.long.push(e.duration)))"
                + ".observe({ type: 'longtask' });"
                + "let last = performance.now();"
                + "setInterval(() => { const now = performance.now(); floeBusy.lag = Math.max(floeBusy.lag, now - last - 50);"
                + " last = now; }, 50);"
                + "window.floeStart = performance.now();");
        b.press("Start run");
        b.waitForPresent("[data-node-id='print']").click();
        b.waitFor(".log-viewport");
        double live = untilLastLine("wait(floeStart);");
        String rid = b.path().replaceAll(".*/runs/", "");
        long total = api.get("/flows/browser-long-log/runs/" + rid + "/nodes/print/log?from=0&max=1").get("Total")
                .getAsLong(); // the 100,000 lines and what the exec task says first
        assertThat(total).isGreaterThanOrEqualTo(LINES);
        b.waitForText(".log-count", String.format(java.util.Locale.ROOT, "%,d lines", total));
        figures.add("100k-line log, live: start until its last line shows", live, "ms");
        busy("100k-line log, live");
        int rows = ((Number) b.js("return document.querySelectorAll('.log-row').length")).intValue();
        assertThat(rows).as("rows in the page for 100,000 lines").isLessThan(200);
        figures.add("100k-line log: rows in the page", rows, "rows");
        b.screenshot("live-end");
        busy(null); // a screenshot keeps the page busy too: not counted

        // jump to the middle and to the top: the lines there are read when they come into view
        double middle = num(b.jsAsync("const v = document.querySelector('.log-viewport');"
                + "const t0 = performance.now(); v.scrollTop = v.scrollHeight / 2;" + shownWithoutGaps()));
        figures.add("100k-line log: jump to the middle until its lines show", middle, "ms");
        assertThat(b.text(".log-viewport")).contains("log line 50");
        double top = num(b.jsAsync("const v = document.querySelector('.log-viewport');"
                + "const t0 = performance.now(); v.scrollTop = 0;" + shownWithoutGaps()));
        figures.add("100k-line log: jump to the top until its lines show", top, "ms");
        assertThat(b.text(".log-viewport")).contains("log line 1\n");
        busy("100k-line log, scrolling");
        b.js("const v = document.querySelector('.log-viewport'); v.scrollTop = v.scrollHeight / 2;");
        b.until("the middle of the log", d -> b.findAll(".log-missing").isEmpty());
        b.screenshot("middle");

        // a fresh page on the finished run, opened on that step
        HostApi.await("the run to end", Duration.ofSeconds(60), () -> api.ended("browser-long-log", rid));
        b.open("/app/dash");
        b.waitFor(".flow-card");
        b.open("/app/flows/browser-long-log/runs/" + rid + "#node=print");
        double cold = untilLastLine("wait(0);");
        figures.add("100k-line log, finished run: page load until its last line shows", cold, "ms");
        b.screenshot("finished");
    }

    /** The time until the log's last line is on screen (the script's {@code wait(t0)} from t0); fails with what shows. */
    private double untilLastLine(String call) {
        try {
            return num(b.jsAsync(untilLine(LINES) + call));
        } catch (org.openqa.selenium.ScriptTimeoutException e) {
            throw new AssertionError("the last line never showed; the log view shows " + b.js(
                    "const v = document.querySelector('.log-viewport'); return v && JSON.stringify({"
                    + " count: document.querySelector('.log-count').textContent,"
                    + " following: document.querySelector('.log-follow input').checked,"
                    + " last: [...v.querySelectorAll('.log-row:not([hidden])')].map(r => r.textContent).slice(-3) })"),
                    e);
        }
    }

    /** Script: calls back with the time from {@code t0} until line {@code n} is on screen. */
    private static String untilLine(int n) {
        return "const done = arguments[arguments.length - 1];"
                + "function wait(t0) { const v = document.querySelector('.log-viewport');"
                + "  const hit = v && [...v.querySelectorAll('.log-row:not([hidden]) .log-text')].some(e => e.textContent === 'log line "
                + n + "');"
                + "  if (hit) done(performance.now() - t0); else requestAnimationFrame(() => wait(t0)); }";
    }

    /**
     * Script tail: calls back with the time since {@code t0} until the rows shown are those at the scroll position
     * (the line at the top of the view among them) and none of them waits for its text.
     */
    private static String shownWithoutGaps() {
        return "const done = arguments[arguments.length - 1];"
                + "const lh = v.querySelector('.log-row').getBoundingClientRect().height;"
                + "const want = String(Math.floor(v.scrollTop / lh) + 1);"
                + "const wait = () => { const rows = [...v.querySelectorAll('.log-row:not([hidden])')];"
                + "  const there = rows.some(r => r.querySelector('.log-num').textContent === want);"
                + "  if (there && !rows.some(r => r.classList.contains('log-missing'))) done(performance.now() - t0);"
                + "  else requestAnimationFrame(wait); };"
                + "requestAnimationFrame(wait);";
    }

    /** Notes how busy the page was since the last call (with {@code what} null: forgets it). */
    @SuppressWarnings("unchecked")
    private void busy(String what) {
        Map<String, Object> m = (Map<String, Object>) b.js("const l = floeBusy.long;"
                + "const r = { count: l.length, max: l.length ? Math.max(...l) : 0, total: l.reduce((a, x) => a + x, 0),"
                + " lag: floeBusy.lag }; floeBusy.long = []; floeBusy.lag = 0; return r;");
        if (what == null) {
            return;
        }
        figures.add(what + ": long tasks (over 50 ms)", num(m.get("count")), "tasks");
        figures.add(what + ": longest task", num(m.get("max")), "ms");
        figures.add(what + ": time in long tasks", num(m.get("total")), "ms");
        figures.add(what + ": worst delay of a 50 ms timer", num(m.get("lag")), "ms");
    }

    private double measure(String name) {
        return num(b.js("const m = performance.getEntriesByName(arguments[0]); return m.length ? m[0].duration : -1;",
                name));
    }

    private static double num(Object o) {
        return ((Number) o).doubleValue();
    }

    private static String start(String flow) {
        return host.start(flow, "{}");
    }

    /** 200 steps: ten levels of 19 tasks (18 in the last), each joined by a merge the next level listens to, and an end. */
    static Map<String, Object> wideFlow() {
        List<Object> tasks = new ArrayList<>();
        for (int level = 1; level <= LEVELS; level++) {
            List<String> waits = new ArrayList<>();
            int steps = level < LEVELS ? STEPS_PER_LEVEL : STEPS_PER_LEVEL - 1; // room for the last merge and the end
            for (int j = 1; j <= steps; j++) {
                String id = "s" + level + "-" + j;
                tasks.add(map("id", id, "name", "step " + level + "." + j, "type", "exec",
                        "listen", level == 1 ? "trigger.good" : "merge.m" + (level - 1) + ".good",
                        "opts", map("shell", "echo step " + level + "." + j)));
                waits.add("task." + id + ".good");
            }
            tasks.add(map("id", "m" + level, "name", "level " + level + " done", "class", "merge", "type", "all",
                    "wait", waits));
        }
        tasks.add(map("id", "finish", "name", "finish", "type", "end", "listen", "merge.m" + LEVELS + ".good"));
        return map("id", "browser-wide", "ver", 1, "name", "Two hundred steps", "triggers", List.of(startTrigger()),
                "tasks", tasks);
    }

    /** One task that prints 100,000 lines. */
    static Map<String, Object> longLogFlow() {
        return map("id", "browser-long-log", "ver", 1, "name", "A long log", "triggers", List.of(startTrigger()),
                "tasks", List.of(
                        map("id", "print", "name", "print", "type", "exec", "listen", "trigger.good",
                                "opts", map("shell", "seq 1 " + LINES + " | sed 's/^/log line /'")),
                        map("id", "done", "name", "done", "type", "end", "listen", "task.print.good")));
    }

    private static Map<String, Object> startTrigger() {
        return map("id", "start", "name", "start", "type", "data", "opts",
                map("form", map("title", "Start", "fields", List.of())));
    }

    private static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }
}

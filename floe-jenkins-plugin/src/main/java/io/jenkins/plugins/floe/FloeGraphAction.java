package io.jenkins.plugins.floe;

import hudson.model.Item;
import hudson.model.Run;
import hudson.model.User;
import io.floe.engine.DataReceipt;
import io.floe.engine.embed.BuildResult;
import io.floe.engine.embed.EmbeddedRun;
import io.floe.engine.embed.GraphJson;
import io.floe.engine.embed.PrefixedLog;
import io.floe.engine.embed.RunOutcome;
import io.floe.engine.view.RunNodeView;
import io.floe.engine.view.RunView;
import jakarta.servlet.http.HttpServletResponse;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import jenkins.model.RunAction2;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.StaplerResponse2;
import org.kohsuke.stapler.interceptor.RequirePOST;
import org.kohsuke.stapler.verb.GET;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The run graph of one floe step of a build: a compact graph in the build page's summary, a full page at
 * {@code <build>/floe-graph/} with each node's state, time and log, the graph as JSON at {@code …/floe-graph/graph},
 * and the forms of data nodes waiting for input. While the build runs the graph is read from the running engine;
 * when it ends the final graph is written beside the build ({@code floe-graph.json}), so {@code build.xml} keeps only
 * a few words about the run. A build with several floe steps has {@code floe-graph-2}, {@code floe-graph-3}…
 */
public final class FloeGraphAction implements RunAction2 {
    private static final Logger LOGGER = LoggerFactory.getLogger(FloeGraphAction.class);

    private final int index;
    private String flowName = "";
    private String runId = "";
    private String status = "starting";
    private String problem = "";
    private transient Run<?, ?> run;
    private transient volatile EmbeddedRun live;
    private transient volatile PrintStream log;

    private FloeGraphAction(int index) {
        this.index = index;
    }

    /** Adds the graph of a new floe step to {@code run}: the first is {@code floe-graph}, the next ones numbered. */
    static FloeGraphAction addTo(Run<?, ?> run) {
        synchronized (run) {
            FloeGraphAction action = new FloeGraphAction(run.getActions(FloeGraphAction.class).size() + 1);
            run.addAction(action);
            return action;
        }
    }

    @Override
    public void onAttached(Run<?, ?> r) {
        this.run = r;
    }

    @Override
    public void onLoad(Run<?, ?> r) {
        this.run = r;
        if ("running".equals(status) || "starting".equals(status)) {
            // Jenkins restarted during the build: the run lived in the controller's memory and ended with it
            status = "aborted";
            problem = "Jenkins restarted while the run was going: a floe run does not survive a restart of the"
                    + " controller; build again";
            save();
        }
    }

    @Override
    public String getIconFileName() {
        return "/plugin/floe/images/floe-graph.svg";
    }

    @Override
    public String getDisplayName() {
        return index == 1 ? "Floe run graph" : "Floe run graph " + index;
    }

    @Override
    public String getUrlName() {
        return index == 1 ? "floe-graph" : "floe-graph-" + index;
    }

    public Run<?, ?> getRun() {
        return run;
    }

    public String getFlowName() {
        return flowName;
    }

    /** The floe run's id, e.g. {@code jenkins-1}. */
    public String getRunId() {
        return runId;
    }

    /** starting, running, good, bad, aborted or not started. */
    public String getStatus() {
        return status;
    }

    /** Why the run did not start, or blank. */
    public String getProblem() {
        return problem;
    }

    /** Whether the graph still changes: the page then keeps it up to date. */
    public boolean isLive() {
        return live != null;
    }

    /** The nodes of the graph in drawing order, for the page's table. */
    public List<GraphNode> getNodes() {
        return view().map(v -> nodes(v).map(GraphNode::new).toList()).orElse(List.of());
    }

    /** The data nodes waiting for input now. */
    public List<DataRequest> getDataRequests() {
        EmbeddedRun l = live;
        if (l == null) {
            return List.of();
        }
        return l.view().map(v -> nodes(v).filter(FloeGraphAction::waitsForInput).map(DataRequest::new).toList())
                .orElse(List.of());
    }

    /** The ids of the data nodes waiting for input, comma-separated: the page reloads when they change. */
    public String getWaitingIds() {
        return String.join(",", getDataRequests().stream().map(DataRequest::getNodeId).toList());
    }

    /** Whether the current user may answer data nodes: those who may build the job. */
    public boolean isAnswerable() {
        return run != null && run.getParent().hasPermission(Item.BUILD);
    }

    /** {@code GET …/floe-graph/graph}: the graph in the shape the dashboard's run-graph module draws. */
    @GET
    public void doGraph(StaplerRequest2 req, StaplerResponse2 rsp) throws IOException {
        run.checkPermission(Item.READ);
        Optional<String> json = graphJson();
        if (json.isEmpty()) {
            rsp.sendError(HttpServletResponse.SC_NOT_FOUND, "the floe run of this build has no graph: " + (problem
                    .isBlank() ? "it did not start" : problem));
            return;
        }
        rsp.setContentType("application/json;charset=UTF-8");
        rsp.setHeader("Cache-Control", "no-cache");
        rsp.getWriter().write(json.get());
    }

    /**
     * {@code POST …/floe-graph/submit}: answers a waiting data node with the form's {@code field.<id>} values.
     * Needs the permission to build the job.
     */
    @RequirePOST
    public void doSubmit(StaplerRequest2 req, StaplerResponse2 rsp) throws IOException {
        run.getParent().checkPermission(Item.BUILD);
        String nodeId = req.getParameter("node");
        EmbeddedRun l = live;
        if (l == null) {
            rsp.sendError(HttpServletResponse.SC_CONFLICT, "the floe run of this build has ended: its forms can no"
                    + " longer be answered");
            return;
        }
        Optional<RunNodeView> node = l.view().flatMap(v -> nodes(v).filter(n -> n.id().equals(nodeId))
                .filter(FloeGraphAction::waitsForInput).findFirst());
        if (node.isEmpty()) {
            rsp.sendError(HttpServletResponse.SC_CONFLICT, "data node " + nodeId + " is not waiting for input");
            return;
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (RunNodeView.Field f : node.get().fields() == null ? List.<RunNodeView.Field>of() : node.get().fields()) {
            String v = req.getParameter("field." + f.id());
            if ("bool".equals(f.type())) {
                // an unticked checkbox is not sent at all
                v = v == null || "false".equals(v) ? "false" : "true";
            }
            if (v != null) {
                values.put(f.id(), v);
            }
        }
        DataReceipt receipt = l.supplyData(nodeId, values);
        if (!receipt.accepted()) {
            rsp.sendError(HttpServletResponse.SC_CONFLICT, receipt.message());
            return;
        }
        PrintStream out = log;
        if (out != null) {
            User user = User.current();
            new PrefixedLog(out).note("data node " + nodeId + " answered by " + (user == null ? "anonymous"
                    : user.getId()));
        }
        rsp.sendRedirect2(".");
    }

    /** The step's run started: the graph now follows it. */
    void follow(EmbeddedRun embedded, PrintStream buildLog) {
        flowName = embedded.flow().name().isBlank() ? embedded.flow().id() : embedded.flow().name();
        runId = embedded.id().toString();
        status = "running";
        log = buildLog;
        live = embedded;
        save();
    }

    /** The step's run ended: its final graph is kept beside the build. */
    void finish(RunOutcome outcome) {
        try {
            Files.writeString(graphFile().toPath(), GraphJson.of(outcome.view()), StandardCharsets.UTF_8);
        } catch (IOException e) {
            LOGGER.warn("could not keep the floe graph of {} in {}: {}", run, graphFile(), e.toString());
        }
        status = outcome.result() == BuildResult.ABORTED ? "aborted" : outcome.summary().good() ? "good" : "bad";
        live = null;
        log = null;
        save();
    }

    /** The step's run could not start. */
    void notStarted(String why) {
        status = "not started";
        problem = why;
        save();
    }

    private Optional<RunView> view() {
        EmbeddedRun l = live;
        if (l != null) {
            return l.view();
        }
        return graphJson().map(GraphJson::read);
    }

    private Optional<String> graphJson() {
        EmbeddedRun l = live;
        if (l != null) {
            return l.view().map(GraphJson::of);
        }
        File f = graphFile();
        if (run == null || !f.isFile()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.readString(f.toPath(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            LOGGER.warn("could not read the floe graph {}: {}", f, e.toString());
            return Optional.empty();
        }
    }

    private File graphFile() {
        return new File(run.getRootDir(), getUrlName() + ".json");
    }

    /** A data task that waits for its form (a fired trigger is "enabled" too, but answers nothing). */
    private static boolean waitsForInput(RunNodeView n) {
        return n.enabled() && "data".equals(n.type()) && !"trigger".equals(n.nodeClass());
    }

    private static Stream<RunNodeView> nodes(RunView v) {
        List<RunNodeView> all = new ArrayList<>(v.triggers() == null ? List.of() : v.triggers());
        if (v.graph() != null) {
            v.graph().forEach(all::addAll);
        }
        if (v.unreachable() != null) {
            all.addAll(v.unreachable());
        }
        return all.stream();
    }

    private void save() {
        try {
            run.save();
        } catch (IOException e) {
            LOGGER.warn("could not save {} with its floe run state: {}", run, e.toString());
        }
    }
}

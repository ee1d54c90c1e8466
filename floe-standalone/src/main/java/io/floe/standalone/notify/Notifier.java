package io.floe.standalone.notify;

import io.floe.engine.Floe;
import io.floe.engine.config.FloeConfig;
import io.floe.engine.config.FlowConfig;
import io.floe.engine.config.NodeConfig;
import io.floe.engine.config.NotifyTarget;
import io.floe.engine.event.Event;
import io.floe.engine.event.HostedRef;
import io.floe.engine.event.Subscription;
import io.floe.engine.event.Tags;
import io.floe.engine.run.Provenance;
import io.floe.engine.run.RunRecord;
import io.floe.engine.run.RunResult;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tells the receivers of {@code common.notify} and of the run's flow's {@code notify} when a run ends and, if they
 * asked, when a data node starts waiting for someone. It observes the host's events on a delivery of its own, so the
 * hub's routing never waits for it, and hands each notice to a {@link NoticeSender}, which never waits for a receiver.
 * Receivers are read from the host's current config, so a reload changes them; a flow-file can not add any.
 */
public final class Notifier implements AutoCloseable {
    /** Data nodes already told about, per run, so a partial form submission does not tell again; bounded. */
    private static final int MAX_WAITING = 100_000;

    private record Waiting(HostedRef run, String nodeId) {}

    private final Floe floe;
    private final NoticeSender sender;
    private final Set<Waiting> told = ConcurrentHashMap.newKeySet();
    private final Subscription subscription;

    private Notifier(Floe floe, NoticeSender sender) {
        this.floe = floe;
        this.sender = sender;
        this.subscription = floe.observe(this::observe);
    }

    /** Starts notifying for {@code floe}'s runs, reading secrets from the process environment. */
    public static Notifier observe(Floe floe) {
        return observe(floe, DeliveryPolicy.DEFAULT, RetryTimer.wall(), System.getenv());
    }

    /** As {@link #observe(Floe)}, with the retry policy, the back-off timer and the environment secrets come from. */
    public static Notifier observe(Floe floe, DeliveryPolicy policy, RetryTimer timer, Map<String, String> env) {
        return new Notifier(floe, new NoticeSender(policy, timer, new NotifySecrets(env)));
    }

    private void observe(Event e) {
        if (!e.runRef().adopted()) {
            return;
        }
        HostedRef run = e.runRef().run();
        if (Tags.SYS_END_ALL.equals(e.tag())) {
            told.removeIf(w -> w.run().equals(run));
            RunResult result = RunResult.ofEnd(e.good(), e.opts());
            send(e, NotifyTarget.When.RUN_END, result.wire(), null);
        } else if (Tags.SYS_DATA_REQUIRED.equals(e.tag())) {
            Waiting w = new Waiting(run, e.sourceNode().id());
            if (told.size() < MAX_WAITING && told.add(w)) {
                send(e, NotifyTarget.When.DATA_WAITING, "", e.sourceNode().id());
            }
        }
    }

    private void send(Event e, NotifyTarget.When when, String result, String nodeId) {
        FloeConfig config = floe.config();
        Optional<FlowConfig> configured = config.flow(e.runRef().flowRef())
                .or(() -> config.latest(e.runRef().flowRef().id()));
        List<NotifyTarget> targets = new ArrayList<>();
        config.common().notifications().stream().filter(t -> t.events().contains(when)).forEach(targets::add);
        configured.ifPresent(f -> f.notifications().stream().filter(t -> t.events().contains(when))
                .forEach(targets::add));
        if (targets.isEmpty()) {
            return;
        }
        Notice notice = notice(e, when, result, nodeId, configured, config.common().publicUrl());
        for (NotifyTarget t : targets) {
            sender.send(t, notice);
        }
    }

    private Notice notice(Event e, NotifyTarget.When when, String result, String nodeId,
            Optional<FlowConfig> configured, String publicUrl) {
        HostedRef id = e.runRef().run();
        Optional<RunRecord> rec = floe.run(id).map(s -> s.record());
        FlowConfig flow = rec.map(RunRecord::flow).or(() -> configured).orElse(null);
        String flowId = e.runRef().flowRef().id();
        Provenance p = Provenance.of(rec.map(RunRecord::opts).orElse(Map.of()));
        Notice.Node node = null;
        if (nodeId != null) {
            String name = flow == null ? "" : flow.task(nodeId).map(NodeConfig::name).orElse("");
            node = new Notice.Node(nodeId, name);
        }
        String reason = when == NotifyTarget.When.RUN_END
                ? rec.map(RunRecord::endReason).filter(r -> !r.isEmpty())
                        .orElse(e.opts().get("reason") instanceof String s ? s : "")
                : "";
        return new Notice(when.wire(), result,
                new Notice.Flow(flowId, flow == null ? "" : flow.name(), e.runRef().flowRef().ver()),
                id.toString(), floe.hostId(),
                new Notice.StartedBy(p.starter().wire(), p.name(), p.detail()),
                time(rec.map(RunRecord::started).orElse(null)),
                when == NotifyTarget.When.RUN_END ? time(rec.map(RunRecord::ended).orElse(null)) : "",
                reason, node, link(publicUrl, flowId, id));
    }

    /** The run page's address on the dashboard, or empty when the host was not told its public address. */
    static String link(String publicUrl, String flowId, HostedRef run) {
        if (publicUrl.isBlank()) {
            return "";
        }
        String base = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
        return base + "/app/flows/" + URLEncoder.encode(flowId, StandardCharsets.UTF_8).replace("+", "%20")
                + "/runs/" + URLEncoder.encode(run.toString(), StandardCharsets.UTF_8);
    }

    private static String time(Instant t) {
        return t == null || t.equals(Instant.EPOCH) ? "" : t.toString();
    }

    @Override
    public void close() {
        subscription.close();
        sender.close();
    }
}

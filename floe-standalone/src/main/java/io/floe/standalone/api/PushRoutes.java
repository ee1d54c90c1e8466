package io.floe.standalone.api;

import com.google.gson.annotations.SerializedName;
import io.floe.engine.event.Event;
import io.floe.engine.event.FlowRef;
import io.floe.engine.event.HostedRef;
import io.floe.engine.event.NodeRef;
import io.floe.engine.event.RunRef;
import io.floe.engine.event.Tags;
import io.floe.engine.hub.DataReceipt;
import io.floe.engine.hub.TriggerOutcome;
import io.floe.engine.run.RunRecord;
import io.floe.standalone.server.HostServices;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code POST <base>/push/data} (floe-spec §5.3): with a {@code Run} the values go to that run's data node
 * {@code Form.ID}; without one they fire the flow's trigger {@code Form.ID} (the latest version when {@code Ver} is
 * 0). Unlike the original, the answer says what happened: the runs started, or why nothing was.
 */
public final class PushRoutes {
    record Ref(@SerializedName("ID") String id, @SerializedName("Ver") int ver) {}

    record Form(@SerializedName("ID") String id, @SerializedName("Values") Map<String, Object> values) {}

    record Push(@SerializedName("Ref") Ref ref, @SerializedName("Run") String run, @SerializedName("Form") Form form) {}

    record Started(@SerializedName("Runs") List<String> runs, @SerializedName("Errors") List<String> errors) {}

    record Supplied(@SerializedName("Complete") boolean complete) {}

    /** Forwards data for a run that executes on another host; empty when this host can not reach it. */
    public interface DataForwarder {
        Optional<DataReceipt> forward(HostedRef run, String nodeId, Map<String, Object> values);
    }

    private final HostServices host;
    private final DataForwarder forwarder;

    public PushRoutes(HostServices host, DataForwarder forwarder) {
        this.host = host;
        this.forwarder = forwarder;
    }

    public void register(Javalin app, String base) {
        app.post(base + "/push/data", this::push);
        app.get(base + "/push/data", ctx -> Reply.ok(ctx, null));
    }

    private void push(Context ctx) {
        Push p = Bodies.read(ctx, Push.class);
        Form form = p.form() == null ? new Form("", Map.of()) : p.form();
        Map<String, Object> values = form.values() == null ? Map.of() : form.values();
        if (p.run() != null && !p.run().isBlank()) {
            HostedRef run = HostedRef.parse(p.run()).orElseThrow(() -> ApiException.badRequest("Run '" + p.run()
                    + "' is not a run id (<host>-<number>)"));
            supply(ctx, run, form.id(), values);
            return;
        }
        Ref ref = p.ref() == null ? new Ref("", 0) : p.ref();
        if (ref.id() == null || ref.id().isBlank()) {
            throw ApiException.badRequest("Ref.ID must name the flow to start");
        }
        Event e = Event.of(RunRef.unadopted(new FlowRef(ref.id(), ref.ver())),
                new NodeRef("trigger", form.id() == null ? "" : form.id()), Tags.INBOUND_DATA, false, values);
        TriggerOutcome out = host.floe().publish(e).join();
        List<String> started = out.pends().stream().map(RunRecord::id).map(HostedRef::toString).toList();
        if (started.isEmpty()) {
            Reply.send(ctx, out.storeCannotWrite() ? 503 : 404, String.join("; ", out.errors()),
                    new Started(started, out.errors()));
        } else {
            Reply.ok(ctx, new Started(started, out.errors()));
        }
    }

    private void supply(Context ctx, HostedRef run, String nodeId, Map<String, Object> values) {
        DataReceipt r = host.floe().supplyData(run, nodeId, values).join();
        if (!r.accepted()) {
            // the run may execute on another host of the cluster (fix of floe-spec §8.17)
            r = forwarder.forward(run, nodeId, values).orElse(r);
        }
        if (!r.accepted()) {
            throw new ApiException(409, r.message());
        }
        Reply.ok(ctx, new Supplied(r.complete()));
    }
}

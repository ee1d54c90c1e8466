package io.floe.standalone.api;

import com.google.gson.JsonElement;
import com.google.gson.annotations.SerializedName;
import io.floe.engine.DataReceipt;
import io.floe.engine.TriggerCall;
import io.floe.engine.TriggerOutcome;
import io.floe.engine.ValuesRefused;
import io.floe.engine.event.FlowRef;
import io.floe.engine.event.HostedRef;
import io.floe.engine.event.NodeRef;
import io.floe.engine.event.RunRef;
import io.floe.engine.event.Tags;
import io.floe.engine.run.Provenance;
import io.floe.engine.run.RunRecord;
import io.floe.standalone.auth.AuthFilter;
import io.floe.standalone.auth.Role;
import io.floe.standalone.server.HostServices;
import io.floe.standalone.server.RouteTable;
import io.javalin.http.Context;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;

/**
 * {@code POST <base>/push/data} (floe-spec §5.3): with a {@code Run} the values go to that run's data node
 * {@code Form.ID}; without one they fire the flow's trigger {@code Form.ID} (the latest version when {@code Ver} is
 * 0). Unlike the original, the answer says what happened: the runs started, or why nothing was. {@code Values} are
 * data for the form's declared fields only: the engine refuses other names and mistyped values, answered here with
 * 400, as is a {@code Ver} that is not a version number (issue 14).
 */
public final class PushRoutes {
    /** {@code Ver} is read as it was sent, so a number out of range is refused rather than cut to an int. */
    record Ref(@SerializedName("ID") String id, @SerializedName("Ver") JsonElement ver) {}

    record Form(@SerializedName("ID") String id, @SerializedName("Values") Map<String, Object> values) {}

    record Push(@SerializedName("Ref") Ref ref, @SerializedName("Run") String run, @SerializedName("Form") Form form) {}

    record Started(@SerializedName("Runs") List<String> runs, @SerializedName("Errors") List<String> errors) {}

    record Supplied(@SerializedName("Complete") boolean complete) {}

    private final HostServices host;
    private final RunRelay relay;

    /** @param relay how data for a run that another host of the cluster runs reaches that host */
    public PushRoutes(HostServices host, RunRelay relay) {
        this.host = host;
        this.relay = relay;
    }

    public void register(RouteTable routes, String base) {
        routes.post(base + "/push/data", Role.USER, this::push);
        routes.get(base + "/push/data", Role.VIEWER, ctx -> Reply.ok(ctx, null));
    }

    private void push(Context ctx) throws Exception {
        Push p = Bodies.read(ctx, Push.class);
        Form form = p.form() == null ? new Form("", Map.of()) : p.form();
        Map<String, Object> values = form.values() == null ? Map.of() : form.values();
        if (p.run() != null && !p.run().isBlank()) {
            HostedRef run = HostedRef.parse(p.run()).orElseThrow(() -> ApiException.badRequest("Run '" + p.run()
                    + "' is not a run id (<host>-<number>)"));
            supply(ctx, run, form.id(), values);
            return;
        }
        Ref ref = p.ref() == null ? new Ref("", null) : p.ref();
        if (ref.id() == null || ref.id().isBlank()) {
            throw ApiException.badRequest("Ref.ID must name the flow to start");
        }
        TriggerCall call = TriggerCall.form(new FlowRef(ref.id(), version(ref.ver())), form.id(), values)
                .by(Provenance.user(AuthFilter.of(ctx).user()));
        TriggerOutcome out;
        try {
            out = host.floe().trigger(call).join();
        } catch (CompletionException ex) {
            if (ex.getCause() instanceof ValuesRefused refused) {
                throw ApiException.badRequest(refused.getMessage());
            }
            throw ex;
        }
        List<String> started = out.pends().stream().map(RunRecord::id).map(HostedRef::toString).toList();
        if (started.isEmpty()) {
            Reply.send(ctx, out.status() == TriggerOutcome.Status.STORE_UNAVAILABLE ? 503 : 404, String.join("; ", out.errors()),
                    new Started(started, out.errors()));
        } else {
            Reply.ok(ctx, new Started(started, out.errors()));
        }
    }

    /** {@code Ref.Ver}: absent or 0 for the latest version, else a version number an int holds. */
    private static int version(JsonElement ver) {
        if (ver == null || ver.isJsonNull()) {
            return 0;
        }
        String shown = ver.toString();
        if (ver.isJsonPrimitive() && ver.getAsJsonPrimitive().isNumber()) {
            try {
                long v = new BigDecimal(ver.getAsString()).longValueExact();
                if (v >= 0 && v <= Integer.MAX_VALUE) {
                    return (int) v;
                }
            } catch (ArithmeticException | NumberFormatException tooBigOrFraction) {
                // refused below
            }
        }
        throw ApiException.badRequest("Ref.Ver must be a whole number from 0 (the latest version) to "
                + Integer.MAX_VALUE + ", not " + (shown.length() > 40 ? shown.substring(0, 40) + "…" : shown));
    }

    private void supply(Context ctx, HostedRef run, String nodeId, Map<String, Object> values) throws Exception {
        var elsewhere = relay.target(run); // the run may execute on another host of the cluster (floe-spec §8.17)
        if (elsewhere.isPresent()) {
            elsewhere.get().handle(ctx);
            return;
        }
        DataReceipt r = host.floe().supplyData(run, nodeId, values).join();
        if (!r.accepted() && !r.badValues() && (elsewhere = relay.target(run)).isPresent()) {
            elsewhere.get().handle(ctx); // another host took the pend while the data waited for the offer's answer
            return;
        }
        if (r.badValues()) {
            throw ApiException.badRequest(r.message());
        }
        if (!r.accepted()) {
            throw new ApiException(409, r.message());
        }
        Reply.ok(ctx, new Supplied(r.complete()));
    }
}

package io.floe.standalone.webhook;

import com.google.gson.annotations.SerializedName;
import io.floe.engine.Floe;
import io.floe.engine.TriggerCall;
import io.floe.engine.TriggerOutcome;
import io.floe.engine.event.HostedRef;
import io.floe.engine.event.NodeRef;
import io.floe.engine.event.RunRef;
import io.floe.engine.event.Tags;
import io.floe.engine.run.RunRecord;
import io.floe.standalone.api.ApiException;
import io.floe.standalone.api.Bodies;
import io.floe.standalone.api.Reply;
import io.floe.standalone.auth.Role;
import io.floe.standalone.server.RouteTable;
import io.javalin.http.Context;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST <base>/push/git}: the push webhook of GitHub, GitLab or Gitea (new; the original had none, floe-spec
 * §8.5). It needs no login: the request is verified against {@code common.webhook-secret} instead. It keeps to HTTP:
 * it checks the request, reads the push and hands it to the engine ({@link TriggerCall#push}), which starts each flow
 * with a {@code git-push} trigger matching the repository and branch once, through its first matching trigger. The
 * answer lists the runs started, or says why none was.
 */
public final class GitPushRoute {
    private static final Logger log = LoggerFactory.getLogger(GitPushRoute.class);
    public static final String PATH = "/push/git";

    /** The answer's payload: the runs started, and per flow that could not start, why. */
    record Started(@SerializedName("Runs") List<String> runs, @SerializedName("Errors") List<String> errors) {}

    private final Floe floe;
    private final java.util.function.Consumer<List<String>> pushed;

    public GitPushRoute(Floe floe) {
        this(floe, urls -> { });
    }

    /** @param pushed told the repository URLs of every verified push (the config's reloader listens) */
    public GitPushRoute(Floe floe, java.util.function.Consumer<List<String>> pushed) {
        this.floe = floe;
        this.pushed = pushed;
    }

    public void register(RouteTable routes, String base) {
        routes.post(base + PATH, Role.ANONYMOUS, this::push); // verified by its signature instead
    }

    private void push(Context ctx) {
        String secret = floe.config().common().webhookSecret();
        if (secret.isEmpty()) {
            throw new ApiException(403, "webhook-secret is not set in the config: set common.webhook-secret, and the "
                    + "same secret in the git server's webhook");
        }
        UnaryOperator<String> header = ctx::header;
        PushSource source = PushSource.of(header).orElseThrow(() -> ApiException.badRequest(
                "not a push webhook: expected an X-GitHub-Event, X-Gitea-Event or X-Gitlab-Event header"));
        Bodies.text(ctx); // refuses a body over the API's limit before it is read
        byte[] body = ctx.bodyAsBytes();
        Optional<String> refused = source.verify(header, body, secret);
        if (refused.isPresent()) {
            log.warn("refused a {} webhook from {}: {}", source.title(), ctx.ip(), refused.get());
            throw new ApiException(401, refused.get());
        }
        String event = source.event(header);
        if (source.isPing(event)) {
            Reply.send(ctx, 200, "pong", null);
            return;
        }
        if (!source.isPush(event)) {
            Reply.send(ctx, 200, "ignored: " + source.title() + " event '" + event + "' is not a push",
                    new Started(List.of(), List.of()));
            return;
        }
        Optional<String> delivery;
        try {
            delivery = source.delivery(header);
        } catch (IllegalArgumentException e) {
            throw new ApiException(400, "bad " + source.title() + " delivery: " + e.getMessage());
        }
        GitPush push;
        try {
            push = GitPush.parse(source, json(ctx, body));
        } catch (IllegalArgumentException e) {
            throw new ApiException(400, "bad " + source.title() + " push payload: " + e.getMessage());
        }
        pushed.accept(push.urls());
        if (push.deleted()) {
            Reply.send(ctx, 200, "ignored: the push deleted " + push.refName(), new Started(List.of(), List.of()));
            return;
        }
        start(ctx, push, delivery);
    }

    /**
     * Hands the push to the engine, which starts the matching flows, each once per delivery id when the server sent
     * one: a delivery sent again (a retry after a lost answer, a "redeliver") starts nothing that it started before,
     * and its answer names those runs.
     */
    private void start(Context ctx, GitPush push, Optional<String> delivery) {
        TriggerCall call = TriggerCall.push(push.repoPush(delivery.orElse("")));
        if (delivery.isPresent()) {
            call = call.once("webhook/" + push.source().name().toLowerCase() + "/" + delivery.get());
        }
        TriggerOutcome o = floe.trigger(call).join();
        List<String> runs = o.pends().stream().map(RunRecord::id).map(HostedRef::toString).toList();
        log.info("{} push of {} {} to {} started {}", push.source().title(), push.refName(), push.hash(),
                push.urls().get(0), runs.isEmpty() ? "no run" : String.join(", ", runs));
        if (o.noneMatched()) {
            Reply.send(ctx, 200, "no flow has a git-push trigger for " + push.urls().get(0) + " " + push.refName(),
                    new Started(runs, List.of()));
        } else if (o.storeCannotWrite()) {
            // the sender delivers again later; once-keys keep the flows that did start from starting twice
            Reply.send(ctx, 503, String.join("; ", o.errors()), new Started(runs, o.errors()));
        } else if (runs.isEmpty()) {
            Reply.send(ctx, 200, "no run started: " + String.join("; ", o.errors()), new Started(runs, o.errors()));
        } else {
            Reply.ok(ctx, new Started(runs, o.errors()));
        }
    }

    /** GitHub may send the JSON form-encoded as {@code payload=…} when the webhook's content type says so. */
    private static String json(Context ctx, byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        String type = ctx.contentType();
        if (type != null && type.startsWith("application/x-www-form-urlencoded")) {
            for (String pair : text.split("&")) {
                if (pair.startsWith("payload=")) {
                    return URLDecoder.decode(pair.substring("payload=".length()), StandardCharsets.UTF_8);
                }
            }
            return "";
        }
        return text;
    }
}

package io.floe.engine.run;

import io.floe.engine.event.Event;
import io.floe.engine.event.Tags;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What started a run: a person (by user name, or {@code admin} for the host credential), a webhook delivery of a
 * repository, a timer, a poll that saw a ref move, another host, or a re-run of an earlier run; {@code LOCAL} for a
 * run started on this host without a request (the {@code floe run} command, an embedded build), {@code UNKNOWN} for
 * runs recorded before floe kept this.
 * <p>
 * It is kept in the run's options under {@value #KEY}, so the stores need no new column; the trigger intake always
 * writes that key itself, so values from outside (a form, a webhook payload) can never pose as it.
 *
 * @param starter what kind of thing started the run
 * @param name    who or what: the user name, the repository, the timer's trigger, the peer host; may be empty
 * @param detail  the webhook delivery id, the branch or tag a poll saw move, the run re-run; may be empty
 * @param from    a re-run that takes over what the old run did well: where it starts again ({@link RerunFrom#wire});
 *                empty for every other run
 */
public record Provenance(Starter starter, String name, String detail, String from) {
    /** The run option that holds it. */
    public static final String KEY = "floe-started-by";

    public enum Starter {
        USER,
        WEBHOOK,
        TIMER,
        POLL,
        PEER,
        RERUN,
        LOCAL,
        UNKNOWN;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public Provenance {
        name = name == null ? "" : name;
        detail = detail == null ? "" : detail;
        from = from == null ? "" : from;
    }

    public Provenance(Starter starter, String name, String detail) {
        this(starter, name, detail, "");
    }

    public static Provenance user(String name) {
        return new Provenance(Starter.USER, name, "");
    }

    public static Provenance local(String what) {
        return new Provenance(Starter.LOCAL, what, "");
    }

    public static Provenance peer(String host) {
        return new Provenance(Starter.PEER, host, "");
    }

    /** A re-run of {@code run} asked for by {@code by} (a user name). */
    public static Provenance rerun(String by, String run) {
        return new Provenance(Starter.RERUN, by, run);
    }

    /** A re-run of {@code run} asked for by {@code by} that starts again at {@code from}. */
    public static Provenance rerun(String by, String run, RerunFrom from) {
        return new Provenance(Starter.RERUN, by, run, from.wire());
    }

    /** Where a re-run starts again, or empty for a whole re-run and every other run. */
    public java.util.Optional<RerunFrom> rerunFrom() {
        return starter == Starter.RERUN && !from.isEmpty() ? java.util.Optional.of(RerunFrom.parse(from))
                : java.util.Optional.empty();
    }

    /**
     * What an inbound event that nobody vouched for came from, by its type: a webhook (delivery and repository from
     * what the host put in it), a timer, a poll (the ref that moved); anything else started here without a request.
     */
    public static Provenance of(Event inbound) {
        Map<String, Object> o = inbound.opts();
        return switch (Tags.inboundType(inbound.tag())) {
            case "git-push" -> new Provenance(Starter.WEBHOOK, text(o.get("url")), text(o.get("delivery")));
            case "timer" -> new Provenance(Starter.TIMER, inbound.sourceNode().id(), "");
            case "poll-git" -> new Provenance(Starter.POLL, text(o.get("url")),
                    text(o.containsKey("tag") ? o.get("tag") : o.get("branch")));
            default -> local("");
        };
    }

    /** The provenance a run's options hold, or {@code UNKNOWN} for a run from before. */
    public static Provenance of(Map<String, Object> runOpts) {
        if (runOpts.get(KEY) instanceof Map<?, ?> m) {
            Starter s = Starter.UNKNOWN;
            for (Starter each : Starter.values()) {
                if (each.wire().equals(m.get("kind"))) {
                    s = each;
                }
            }
            return new Provenance(s, text(m.get("name")), text(m.get("detail")), text(m.get("from")));
        }
        return new Provenance(Starter.UNKNOWN, "", "");
    }

    /** {@code opts} with this provenance under {@value #KEY}, replacing whatever was there. */
    public Map<String, Object> stamp(Map<String, Object> opts) {
        Map<String, Object> out = new LinkedHashMap<>(opts);
        out.put(KEY, from.isEmpty() ? Map.of("kind", starter.wire(), "name", name, "detail", detail)
                : Map.of("kind", starter.wire(), "name", name, "detail", detail, "from", from));
        return out;
    }

    /**
     * The options of a pend another host offered: what that host recorded, or, from a host that records nothing (the
     * original floe, a host from before), that the peer host {@code from} started it. Hosts are trusted to vouch.
     */
    public static Map<String, Object> offered(Map<String, Object> opts, String from) {
        return opts.get(KEY) instanceof Map<?, ?> ? opts : peer(from).stamp(opts);
    }

    /** {@code opts} without any provenance: what a trigger's values are. */
    public static Map<String, Object> strip(Map<String, Object> opts) {
        if (!opts.containsKey(KEY)) {
            return opts;
        }
        Map<String, Object> out = new LinkedHashMap<>(opts);
        out.remove(KEY);
        return out;
    }

    /** For people: e.g. {@code alice}, {@code webhook delivery 42 of https://…}, {@code poll: refs/heads/main}. */
    public String describe() {
        return switch (starter) {
            case USER -> name;
            case WEBHOOK -> "webhook" + (detail.isEmpty() ? "" : " delivery " + detail) + (name.isEmpty() ? ""
                    : " of " + name);
            case TIMER -> "timer" + (name.isEmpty() ? "" : " " + name);
            case POLL -> "poll" + (detail.isEmpty() ? "" : " saw " + detail) + (name.isEmpty() ? "" : " in " + name);
            case PEER -> "peer host " + name;
            case RERUN -> name + " (re-run of " + detail + rerunFrom().map(f -> " from " + f.describe()).orElse("")
                    + ")";
            case LOCAL -> name.isEmpty() ? "this host" : name;
            case UNKNOWN -> "";
        };
    }

    private static String text(Object o) {
        return o == null ? "" : o.toString();
    }
}

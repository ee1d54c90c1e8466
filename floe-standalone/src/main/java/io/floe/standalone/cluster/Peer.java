package io.floe.standalone.cluster;

import java.net.ConnectException;
import java.util.Objects;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One entry of {@code common.hosts}: its client and what this host knows of it. State changes are logged once each,
 * not on every failed attempt, so a host that is down for an hour leaves two lines in the log, not a thousand.
 */
public final class Peer {
    private static final Logger log = LoggerFactory.getLogger(Peer.class);

    private final HostClient client;
    private final String ownHostId;
    private PeerState state = PeerState.UNKNOWN;
    /** The last problem logged while offline or refusing, so the same one is not logged again. */
    private String lastProblem;

    Peer(HostClient client, String ownHostId) {
        this.client = client;
        this.ownHostId = ownHostId;
    }

    public HostClient client() {
        return client;
    }

    public synchronized PeerState state() {
        return state;
    }

    /** The host's id, or its address while it has never answered. */
    public String name() {
        String id = state().hostId();
        return id.isEmpty() ? client.entry() : id;
    }

    /** It answered a ping: it is online. True when that is news (it was offline or never seen). */
    synchronized boolean answered(PeerIdentity id) {
        boolean self = id.hostId().equals(ownHostId);
        PeerState next = new PeerState(id.hostId(), id.tags(), true, self);
        PeerState before = state;
        state = next;
        if (before.online() && before.hostId().equals(next.hostId()) && before.tags().equals(next.tags())) {
            return false;
        }
        lastProblem = null;
        if (self) {
            if (!before.self()) {
                log.debug("hosts entry {} is this host ({}); it is never offered pends", client.entry(), ownHostId);
            }
        } else if (!before.hostId().isEmpty() && !before.hostId().equals(next.hostId())) {
            log.warn("hosts entry {} now answers as host {} (was {}), tags {}", client.entry(), next.hostId(),
                    before.hostId(), next.tags());
        } else {
            log.info("host {} at {} is online, tags {}", next.hostId(), client.entry(), next.tags());
        }
        return !before.online();
    }

    /** A call to it failed in transport (or a ping was refused): it is offline. True when that is news. */
    synchronized boolean failed(Throwable error) {
        PeerState before = state;
        state = before.offline();
        String problem = describe(error);
        if (before.online()) {
            lastProblem = problem;
            if (!before.self()) {
                log.warn("host {} at {} went offline ({}); it is skipped until it answers again", before.hostId(),
                        client.entry(), problem);
            }
            return true;
        }
        if (!Objects.equals(problem, lastProblem)) {
            lastProblem = problem;
            log.warn("host at {} does not answer ({}); it is pinged again and used once it answers", client.entry(),
                    problem);
        }
        return false;
    }

    /** It answered, but not as hoped (a 500, a refusal): logged once until a different problem or a success. */
    synchronized void refused(String what) {
        if (!Objects.equals(what, lastProblem)) {
            lastProblem = what;
            log.warn("host {} at {}: {}", name(), client.entry(), what);
        }
    }

    /** It answered as hoped: a later problem is worth a log line again. */
    synchronized void fine() {
        if (state.online()) {
            lastProblem = null;
        }
    }

    /** What went wrong, in words: the exception's type and the first message along its causes. */
    static String describe(Throwable error) {
        Throwable t = error;
        while ((t instanceof CompletionException
                || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        String m = "";
        for (Throwable c = t; c != null && m.isBlank(); c = c.getCause()) {
            m = c.getMessage() == null ? "" : c.getMessage();
        }
        if (m.isBlank() && t instanceof ConnectException) {
            m = "nothing listens at that address";
        }
        return t.getClass().getSimpleName() + (m.isBlank() ? "" : ": " + m);
    }

    @Override
    public String toString() {
        return name() + "@" + client.entry();
    }
}

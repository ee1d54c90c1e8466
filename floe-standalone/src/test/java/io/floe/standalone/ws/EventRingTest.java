package io.floe.standalone.ws;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What a reconnecting client is sent again: local events after its cursor, and relayed ones that came after it. */
class EventRingTest {
    @Test
    void relayedEventsAreReplayedWhenTheyCameAfterTheCursor() {
        EventRing ring = new EventRing(new SocketLimits(100, 1_000_000, 10, 1_000_000));
        ring.addLocal(1, "l1");
        ring.addRelayed("r-before-2");
        ring.addLocal(2, "l2");
        ring.addRelayed("r-after-2");
        ring.addLocal(3, "l3");
        assertThat(ring.since(2).frames()).containsExactly("r-after-2", "l3");
        assertThat(ring.since(2).gap()).isFalse();
        assertThat(ring.since(0).frames()).containsExactly("l1", "r-before-2", "l2", "r-after-2", "l3");
        assertThat(ring.since(3).frames()).isEmpty();
    }

    @Test
    void evictedEventsAndARestartedCounterAreReportedAsAGap() {
        EventRing ring = new EventRing(new SocketLimits(3, 1_000_000, 10, 1_000_000));
        for (int i = 1; i <= 5; i++) {
            ring.addLocal(i, "l" + i);
        }
        assertThat(ring.since(3).frames()).containsExactly("l4", "l5");
        assertThat(ring.since(3).gap()).isFalse();
        assertThat(ring.since(1).frames()).containsExactly("l3", "l4", "l5");
        assertThat(ring.since(1).gap()).isTrue();
        // a cursor from before a restart of the host's counter
        assertThat(ring.since(40).frames()).containsExactly("l3", "l4", "l5");
        assertThat(ring.since(40).gap()).isTrue();
    }

    @Test
    void theRingKeepsToItsCharacterBudget() {
        EventRing ring = new EventRing(new SocketLimits(100, 10, 10, 1_000_000));
        ring.addLocal(1, "aaaa");
        ring.addLocal(2, "bbbb");
        ring.addLocal(3, "cccc");
        assertThat(ring.since(0).frames()).containsExactly("bbbb", "cccc");
    }
}

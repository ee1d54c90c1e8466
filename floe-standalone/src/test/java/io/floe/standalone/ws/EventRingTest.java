package io.floe.standalone.ws;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a reconnecting client is sent again: local events after its cursor, and relayed ones that came after it. */
class EventRingTest {
    @Test
    void relayedEventsAreReplayedWhenTheyCameAfterTheCursor() {
        EventRing ring = new EventRing(new SocketLimits(100, 1_000_000, 10, 1_000_000, Duration.ofSeconds(10)));
        ring.addLocal(1, EventFrame.of("l1"));
        ring.addRelayed(EventFrame.of("r-before-2"));
        ring.addLocal(2, EventFrame.of("l2"));
        ring.addRelayed(EventFrame.of("r-after-2"));
        ring.addLocal(3, EventFrame.of("l3"));
        assertThat(texts(ring, 2)).containsExactly("r-after-2", "l3");
        assertThat(ring.since(2).gap()).isFalse();
        assertThat(texts(ring, 0)).containsExactly("l1", "r-before-2", "l2", "r-after-2", "l3");
        assertThat(texts(ring, 3)).isEmpty();
    }

    @Test
    void evictedEventsAndARestartedCounterAreReportedAsAGap() {
        EventRing ring = new EventRing(new SocketLimits(3, 1_000_000, 10, 1_000_000, Duration.ofSeconds(10)));
        for (int i = 1; i <= 5; i++) {
            ring.addLocal(i, EventFrame.of("l" + i));
        }
        assertThat(texts(ring, 3)).containsExactly("l4", "l5");
        assertThat(ring.since(3).gap()).isFalse();
        assertThat(texts(ring, 1)).containsExactly("l3", "l4", "l5");
        assertThat(ring.since(1).gap()).isTrue();
        // a cursor from before a restart of the host's counter
        assertThat(texts(ring, 40)).containsExactly("l3", "l4", "l5");
        assertThat(ring.since(40).gap()).isTrue();
    }

    @Test
    void theRingKeepsToItsByteBudget() {
        EventRing ring = new EventRing(new SocketLimits(100, 10, 10, 1_000_000, Duration.ofSeconds(10)));
        ring.addLocal(1, EventFrame.of("aaaa"));
        ring.addLocal(2, EventFrame.of("bbbb"));
        ring.addLocal(3, EventFrame.of("cccc"));
        assertThat(texts(ring, 0)).containsExactly("bbbb", "cccc");
    }

    private static List<String> texts(EventRing ring, long after) {
        return ring.since(after).frames().stream().map(EventFrame::text).toList();
    }
}

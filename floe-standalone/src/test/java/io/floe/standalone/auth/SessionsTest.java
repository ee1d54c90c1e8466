package io.floe.standalone.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.floe.engine.TestClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Session lifetimes and the cap per user, on a clock the test moves. */
class SessionsTest {
    private final TestClock clock = new TestClock();
    private final Sessions sessions = new Sessions(clock);

    @Test
    void aSessionInUseStillEndsSevenDaysAfterTheLogin() {
        String token = sessions.create("ann", Principal.USER).token();
        for (int hour = 1; hour < 7 * 24; hour++) {
            clock.advance(Duration.ofHours(1));
            assertThat(sessions.use(token)).as("after %d hours", hour).isPresent();
        }
        clock.advance(Duration.ofHours(1));
        assertThat(sessions.use(token)).as("seven days after the login").isEmpty();
    }

    @Test
    void anIdleSessionLapsesADayAfterItsLastUse() {
        String token = sessions.create("ann", Principal.USER).token();
        clock.advance(Duration.ofHours(23));
        assertThat(sessions.use(token)).isPresent();
        clock.advance(Duration.ofHours(23));
        assertThat(sessions.use(token)).isPresent();
        clock.advance(Duration.ofHours(24));
        assertThat(sessions.use(token)).isEmpty();
    }

    @Test
    void aUserKeepsAtMostTwentySessionsTheOldestEnding() {
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            tokens.add(sessions.create("ann", Principal.USER).token());
            clock.advance(Duration.ofSeconds(1));
        }
        String bob = sessions.create("bob", Principal.USER).token();
        for (int i = 0; i < 5; i++) {
            assertThat(sessions.use(tokens.get(i))).as("session %d", i).isEmpty();
        }
        for (int i = 5; i < 25; i++) {
            assertThat(sessions.use(tokens.get(i))).as("session %d", i).isPresent();
        }
        assertThat(sessions.use(bob)).isPresent();
        assertThat(sessions.size()).isEqualTo(21);
    }

    @Test
    void endingAUsersSessionsLeavesTheOthers() {
        String ann = sessions.create("ann", Principal.USER).token();
        String bob = sessions.create("bob", Principal.USER).token();
        sessions.endAllOf(Set.of("ann"));
        assertThat(sessions.use(ann)).isEmpty();
        assertThat(sessions.use(bob)).isPresent();
    }
}

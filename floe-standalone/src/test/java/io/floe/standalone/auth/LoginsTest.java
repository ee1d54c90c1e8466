package io.floe.standalone.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.floe.engine.TestClock;
import io.floe.engine.config.UserConfig;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Logins do the same work whether the name exists or not: an unknown name is checked against a dummy hash as costly
 * as a real one (the work is counted through the password-check seam, not timed).
 */
class LoginsTest {
    private final TestClock clock = new TestClock();
    private final List<String> checkedAgainst = new ArrayList<>();
    private final String annHash = PasswordHash.hash("right".toCharArray());
    private final Sessions sessions = new Sessions(clock);
    private final Logins logins = new Logins("admin-token",
            new Users(List.of(new UserConfig("ann", annHash, "user", 1)), sessions), new CredentialThrottle(clock),
            (password, stored) -> {
                checkedAgainst.add(stored);
                return PasswordHash.matches(password, stored);
            });

    @Test
    void anUnknownNameCostsOneHashCheckAsCostlyAsAUsers() {
        assertThat(logins.check("10.0.0.1", "nobody", "right", w -> {}).result()).isEqualTo(AuthOutcome.Result.WRONG);
        assertThat(logins.check("10.0.0.1", "ann", "wrong", w -> {}).result()).isEqualTo(AuthOutcome.Result.WRONG);
        assertThat(checkedAgainst).hasSize(2);
        assertThat(checkedAgainst.get(0)).isEqualTo(PasswordHash.DUMMY);
        assertThat(checkedAgainst.get(1)).isEqualTo(annHash);
        // the same algorithm and iterations as the hashes floe hash-password writes
        assertThat(iterations(PasswordHash.DUMMY)).isEqualTo(iterations(annHash));
        assertThat(PasswordHash.wellFormed(PasswordHash.DUMMY)).isTrue();
    }

    @Test
    void theRightPasswordLogsInAndMakesOneSession() {
        List<Logins.Who> who = new ArrayList<>();
        assertThat(logins.check("10.0.0.1", "ann", "right", who::add).result()).isEqualTo(AuthOutcome.Result.OK);
        assertThat(who).containsExactly(new Logins.Who("ann", Principal.USER));
    }

    @Test
    void theAdminTokenInAHeaderCountsAsALoginOfAdmin() {
        for (int i = 0; i < 5; i++) {
            assertThat(logins.checkAdminToken("10.0.0.1", "guess" + i).result()).isEqualTo(AuthOutcome.Result.WRONG);
        }
        assertThat(logins.check("10.0.0.1", "admin", "admin-token", w -> {}).result())
                .isEqualTo(AuthOutcome.Result.THROTTLED);
        assertThat(logins.check("10.0.0.1", "ann", "right", w -> {}).result()).isEqualTo(AuthOutcome.Result.OK);
        assertThat(logins.checkAdminToken("10.0.0.2", "admin-token").result()).isEqualTo(AuthOutcome.Result.OK);
    }

    private static String iterations(String hash) {
        return hash.split("\\$")[0] + "$" + hash.split("\\$")[1];
    }
}

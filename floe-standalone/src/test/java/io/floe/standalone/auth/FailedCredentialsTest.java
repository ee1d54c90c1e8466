package io.floe.standalone.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.floe.standalone.api.Api;
import io.floe.standalone.api.RunningHost;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Failed credentials are throttled on every path of a real host (login, {@code X-Floe-Auth}, the {@code /metrics}
 * Bearer), per address and account: a guesser is answered 429 with {@code Retry-After}, while another account's right
 * password from the same address still works and a right login buys no more guesses. Time is the test's clock.
 */
class FailedCredentialsTest {
    @TempDir
    Path dir;
    private ClockedHost h;
    private Api api;

    @BeforeEach
    void start() throws Exception {
        h = new ClockedHost("""
                common:
                  users:
                    - {name: ann, password-hash: "%s", role: user}
                    - {name: bob, password-hash: "%s", role: user}
                flows: []
                """.formatted(PasswordHash.hash("ann's pass".toCharArray()),
                PasswordHash.hash("bob's pass".toCharArray())), dir);
        api = h.api;
    }

    @AfterEach
    void stop() {
        h.close();
    }

    private Api.Answer login(String user, String password) {
        return api.post("/login", "{\"User\":\"" + user + "\",\"Password\":\"" + password + "\"}");
    }

    @Test
    void wrongAdminTokensAreThrottledInTheHeaderTheBearerAndTheLogin() {
        for (int i = 0; i < 5; i++) {
            assertThat(api.get("/flows", "X-Floe-Auth", "guess-" + i).status()).as("guess %d", i).isEqualTo(401);
        }
        Api.Answer refused = api.get("/flows", "X-Floe-Auth", "guess-5");
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.header("Retry-After")).isEqualTo("15");
        assertThat(refused.message()).isEqualTo("too many failed credentials from this address; try again in 15 s");
        // the same secret on the other paths, even when right: the guesser does not learn it
        assertThat(api.get("/flows", Api.admin()).status()).isEqualTo(429);
        assertThat(api.raw("GET", "/metrics", null, "Authorization", "Bearer " + RunningHost.ADMIN).status())
                .isEqualTo(429);
        assertThat(login("admin", RunningHost.ADMIN).status()).isEqualTo(429);
        // another account from the same address is not locked out
        assertThat(login("ann", "ann's pass").status()).isEqualTo(200);
        h.clock.advance(Duration.ofSeconds(15));
        assertThat(api.get("/flows", Api.admin()).status()).isEqualTo(200);
    }

    @Test
    void wrongBearerTokensAreThrottled() {
        for (int i = 0; i < 5; i++) {
            assertThat(api.raw("GET", "/metrics", null, "Authorization", "Bearer guess-" + i).status())
                    .isEqualTo(401);
        }
        Api.Answer refused = api.raw("GET", "/metrics", null, "Authorization", "Bearer guess-5");
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.header("Retry-After")).isEqualTo("15");
    }

    @Test
    void wrongPasswordsForOneAccountDoNotLockAnotherOutOfTheSameAddress() {
        for (int i = 0; i < 5; i++) {
            assertThat(login("bob", "guess-" + i).status()).isEqualTo(401);
        }
        assertThat(login("bob", "bob's pass").status()).isEqualTo(429);
        Api.Answer ann = login("ann", "ann's pass");
        assertThat(ann.status()).isEqualTo(200);
        assertThat(login("admin", RunningHost.ADMIN).status()).isEqualTo(200);
    }

    @Test
    void aRightLoginDoesNotClearTheCountOfAnotherAccount() {
        for (int i = 0; i < 5; i++) {
            assertThat(login("bob", "guess-" + i).status()).isEqualTo(401);
            assertThat(login("ann", "ann's pass").status()).isEqualTo(200);
        }
        Api.Answer bob = login("bob", "guess-5");
        assertThat(bob.status()).isEqualTo(429);
        assertThat(bob.header("Retry-After")).isEqualTo("15");
        assertThat(bob.message()).contains("too many failed logins");
    }

    @Test
    void guessingManyAccountsFromOneAddressSpendsItsBudgetButLeavesSessionsWorking() {
        String session = login("ann", "ann's pass").payload().getAsJsonObject().get("Token").getAsString();
        for (int i = 0; i < 100; i++) {
            assertThat(login("user" + i, "guess").status()).as("guess %d", i).isEqualTo(401);
        }
        assertThat(login("bob", "bob's pass").status()).isEqualTo(429);
        assertThat(api.get("/flows", "X-Floe-Auth", RunningHost.ADMIN).status()).isEqualTo(429);
        // a session id is 128 random bits: it is not a guess, and works whatever the address did
        assertThat(api.get("/flows", "X-Floe-Auth", session).status()).isEqualTo(200);
        h.clock.advance(Duration.ofSeconds(6));
        assertThat(login("bob", "bob's pass").status()).isEqualTo(200);
    }
}

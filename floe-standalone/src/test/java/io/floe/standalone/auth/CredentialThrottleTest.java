package io.floe.standalone.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.floe.engine.Await;
import io.floe.engine.TestClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The throttle's rules alone, on a clock the test moves. */
class CredentialThrottleTest {
    private final TestClock clock = new TestClock();
    private final CredentialThrottle throttle = new CredentialThrottle(clock);

    private void fail(String address, String account, int times) {
        for (int i = 0; i < times; i++) {
            assertThat(throttle.check(address, account).allowed()).as("attempt %d of %s from %s", i + 1, account,
                    address).isTrue();
            throttle.failed(address, account);
        }
    }

    @Test
    void fiveFailuresAreFreeThenEachOneDoublesTheWait() {
        fail("10.0.0.1", "ann", 5);
        CredentialThrottle.Verdict v = throttle.check("10.0.0.1", "ann");
        assertThat(v.allowed()).isFalse();
        assertThat(v.retryAfter()).isEqualTo(Duration.ofSeconds(15));
        clock.advance(Duration.ofSeconds(15));
        fail("10.0.0.1", "ann", 1);
        assertThat(throttle.check("10.0.0.1", "ann").retryAfter()).isEqualTo(Duration.ofSeconds(30));
        clock.advance(Duration.ofSeconds(30));
        fail("10.0.0.1", "ann", 1);
        assertThat(throttle.check("10.0.0.1", "ann").retryAfter()).isEqualTo(Duration.ofSeconds(60));
        // the wait stops growing at 15 minutes
        for (int i = 0; i < 20; i++) {
            clock.advance(throttle.check("10.0.0.1", "ann").retryAfter());
            fail("10.0.0.1", "ann", 1);
        }
        assertThat(throttle.check("10.0.0.1", "ann").retryAfter()).isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void failuresForOneAccountDoNotRefuseAnotherAccountFromTheSameAddress() {
        fail("10.0.0.1", "mallory", 5);
        assertThat(throttle.check("10.0.0.1", "mallory").allowed()).isFalse();
        assertThat(throttle.check("10.0.0.1", "ann").allowed()).isTrue();
        // nor the same account from another address
        assertThat(throttle.check("10.0.0.2", "mallory").allowed()).isTrue();
    }

    @Test
    void aRightCredentialClearsItsOwnCountOnlySoOneValidAccountBuysNoGuesses() {
        fail("10.0.0.1", "bob", 5);
        throttle.succeeded("10.0.0.1", "ann");
        assertThat(throttle.check("10.0.0.1", "bob").allowed()).isFalse();
        // and the address's budget across accounts is not given back by successes
        int failures = 5;
        for (int i = 0; failures < 100; i++, failures++) {
            String account = "guess" + i;
            assertThat(throttle.check("10.0.0.1", account).allowed()).as("failure %d", failures + 1).isTrue();
            throttle.failed("10.0.0.1", account);
            throttle.succeeded("10.0.0.1", "ann");
        }
        CredentialThrottle.Verdict v = throttle.check("10.0.0.1", "someone-else");
        assertThat(v.allowed()).isFalse();
        assertThat(throttle.check("10.0.0.1", "ann").allowed()).isFalse();
        // one failure's worth comes back every 6 seconds
        clock.advance(v.retryAfter());
        assertThat(throttle.check("10.0.0.1", "someone-else").allowed()).isTrue();
        throttle.failed("10.0.0.1", "someone-else");
        assertThat(throttle.check("10.0.0.1", "someone-else2").retryAfter()).isEqualTo(Duration.ofSeconds(6));
        // other addresses are not affected
        assertThat(throttle.check("10.0.0.2", "someone-else").allowed()).isTrue();
    }

    @Test
    void aRightCredentialForThePairClearsThePair() {
        fail("10.0.0.1", "ann", 4);
        throttle.succeeded("10.0.0.1", "ann");
        fail("10.0.0.1", "ann", 4);
        assertThat(throttle.check("10.0.0.1", "ann").allowed()).isTrue();
    }

    @Test
    void guessesFromManyAddressesBackTheAccountOffExceptWhereItsOwnerLoggedInBefore() {
        throttle.succeeded("192.168.1.5", "admin");
        for (int i = 1; i <= 20; i++) {
            fail("10.0.1." + i, "admin", 1);
        }
        assertThat(throttle.check("10.0.2.1", "admin").allowed()).as("a new address").isFalse();
        assertThat(throttle.check("192.168.1.5", "admin").allowed()).as("the owner's address").isTrue();
        assertThat(throttle.check("10.0.2.1", "ann").allowed()).as("another account").isTrue();
        clock.advance(Duration.ofSeconds(15));
        assertThat(throttle.check("10.0.2.1", "admin").allowed()).isTrue();
    }

    @Test
    void failuresAreForgottenAfterAnHourWithoutOne() {
        fail("10.0.0.1", "ann", 5);
        clock.advance(Duration.ofMinutes(61));
        fail("10.0.0.1", "ann", 4);
        assertThat(throttle.check("10.0.0.1", "ann").allowed()).isTrue();
    }

    @Test
    void anIpv6SubscriberCountsAsOneAddressWhateverItsLast64Bits() {
        fail("[2001:db8:1:2::1]", "ann", 3);
        fail("2001:db8:1:2:ffff:eeee:dddd:cccc", "ann", 2);
        assertThat(throttle.check("2001:db8:1:2::77", "ann").allowed()).isFalse();
        assertThat(throttle.check("2001:db8:1:3::1", "ann").allowed()).isTrue();
    }

    @Test
    void manyAddressesAndAccountsKeepTheTablesBounded() {
        CredentialThrottle small = new CredentialThrottle(new CredentialThrottle.Limits(5, Duration.ofSeconds(1),
                Duration.ofMinutes(15), 100, Duration.ofSeconds(6), 20, Duration.ofHours(1), 1000, 16), clock);
        for (int i = 0; i < 20_000; i++) {
            small.failed("10." + (i >> 16) + "." + ((i >> 8) & 255) + "." + (i & 255), "user" + i);
        }
        assertThat(small.entries()).isLessThanOrEqualTo(3 * 1000);
        // the latest failures are still counted
        for (int i = 0; i < 4; i++) {
            small.failed("10.0.78.31", "user19999");
        }
        assertThat(small.check("10.0.78.31", "user19999").allowed()).isFalse();
    }

    @Test
    void parallelGuessesAtOneAccountGetNoMoreThanSequentialOnes() throws Exception {
        List<Thread> threads = new ArrayList<>();
        List<AuthOutcome.Result> results = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i < 40; i++) {
            threads.add(started(() -> results.add(throttle.attempt("10.0.0.1", "admin",
                    () -> false).result())));
        }
        for (Thread t : threads) {
            t.join();
        }
        assertThat(results).filteredOn(r -> r == AuthOutcome.Result.WRONG).hasSize(5);
        assertThat(results).filteredOn(r -> r == AuthOutcome.Result.THROTTLED).hasSize(35);
    }

    @Test
    void checksUnderWayCountAgainstTheAddressBudget() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger checking = new AtomicInteger();
        List<AuthOutcome.Result> results = java.util.Collections.synchronizedList(new ArrayList<>());
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            String account = "user" + i;
            threads.add(started(() -> results.add(throttle.attempt("10.0.0.1", account, () -> {
                checking.incrementAndGet();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return false;
            }).result())));
        }
        // every thread is either refused or in its check, all at the same time
        Await.until(() -> checking.get() + results.size() == 150);
        assertThat(checking.get()).isEqualTo(100);
        assertThat(results).hasSize(50).containsOnly(AuthOutcome.Result.THROTTLED);
        release.countDown();
        for (Thread t : threads) {
            t.join();
        }
        assertThat(results).filteredOn(r -> r == AuthOutcome.Result.WRONG).hasSize(100);
        assertThat(throttle.attempt("10.0.0.1", "another", () -> true).result())
                .isEqualTo(AuthOutcome.Result.THROTTLED);
    }

    private static Thread started(Runnable r) {
        Thread t = new Thread(r, "guess");
        t.start();
        return t;
    }
}

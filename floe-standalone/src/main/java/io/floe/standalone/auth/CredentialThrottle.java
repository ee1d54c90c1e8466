package io.floe.standalone.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * Slows down guessing of the secrets a caller can try over HTTP: users' passwords and the admin token, on every path
 * that checks them ({@code POST <base>/login}, {@code X-Floe-Auth}, the {@code /metrics} Bearer token). Session ids are
 * 128 random bits, which no rate of guessing finds: looking one up is not throttled, so a browser's stale cookie costs
 * its address nothing and a throttled address keeps its open sessions. (A wrong {@code X-Floe-Auth} value counts, as it
 * is also checked as the admin token.) The rules, after OWASP's authentication cheat sheet (README, "Failed
 * credentials"):
 * <ol>
 * <li><b>Per address and account.</b> The first {@code freeFailures} failures are free; after that, each failure
 *     refuses that account from that address for {@code firstDelay}, doubling up to {@code maxDelay}. A success for
 *     the pair clears this pair only: one valid account does not buy more guesses at another.</li>
 * <li><b>Per address.</b> A budget of {@code addressBudget} failures across all accounts, one failure coming back
 *     every {@code addressRefill}. When it is spent, every check from the address is refused; a success gives nothing
 *     back.</li>
 * <li><b>Per account.</b> After {@code accountFreeFailures} failures from all addresses together, the account backs off
 *     as in rule 1, but only for addresses it has never logged in from: a distributed guesser can not lock the owner
 *     out of her usual places, and failures from one shared address never refuse another account's right
 *     password there (rule 1 is per account).</li>
 * </ol>
 * A refused attempt is not checked and does not count. Checks of one address and account run one at a time, and checks
 * under way count against the budgets, so parallel requests get no more guesses than sequential ones. Failures are
 * forgotten {@code forgetAfter} after the last one. IPv6 addresses count by their /64 (one subscriber holds a whole /64). Memory is bounded: each table keeps at most
 * {@code maxEntries}, and when full forgets the entries whose last failure is oldest.
 */
public final class CredentialThrottle {
    /** The numbers behind the rules. */
    public record Limits(int freeFailures, Duration firstDelay, Duration maxDelay, int addressBudget,
            Duration addressRefill, int accountFreeFailures, Duration forgetAfter, int maxEntries,
            int trustedPerAccount) {
        /** 5 free failures per address and account, then 15 s doubling to 15 min; 100 per address, 10 a minute back. */
        public static final Limits DEFAULT = new Limits(5, Duration.ofSeconds(15), Duration.ofMinutes(15), 100,
                Duration.ofSeconds(6), 20, Duration.ofHours(1), 10_000, 16);
    }

    /** Whether a check may go ahead; when not, how long until it may. */
    record Verdict(Duration retryAfter) {
        static final Verdict ALLOWED = new Verdict(Duration.ZERO);

        boolean allowed() {
            return retryAfter.isZero();
        }
    }

    /** Consecutive failures, the last one, and until when attempts are refused. */
    private record Backoff(int failures, Instant last, Instant until) {}

    /** A leaky bucket kept as the moment it is empty again; each failure adds one refill period. */
    private record Bucket(Instant emptyAt) {}

    /** How long a check refused only for others under way is told to wait: they take a fraction of a second. */
    private static final Duration PENDING_WAIT = Duration.ofSeconds(1);

    private final Limits limits;
    private final Clock clock;
    private final Map<String, Backoff> pairs = new HashMap<>();
    private final Map<String, Backoff> accounts = new HashMap<>();
    private final Map<String, Bucket> addresses = new HashMap<>();
    private final Map<String, LinkedHashSet<String>> trusted = new HashMap<>();
    /** Checks under way: counted against the budgets, so parallel guesses can not slip past them. */
    private final Map<String, Integer> pendingByAddress = new HashMap<>();
    private final Map<String, Integer> pendingByAccount = new HashMap<>();
    /** Serializes the checks of one address and account (each parallel guess sees the failures before it). */
    private final Map<String, PairLock> pairLocks = new HashMap<>();

    /** A pair's lock, kept while someone holds or waits for it. */
    private static final class PairLock {
        final ReentrantLock lock = new ReentrantLock();
        int users;
    }

    public CredentialThrottle(Clock clock) {
        this(Limits.DEFAULT, clock);
    }

    public CredentialThrottle(Limits limits, Clock clock) {
        this.limits = limits;
        this.clock = clock;
    }

    /**
     * Runs {@code credentialCheck} for {@code account} from {@code address} unless the rules refuse it, and counts its
     * answer: the one way the host checks a guessable secret.
     */
    public AuthOutcome attempt(String address, String account, BooleanSupplier credentialCheck) {
        String from = sourceOf(address);
        String pk = pairKey(from, account);
        PairLock pair;
        synchronized (this) {
            pair = pairLocks.computeIfAbsent(pk, k -> new PairLock());
            pair.users++;
        }
        pair.lock.lock();
        try {
            synchronized (this) {
                Verdict v = check(address, account);
                if (!v.allowed()) {
                    return AuthOutcome.throttled(v.retryAfter());
                }
                pendingByAddress.merge(from, 1, Integer::sum);
                pendingByAccount.merge(account, 1, Integer::sum);
            }
            boolean ok = false;
            try {
                ok = credentialCheck.getAsBoolean();
            } finally {
                synchronized (this) {
                    pendingByAddress.computeIfPresent(from, (k, n) -> n == 1 ? null : n - 1);
                    pendingByAccount.computeIfPresent(account, (k, n) -> n == 1 ? null : n - 1);
                    if (ok) {
                        succeeded(address, account);
                    } else {
                        failed(address, account);
                    }
                }
            }
            return ok ? AuthOutcome.OK : AuthOutcome.WRONG;
        } finally {
            pair.lock.unlock();
            synchronized (this) {
                if (--pair.users == 0) {
                    pairLocks.remove(pk);
                }
            }
        }
    }

    /** Whether {@code account}'s credential may be checked for a caller at {@code address} now. */
    synchronized Verdict check(String address, String account) {
        Instant now = clock.instant();
        String from = sourceOf(address);
        Instant until = now;
        Backoff pair = pairs.get(pairKey(from, account));
        if (pair != null && pair.until().isAfter(until)) {
            until = pair.until();
        }
        Backoff acc = accounts.get(account);
        if (acc != null && !isTrusted(account, from)) {
            int pending = pendingByAccount.getOrDefault(account, 0);
            int failures = acc.last().plus(limits.forgetAfter()).isBefore(now) ? 0 : acc.failures();
            if (acc.until().isAfter(until)) {
                until = acc.until();
            } else if (pending > 0 && failures + pending >= limits.accountFreeFailures()) {
                // backing off: one check at a time, so many addresses at once do not each get a guess
                until = later(until, now.plus(PENDING_WAIT));
            }
        }
        Bucket b = addresses.get(from);
        int pending = pendingByAddress.getOrDefault(from, 0);
        if (b != null || pending > 0) {
            Instant emptyAt = (b == null || b.emptyAt().isBefore(now) ? now : b.emptyAt())
                    .plus(limits.addressRefill().multipliedBy(pending));
            Instant refusedTill = emptyAt.minus(limits.addressRefill().multipliedBy(limits.addressBudget()));
            if (!refusedTill.isBefore(now)) {
                until = later(until, refusedTill.plusNanos(1));
            }
        }
        return until.isAfter(now) ? new Verdict(Duration.between(now, until)) : Verdict.ALLOWED;
    }

    /** A wrong credential for {@code account} from {@code address}. */
    synchronized void failed(String address, String account) {
        Instant now = clock.instant();
        String from = sourceOf(address);
        pairs.compute(pairKey(from, account), (k, old) -> next(old, now, limits.freeFailures()));
        accounts.compute(account, (k, old) -> next(old, now, limits.accountFreeFailures()));
        addresses.compute(from, (k, old) -> new Bucket((old == null || old.emptyAt().isBefore(now) ? now
                : old.emptyAt()).plus(limits.addressRefill())));
        bound(pairs, Backoff::last, now);
        bound(accounts, Backoff::last, now);
        bound(addresses, x -> x.emptyAt(), now);
    }

    /** A right credential: clears this address's failures for this account only, and trusts the address for it. */
    synchronized void succeeded(String address, String account) {
        String from = sourceOf(address);
        pairs.remove(pairKey(from, account));
        LinkedHashSet<String> known = trusted.get(account);
        if (known != null && known.contains(from)) {
            return;
        }
        if (known == null) {
            if (trusted.size() >= limits.maxEntries()) {
                return; // accounts that succeed are the config's users; this only guards the bound
            }
            known = new LinkedHashSet<>();
            trusted.put(account, known);
        }
        known.add(from);
        if (known.size() > limits.trustedPerAccount()) {
            known.remove(known.iterator().next());
        }
    }

    /** How many entries the tables hold (for the bound's test). */
    synchronized int entries() {
        return pairs.size() + accounts.size() + addresses.size();
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private boolean isTrusted(String account, String from) {
        LinkedHashSet<String> known = trusted.get(account);
        return known != null && known.contains(from);
    }

    private Backoff next(Backoff old, Instant now, int free) {
        int failures = (old == null || old.last().plus(limits.forgetAfter()).isBefore(now) ? 0 : old.failures()) + 1;
        Instant until = now;
        if (failures >= free) {
            int doublings = Math.min(failures - free, 30);
            Duration wait = limits.firstDelay().multipliedBy(1L << doublings);
            until = now.plus(wait.compareTo(limits.maxDelay()) > 0 ? limits.maxDelay() : wait);
        }
        return new Backoff(failures, now, until);
    }

    /** Keeps a table within {@code maxEntries}: forgets what has lapsed, then the entries least recently failed. */
    private <V> void bound(Map<String, V> table, Function<V, Instant> last, Instant now) {
        if (table.size() <= limits.maxEntries()) {
            return;
        }
        Instant lapsed = now.minus(limits.forgetAfter()).minus(limits.maxDelay());
        table.values().removeIf(v -> last.apply(v).isBefore(lapsed));
        if (table.size() <= limits.maxEntries()) {
            return;
        }
        // drop to 90% so a flood of new keys costs one sort per tenth of the table, not one per failure
        List<Map.Entry<String, V>> oldest = new ArrayList<>(table.entrySet());
        oldest.sort(Comparator.comparing(e -> last.apply(e.getValue())));
        int drop = table.size() - limits.maxEntries() * 9 / 10;
        for (int i = 0; i < drop; i++) {
            table.remove(oldest.get(i).getKey());
        }
    }

    private static String pairKey(String from, String account) {
        return from + "\n" + account;
    }

    /** The address a limit applies to: IPv4 as is, IPv6 by its first four groups (the /64). */
    static String sourceOf(String address) {
        if (address == null || address.isEmpty()) {
            return "";
        }
        String a = address.startsWith("[") && address.endsWith("]") ? address.substring(1, address.length() - 1)
                : address;
        if (!a.contains(":")) {
            return a;
        }
        try {
            byte[] raw = java.net.InetAddress.getByName(a).getAddress();
            if (raw.length == 4) {
                return java.net.InetAddress.getByAddress(raw).getHostAddress();
            }
            StringBuilder s = new StringBuilder();
            for (int i = 0; i < 8; i += 2) {
                s.append(Integer.toHexString(((raw[i] & 0xff) << 8) | (raw[i + 1] & 0xff))).append(':');
            }
            return s.append(":/64").toString();
        } catch (java.net.UnknownHostException e) {
            return a; // not an address literal (can not happen for a socket's peer); counted as given
        }
    }
}

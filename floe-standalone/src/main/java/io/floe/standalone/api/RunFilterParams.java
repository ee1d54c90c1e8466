package io.floe.standalone.api;

import io.floe.engine.run.Provenance;
import io.floe.engine.run.RunFilter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The run filter of a listing as query parameters ({@code GET <base>/flows/{id}} and the host-to-host listing):
 * <ul>
 * <li>{@code result=good,bad,cancelled,running,pending} — any of them (comma-separated or repeated);</li>
 * <li>{@code by=<user name>}, {@code by=<kind>} or {@code by=<kind>:<name>}, kind one of user, webhook, timer, poll,
 * peer, rerun, local — what started the run (a bare name is a person, who started or re-ran it);</li>
 * <li>{@code value.<name>=<text>} — a trigger value equal to the text (e.g. {@code value.branch=main}), repeatable;</li>
 * <li>{@code since}, {@code until} — adoption time, ISO-8601 ({@code 2026-12-01T08:00:00Z}, with an offset, or a
 * date meaning its midnight UTC); since inclusive, until exclusive.</li>
 * </ul>
 * A bad value is a 400 that names the parameter.
 */
public final class RunFilterParams {
    static final String RESULT = "result";
    static final String BY = "by";
    static final String VALUE = "value.";
    static final String SINCE = "since";
    static final String UNTIL = "until";

    private RunFilterParams() {}

    /** The filter the parameters ask for; {@link RunFilter#NONE} when there are none. */
    public static RunFilter parse(Map<String, List<String>> query) {
        Set<RunFilter.Outcome> outcomes = EnumSet.noneOf(RunFilter.Outcome.class);
        for (String each : split(query.get(RESULT))) {
            outcomes.add(RunFilter.Outcome.ofWire(each).orElseThrow(() -> ApiException.badRequest("parameter "
                    + RESULT + ": '" + each + "' is not a result; use good, bad, cancelled, running or pending")));
        }
        RunFilter.StarterMatch by = startedBy(one(query, BY));
        Map<String, String> values = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> e : query.entrySet()) {
            if (e.getKey().startsWith(VALUE)) {
                String name = e.getKey().substring(VALUE.length());
                if (!RunFilter.VALUE_NAME.matcher(name).matches() || name.equals(Provenance.KEY)) {
                    throw ApiException.badRequest("parameter " + e.getKey() + ": '" + name + "' is not a trigger"
                            + " value name (letters, digits, _ . - up to 64)");
                }
                values.put(name, one(query, e.getKey()));
            }
        }
        Instant since = time(query, SINCE);
        Instant until = time(query, UNTIL);
        if (since != null && until != null && !since.isBefore(until)) {
            throw ApiException.badRequest("parameter " + UNTIL + ": " + until + " is not after " + SINCE + " "
                    + since);
        }
        return new RunFilter(outcomes, by, values, since, until);
    }

    /** The parameters that {@link #parse} reads back as {@code f}, each starting with {@code &}; empty for none. */
    public static String query(RunFilter f) {
        StringBuilder q = new StringBuilder();
        if (!f.outcomes().isEmpty()) {
            add(q, RESULT, f.outcomes().stream().map(RunFilter.Outcome::wire).collect(Collectors.joining(",")));
        }
        if (f.startedBy() != null) {
            Set<Provenance.Starter> kinds = f.startedBy().kinds();
            String name = f.startedBy().name();
            add(q, BY, kinds.equals(PERSON) ? name : kinds.iterator().next().wire() + (name.isEmpty() ? ""
                    : ":" + name));
        }
        f.values().forEach((k, v) -> add(q, VALUE + k, v));
        if (f.since() != null) {
            add(q, SINCE, f.since().toString());
        }
        if (f.until() != null) {
            add(q, UNTIL, f.until().toString());
        }
        return q.toString();
    }

    /** Who a bare name in {@code by} is: a person who started a run, or re-ran one. */
    private static final Set<Provenance.Starter> PERSON = EnumSet.of(Provenance.Starter.USER,
            Provenance.Starter.RERUN);

    private static RunFilter.StarterMatch startedBy(String by) {
        if (by == null || by.isBlank()) {
            return null;
        }
        String text = by.trim();
        int colon = text.indexOf(':');
        String head = colon < 0 ? text : text.substring(0, colon);
        for (Provenance.Starter s : Provenance.Starter.values()) {
            if (s.wire().equals(head) && s != Provenance.Starter.UNKNOWN) {
                return new RunFilter.StarterMatch(EnumSet.of(s), colon < 0 ? "" : text.substring(colon + 1));
            }
        }
        if (colon >= 0 && !head.isEmpty() && head.chars().allMatch(Character::isLetter)) {
            throw ApiException.badRequest("parameter " + BY + ": '" + head + "' is not a kind of starter; use user,"
                    + " webhook, timer, poll, peer, rerun or local, or a user name alone");
        }
        return new RunFilter.StarterMatch(PERSON, text);
    }

    private static Instant time(Map<String, List<String>> query, String param) {
        String t = one(query, param);
        if (t == null || t.isBlank()) {
            return null;
        }
        String text = t.trim();
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException notDateTime) {
            try {
                return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
            } catch (DateTimeParseException notDate) {
                throw ApiException.badRequest("parameter " + param + ": '" + text + "' is not an ISO-8601 time;"
                        + " write e.g. 2026-12-01T08:00:00Z, 2026-12-01T09:00:00+01:00 or 2026-12-01");
            }
        }
    }

    private static String one(Map<String, List<String>> query, String param) {
        List<String> all = query.get(param);
        if (all == null || all.isEmpty()) {
            return null;
        }
        if (all.size() > 1) {
            throw ApiException.badRequest("parameter " + param + " is given " + all.size() + " times; give it once");
        }
        return all.get(0);
    }

    private static List<String> split(List<String> all) {
        List<String> out = new ArrayList<>();
        if (all != null) {
            for (String each : all) {
                for (String part : each.split(",")) {
                    if (!part.isBlank()) {
                        out.add(part.trim().toLowerCase(java.util.Locale.ROOT));
                    }
                }
            }
        }
        return out;
    }

    private static void add(StringBuilder q, String name, String value) {
        q.append('&').append(URLEncoder.encode(name, StandardCharsets.UTF_8)).append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
    }
}

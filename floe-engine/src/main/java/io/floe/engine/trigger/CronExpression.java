package io.floe.engine.trigger;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.zone.ZoneRules;
import java.util.BitSet;
import java.util.Locale;
import java.util.Map;

/**
 * A five-field cron expression: minute, hour, day of month, month, day of week. Fields take {@code *}, numbers,
 * ranges {@code 1-5}, lists {@code 1,15}, steps {@code *&#47;10} or {@code 0-30/5}, month names {@code jan}, day names
 * {@code mon} (0 and 7 are Sunday). The shortcuts {@code @hourly}, {@code @daily}, {@code @weekly}, {@code @monthly}
 * and {@code @yearly} are accepted. As in cron, when both day fields are restricted a day matching either one counts.
 */
public final class CronExpression {
    private static final Map<String, String> SHORTCUTS = Map.of(
            "@hourly", "0 * * * *", "@daily", "0 0 * * *", "@midnight", "0 0 * * *",
            "@weekly", "0 0 * * 0", "@monthly", "0 0 1 * *", "@yearly", "0 0 1 1 *", "@annually", "0 0 1 1 *");
    private static final String[] MONTHS = {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct",
        "nov", "dec"};
    /** More than any clock change goes back (one hour, at most two in history). */
    private static final Duration LOOK_BACK = Duration.ofHours(3);
    private static final String[] DAYS = {"sun", "mon", "tue", "wed", "thu", "fri", "sat"};

    private final String text;
    private final BitSet minutes;
    private final BitSet hours;
    private final BitSet daysOfMonth;
    private final BitSet months;
    private final BitSet daysOfWeek;
    private final boolean domRestricted;
    private final boolean dowRestricted;
    /** The hour field is {@code *}: in a repeated hour the job fires in both, as real time goes on. */
    private final boolean everyHour;

    private CronExpression(String text, String[] f) {
        this.text = text;
        this.minutes = field(f[0], 0, 59, null, "minute");
        this.hours = field(f[1], 0, 23, null, "hour");
        this.daysOfMonth = field(f[2], 1, 31, null, "day of month");
        this.months = field(f[3], 1, 12, MONTHS, "month");
        BitSet dow = field(f[4], 0, 7, DAYS, "day of week");
        if (dow.get(7)) {
            dow.set(0);
        }
        this.daysOfWeek = dow;
        this.domRestricted = !f[2].equals("*");
        this.dowRestricted = !f[4].equals("*");
        this.everyHour = hours.cardinality() == 24;
    }

    /** Parses {@code text}; an {@link IllegalArgumentException} says which field is wrong and why. */
    public static CronExpression parse(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        t = SHORTCUTS.getOrDefault(t, t);
        String[] f = t.split("\\s+");
        if (f.length != 5) {
            throw new IllegalArgumentException("cron '" + text + "' needs 5 fields (minute hour day-of-month month "
                    + "day-of-week), it has " + (t.isEmpty() ? 0 : f.length));
        }
        try {
            return new CronExpression(text.trim(), f);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("cron '" + text + "': " + e.getMessage(), e);
        }
    }

    /**
     * The first matching minute strictly after {@code after}, on the wall clock of {@code zone}. Across a daylight-saving
     * change (as Vixie cron does): a time the clock skips fires once, when the gap ends (02:30 on a spring-forward
     * night fires at 03:00); a time the clock shows twice fires once, at its first showing, unless the hour field is
     * {@code *} ({@code @hourly}, {@code *&#47;15 * * * *}): such a job follows real time and fires in both.
     */
    public ZonedDateTime next(ZonedDateTime after, ZoneId zone) {
        Instant limit = after.toInstant();
        // from earlier on the wall clock: after a clock went back, a repeated time lies behind after's own
        LocalDateTime t = after.withZoneSameInstant(zone).toLocalDateTime().truncatedTo(ChronoUnit.MINUTES)
                .minus(LOOK_BACK);
        ZonedDateTime best = null;
        while (true) {
            t = matchFrom(t);
            ZonedDateTime first = firstShowing(t, zone);
            if (first.toInstant().isAfter(limit)) {
                return best != null && best.isBefore(first) ? best : first;
            }
            if (everyHour && zone.getRules().getValidOffsets(t).size() == 2) {
                ZonedDateTime second = t.atZone(zone).withLaterOffsetAtOverlap();
                if (second.toInstant().isAfter(limit) && (best == null || second.isBefore(best))) {
                    best = second;
                }
            }
            t = t.plusMinutes(1);
        }
    }

    /** Where wall-clock time {@code t} first happens: in a gap, the gap's end; in an overlap, the earlier offset. */
    private static ZonedDateTime firstShowing(LocalDateTime t, ZoneId zone) {
        ZoneRules rules = zone.getRules();
        if (rules.getValidOffsets(t).isEmpty()) {
            return ZonedDateTime.ofInstant(rules.getTransition(t).getInstant(), zone);
        }
        return t.atZone(zone).withEarlierOffsetAtOverlap();
    }

    /** The first matching wall-clock minute at or after {@code from}. */
    private LocalDateTime matchFrom(LocalDateTime from) {
        LocalDateTime t = from;
        LocalDate limit = t.toLocalDate().plusYears(5); // Feb 30 and friends never match
        while (t.toLocalDate().isBefore(limit)) {
            if (!months.get(t.getMonthValue())) {
                t = t.withDayOfMonth(1).withHour(0).withMinute(0).plusMonths(1);
                continue;
            }
            if (!dayMatches(t.toLocalDate())) {
                t = t.withHour(0).withMinute(0).plusDays(1);
                continue;
            }
            if (!hours.get(t.getHour())) {
                t = t.withMinute(0).plusHours(1);
                continue;
            }
            if (!minutes.get(t.getMinute())) {
                t = t.plusMinutes(1);
                continue;
            }
            return t;
        }
        throw new IllegalStateException("cron '" + text + "' never fires");
    }

    private boolean dayMatches(LocalDate d) {
        boolean dom = daysOfMonth.get(d.getDayOfMonth());
        int dowIndex = d.getDayOfWeek() == DayOfWeek.SUNDAY ? 0 : d.getDayOfWeek().getValue();
        boolean dow = daysOfWeek.get(dowIndex);
        if (domRestricted && dowRestricted) {
            return dom || dow;
        }
        return dom && dow;
    }

    @Override
    public String toString() {
        return text;
    }

    private static BitSet field(String spec, int min, int max, String[] names, String what) {
        BitSet bits = new BitSet(max + 1);
        for (String part : spec.split(",")) {
            int step = 1;
            String range = part;
            int slash = part.indexOf('/');
            if (slash >= 0) {
                step = number(part.substring(slash + 1), 1, max, null, what + " step");
                range = part.substring(0, slash);
            }
            int lo;
            int hi;
            if (range.equals("*")) {
                lo = min;
                hi = max;
            } else if (range.contains("-")) {
                String[] r = range.split("-", 2);
                lo = number(r[0], min, max, names, what);
                hi = number(r[1], min, max, names, what);
                if (hi < lo) {
                    throw new IllegalArgumentException(what + " range " + range + " runs backwards");
                }
            } else {
                lo = number(range, min, max, names, what);
                hi = slash >= 0 ? max : lo;
            }
            for (int i = lo; i <= hi; i += step) {
                bits.set(i);
            }
        }
        return bits;
    }

    private static int number(String s, int min, int max, String[] names, String what) {
        if (names != null) {
            for (int i = 0; i < names.length; i++) {
                if (names[i].equals(s)) {
                    return names == MONTHS ? i + 1 : i;
                }
            }
        }
        try {
            int n = Integer.parseInt(s);
            if (n < min || n > max) {
                throw new IllegalArgumentException(what + " " + n + " is outside " + min + "-" + max);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " '" + s + "' is not a number" + (names == null ? ""
                    : " or a name"));
        }
    }
}

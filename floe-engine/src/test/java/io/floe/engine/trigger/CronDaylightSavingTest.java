package io.floe.engine.trigger;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Cron across daylight-saving changes, in a European and an American zone: a time the clock skips fires once when
 * the gap ends; a time it shows twice fires once, unless the hour field is {@code *} (then real time counts).
 * Berlin 2026: 29 March 02:00 CET becomes 03:00 CEST (01:00Z); 25 October 03:00 CEST becomes 02:00 CET (01:00Z).
 * New York 2026: 8 March 02:00 EST becomes 03:00 EDT (07:00Z); 1 November 02:00 EDT becomes 01:00 EST (06:00Z).
 */
class CronDaylightSavingTest {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    /** Every fire after {@code from} up to and including {@code to}, as the timer would follow them. */
    private static List<Instant> fires(String cron, ZoneId zone, String from, String to) {
        CronExpression c = CronExpression.parse(cron);
        List<Instant> out = new ArrayList<>();
        Instant t = Instant.parse(from);
        while (true) {
            t = c.next(t.atZone(zone), zone).toInstant();
            if (t.isAfter(Instant.parse(to))) {
                return out;
            }
            out.add(t);
        }
    }

    private static List<Instant> at(String... instants) {
        return java.util.Arrays.stream(instants).map(Instant::parse).toList();
    }

    @Test
    void aTimeInTheSpringGapFiresOnceWhenTheGapEnds() {
        // 02:30 does not exist on 29 March in Berlin: it fires at 03:00 CEST, not an hour late at 03:30
        assertThat(fires("30 2 * * *", BERLIN, "2026-03-27T12:00:00Z", "2026-03-30T12:00:00Z"))
                .isEqualTo(at("2026-03-28T01:30:00Z", "2026-03-29T01:00:00Z", "2026-03-30T00:30:00Z"));
        assertThat(fires("30 2 * * *", NEW_YORK, "2026-03-07T12:00:00Z", "2026-03-09T12:00:00Z"))
                .isEqualTo(at("2026-03-08T07:00:00Z", "2026-03-09T06:30:00Z"));
    }

    @Test
    void severalTimesInTheGapFireOnceTogether() {
        assertThat(fires("*/15 2 * * *", BERLIN, "2026-03-28T23:00:00Z", "2026-03-29T12:00:00Z"))
                .isEqualTo(at("2026-03-29T01:00:00Z"));
    }

    @Test
    void aTimeTheClockShowsTwiceFiresOnceAtItsFirstShowing() {
        // 02:30 comes twice on 25 October in Berlin (CEST, then CET): one fire, at the first
        assertThat(fires("30 2 * * *", BERLIN, "2026-10-24T12:00:00Z", "2026-10-26T12:00:00Z"))
                .isEqualTo(at("2026-10-25T00:30:00Z", "2026-10-26T01:30:00Z"));
        assertThat(fires("30 1 * * *", NEW_YORK, "2026-10-31T12:00:00Z", "2026-11-02T12:00:00Z"))
                .isEqualTo(at("2026-11-01T05:30:00Z", "2026-11-02T06:30:00Z"));
    }

    @Test
    void aHostStartedInTheRepeatedHourDoesNotFireATimeAlreadyPassed() {
        // 02:10 CET, the second showing: 02:30 CEST was 40 minutes ago, so the next fire is tomorrow's (the old rule
        // answered a time in the past, and the timer fired again and again until the wall clock caught up)
        assertThat(CronExpression.parse("30 2 * * *").next(Instant.parse("2026-10-25T01:10:00Z").atZone(BERLIN),
                BERLIN).toInstant()).isEqualTo(Instant.parse("2026-10-26T01:30:00Z"));
        assertThat(CronExpression.parse("30 1 * * *").next(Instant.parse("2026-11-01T06:10:00Z").atZone(NEW_YORK),
                NEW_YORK).toInstant()).isEqualTo(Instant.parse("2026-11-02T06:30:00Z"));
    }

    @Test
    void hourlyFollowsRealTimeAcrossBothChanges() {
        assertThat(fires("@hourly", BERLIN, "2026-03-28T23:30:00Z", "2026-03-29T03:30:00Z"))
                .isEqualTo(at("2026-03-29T00:00:00Z", "2026-03-29T01:00:00Z", "2026-03-29T02:00:00Z",
                        "2026-03-29T03:00:00Z"));
        assertThat(fires("@hourly", BERLIN, "2026-10-24T23:30:00Z", "2026-10-25T03:30:00Z"))
                .isEqualTo(at("2026-10-25T00:00:00Z", "2026-10-25T01:00:00Z", "2026-10-25T02:00:00Z",
                        "2026-10-25T03:00:00Z"));
        assertThat(fires("*/30 * * * *", NEW_YORK, "2026-11-01T04:50:00Z", "2026-11-01T07:10:00Z"))
                .isEqualTo(at("2026-11-01T05:00:00Z", "2026-11-01T05:30:00Z", "2026-11-01T06:00:00Z",
                        "2026-11-01T06:30:00Z", "2026-11-01T07:00:00Z"));
    }

    @Test
    void dailyFiresOncePerLocalDayAcrossBothChanges() {
        assertThat(fires("@daily", BERLIN, "2026-03-27T12:00:00Z", "2026-03-30T12:00:00Z"))
                .isEqualTo(at("2026-03-27T23:00:00Z", "2026-03-28T23:00:00Z", "2026-03-29T22:00:00Z"));
        assertThat(fires("@daily", NEW_YORK, "2026-10-31T12:00:00Z", "2026-11-02T12:00:00Z"))
                .isEqualTo(at("2026-11-01T04:00:00Z", "2026-11-02T05:00:00Z"));
        // Sao Paulo's clock went from 00:00 to 01:00 on 4 November 2018: midnight did not exist, 01:00 fires
        ZoneId saoPaulo = ZoneId.of("America/Sao_Paulo");
        assertThat(fires("@daily", saoPaulo, "2018-11-03T12:00:00Z", "2018-11-05T12:00:00Z"))
                .isEqualTo(at("2018-11-04T03:00:00Z", "2018-11-05T02:00:00Z"));
    }
}

package io.floe.engine.trigger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

class CronExpressionTest {
    private static final ZoneId UTC = ZoneId.of("UTC");
    private static final ZonedDateTime FRI_NOON = ZonedDateTime.of(2026, 11, 27, 12, 0, 30, 0, UTC);

    @Test
    void everyFiveMinutes() {
        CronExpression c = CronExpression.parse("*/5 * * * *");
        assertThat(c.next(FRI_NOON, UTC)).isEqualTo(FRI_NOON.withMinute(5).withSecond(0));
    }

    @Test
    void weekdaysAtNineWithNames() {
        CronExpression c = CronExpression.parse("0 9 * * mon-fri");
        assertThat(c.next(FRI_NOON, UTC)).isEqualTo(ZonedDateTime.of(2026, 11, 30, 9, 0, 0, 0, UTC));
    }

    @Test
    void shortcutsAndLists() {
        assertThat(CronExpression.parse("@daily").next(FRI_NOON, UTC))
                .isEqualTo(ZonedDateTime.of(2026, 11, 28, 0, 0, 0, 0, UTC));
        assertThat(CronExpression.parse("15,45 12 * * *").next(FRI_NOON, UTC))
                .isEqualTo(FRI_NOON.withMinute(15).withSecond(0));
        assertThat(CronExpression.parse("0 0 1 jan *").next(FRI_NOON, UTC))
                .isEqualTo(ZonedDateTime.of(2027, 1, 1, 0, 0, 0, 0, UTC));
    }

    @Test
    void eitherDayFieldMatchesWhenBothAreRestricted() {
        // the 1st of the month or any Sunday: Sunday 29 Nov comes first
        assertThat(CronExpression.parse("0 0 1 * sun").next(FRI_NOON, UTC))
                .isEqualTo(ZonedDateTime.of(2026, 11, 29, 0, 0, 0, 0, UTC));
    }

    @Test
    void badExpressionsSayWhatIsWrong() {
        assertThatThrownBy(() -> CronExpression.parse("* * *")).hasMessageContaining("needs 5 fields");
        assertThatThrownBy(() -> CronExpression.parse("61 * * * *")).hasMessageContaining("minute 61 is outside 0-59");
        assertThatThrownBy(() -> CronExpression.parse("* * * foo *")).hasMessageContaining("month 'foo'");
        assertThatThrownBy(() -> CronExpression.parse("5-1 * * * *")).hasMessageContaining("runs backwards");
    }
}

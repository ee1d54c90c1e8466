package io.floe.standalone.logging;

import ch.qos.logback.classic.pattern.TargetLengthBasedClassNameAbbreviator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.LayoutBase;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * One line of the host's log: {@code 2026-12-04 02:51:57.296 INFO  [thread] i.f.s.logger - message}, then the
 * exception if any. The message and the exception's texts have their control characters escaped
 * ({@link ControlChars}, {@link OneLineThrowable}), so a value (a webhook's branch, a task's output) cannot forge a
 * line. Written out rather than as a logback pattern: a pattern layout builds some 80 converters at start-up, a
 * fifth of a {@code floe run}.
 */
final class HostLogLine extends LayoutBase<ILoggingEvent> {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS")
            .withZone(ZoneId.systemDefault());

    private final TargetLengthBasedClassNameAbbreviator logger = new TargetLengthBasedClassNameAbbreviator(24);
    private final OneLineThrowable throwable = new OneLineThrowable();

    @Override
    public void start() {
        throwable.setContext(getContext());
        throwable.start();
        super.start();
    }

    @Override
    public String doLayout(ILoggingEvent event) {
        StringBuilder line = new StringBuilder(160);
        TIME.formatTo(Instant.ofEpochMilli(event.getTimeStamp()), line);
        String level = event.getLevel().toString();
        line.append(' ').append(level).append(" ".repeat(Math.max(0, 5 - level.length())));
        line.append(" [").append(event.getThreadName()).append("] ").append(logger.abbreviate(event.getLoggerName()))
                .append(" - ").append(ControlChars.escape(event.getFormattedMessage())).append('\n');
        return line.append(throwable.convert(event)).toString();
    }
}

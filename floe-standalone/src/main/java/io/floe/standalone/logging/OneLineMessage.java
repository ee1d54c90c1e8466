package io.floe.standalone.logging;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/**
 * The log message with its control characters escaped ({@link ControlChars}): named {@code %oneLineMsg} in
 * {@code logback.xml}, so every call site gets it and none can forget.
 */
public final class OneLineMessage extends ClassicConverter {
    @Override
    public String convert(ILoggingEvent event) {
        return ControlChars.escape(event.getFormattedMessage());
    }
}

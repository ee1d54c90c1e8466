package io.floe.standalone.logging;

import ch.qos.logback.classic.pattern.ThrowableProxyConverter;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;

/**
 * A logged exception's stack trace, each message on the line of its class (as {@link HostLogLine} writes it):
 * an exception's message often quotes what a request sent, and must not add lines of its own.
 */
public final class OneLineThrowable extends ThrowableProxyConverter {
    @Override
    protected String throwableProxyToString(IThrowableProxy tp) {
        return super.throwableProxyToString(new Escaped(tp));
    }

    /** A throwable as logback sees it, its messages escaped, its causes and suppressed ones too. */
    private record Escaped(IThrowableProxy inner) implements IThrowableProxy {
        @Override
        public String getMessage() {
            return ControlChars.escape(inner.getMessage());
        }

        @Override
        public String getOverridingMessage() {
            return ControlChars.escape(inner.getOverridingMessage());
        }

        @Override
        public String getClassName() {
            return inner.getClassName();
        }

        @Override
        public StackTraceElementProxy[] getStackTraceElementProxyArray() {
            return inner.getStackTraceElementProxyArray();
        }

        @Override
        public int getCommonFrames() {
            return inner.getCommonFrames();
        }

        @Override
        public IThrowableProxy getCause() {
            return inner.getCause() == null ? null : new Escaped(inner.getCause());
        }

        @Override
        public IThrowableProxy[] getSuppressed() {
            IThrowableProxy[] s = inner.getSuppressed();
            if (s == null) {
                return null;
            }
            IThrowableProxy[] out = new IThrowableProxy[s.length];
            for (int i = 0; i < s.length; i++) {
                out[i] = new Escaped(s[i]);
            }
            return out;
        }

        @Override
        public boolean isCyclic() {
            return inner.isCyclic();
        }
    }
}

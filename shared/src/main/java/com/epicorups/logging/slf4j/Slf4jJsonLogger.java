package com.epicorups.logging.slf4j;

import com.epicorups.logging.JsonLogger;
import com.epicorups.logging.LogLevel;
import java.io.Serial;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

/**
 * An SLF4J logger that writes through a {@link JsonLogger} of the same name: the level check is LOG_LEVEL's,
 * {@code {}} placeholders are filled in the message, and a throwable becomes the line's errorType, errorMessage
 * and stackTrace. Markers are dropped (the AWS SDK uses none).
 */
final class Slf4jJsonLogger extends LegacyAbstractLogger {
    @Serial
    private static final long serialVersionUID = 1L;

    private final transient JsonLogger delegate;

    Slf4jJsonLogger(String name) {
        this.name = name;
        this.delegate = JsonLogger.getLogger(name);
    }

    @Override
    public boolean isTraceEnabled() {
        return delegate.isEnabled(LogLevel.TRACE);
    }

    @Override
    public boolean isDebugEnabled() {
        return delegate.isEnabled(LogLevel.DEBUG);
    }

    @Override
    public boolean isInfoEnabled() {
        return delegate.isEnabled(LogLevel.INFO);
    }

    @Override
    public boolean isWarnEnabled() {
        return delegate.isEnabled(LogLevel.WARN);
    }

    @Override
    public boolean isErrorEnabled() {
        return delegate.isEnabled(LogLevel.ERROR);
    }

    @Override
    protected String getFullyQualifiedCallerName() {
        return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(Level level, Marker marker, String messagePattern, Object[] arguments,
                                               Throwable throwable) {
        String message = arguments == null || arguments.length == 0 ? messagePattern
                : MessageFormatter.basicArrayFormat(messagePattern, arguments);
        delegate.log(toLogLevel(level), message, throwable);
    }

    static LogLevel toLogLevel(Level level) {
        return switch (level) {
            case TRACE -> LogLevel.TRACE;
            case DEBUG -> LogLevel.DEBUG;
            case INFO -> LogLevel.INFO;
            case WARN -> LogLevel.WARN;
            case ERROR -> LogLevel.ERROR;
        };
    }
}

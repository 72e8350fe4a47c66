package com.epicorups.logging.slf4j;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.Logger;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.helpers.NOPMDCAdapter;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * The SLF4J 2 backend of the functions: what the AWS SDK (and any other library) logs through SLF4J becomes a
 * {@link com.epicorups.logging.JsonLogger} line, so it honours LOG_LEVEL, passes the Redactor and keeps the one
 * JSON line format CloudWatch Logs Insights queries. SLF4J finds it through
 * {@code META-INF/services/org.slf4j.spi.SLF4JServiceProvider}; a backend jar (logback, slf4j-simple) would cost a
 * cold start more classes and write a second format. MDC is not kept: the connector's correlation id is
 * {@link com.epicorups.logging.CorrelationId}, which every line carries already.
 */
public final class JsonLoggerServiceProvider implements SLF4JServiceProvider {
    /** The SLF4J API line this provider is written against. */
    public static final String REQUESTED_API_VERSION = "2.0.99";

    private final ILoggerFactory loggers = new JsonLoggerFactory();
    private final IMarkerFactory markers = new BasicMarkerFactory();
    private final MDCAdapter mdc = new NOPMDCAdapter();

    @Override
    public ILoggerFactory getLoggerFactory() {
        return loggers;
    }

    @Override
    public IMarkerFactory getMarkerFactory() {
        return markers;
    }

    @Override
    public MDCAdapter getMDCAdapter() {
        return mdc;
    }

    @Override
    public String getRequestedApiVersion() {
        return REQUESTED_API_VERSION;
    }

    @Override
    public void initialize() {
        // Nothing to set up: JsonLogger reads LOG_LEVEL itself.
    }

    /** One logger per name, as SLF4J expects of a factory. */
    private static final class JsonLoggerFactory implements ILoggerFactory {
        private final Map<String, Logger> byName = new ConcurrentHashMap<>();

        @Override
        public Logger getLogger(String name) {
            return byName.computeIfAbsent(name, Slf4jJsonLogger::new);
        }
    }
}

package com.epicorups.logging.slf4j;

import static org.assertj.core.api.Assertions.assertThat;

import com.epicorups.core.Json;
import com.epicorups.logging.JsonLogger;
import com.epicorups.logging.LogConfig;
import com.epicorups.logging.LogLevel;
import com.epicorups.logging.Redactor;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What a library logs through SLF4J (the AWS SDK does) becomes a JsonLogger line: level, format, masking. */
class JsonLoggerServiceProviderTest {
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private LogConfig previous;

    private void capture(LogLevel minimum) {
        previous = JsonLogger.configure(new LogConfig(minimum, "connector-test", lines::add, Clock.systemUTC()));
    }

    @AfterEach
    void restore() {
        if (previous != null) {
            JsonLogger.configure(previous);
        }
        Redactor.global().clear();
    }

    @Test
    void slf4jFindsTheConnectorsProviderAndNoOther() {
        assertThat(LoggerFactory.getILoggerFactory().getClass().getName())
                .isEqualTo(JsonLoggerServiceProvider.class.getName() + "$JsonLoggerFactory");
        assertThat(LoggerFactory.getLogger("software.amazon.awssdk.request")).isInstanceOf(Slf4jJsonLogger.class)
                .isSameAs(LoggerFactory.getLogger("software.amazon.awssdk.request"));
    }

    @Test
    void aLineIsTheJsonLoggersWithItsNameAndTheFormattedMessage() throws Exception {
        capture(LogLevel.INFO);
        Logger sdk = LoggerFactory.getLogger("software.amazon.awssdk.request");

        sdk.info("Received successful response: {}, Request ID: {}", 200, "req-1");

        assertThat(lines).hasSize(1);
        JsonNode line = Json.mapper().readTree(lines.get(0));
        assertThat(line.path("level").asText()).isEqualTo("INFO");
        assertThat(line.path("logger").asText()).isEqualTo("software.amazon.awssdk.request");
        assertThat(line.path("message").asText()).isEqualTo("Received successful response: 200, Request ID: req-1");
        assertThat(line.path("service").asText()).isEqualTo("connector-test");
    }

    @Test
    void logLevelDecidesWhatIsWrittenAndWhatIsEnabled() {
        capture(LogLevel.WARN);
        Logger sdk = LoggerFactory.getLogger("software.amazon.awssdk.core");

        sdk.trace("trace");
        sdk.debug("debug");
        sdk.info("info");
        sdk.warn("warn");
        sdk.error("error");

        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).contains("\"level\":\"WARN\"", "\"message\":\"warn\"");
        assertThat(lines.get(1)).contains("\"level\":\"ERROR\"", "\"message\":\"error\"");
        assertThat(sdk.isDebugEnabled()).isFalse();
        assertThat(sdk.isWarnEnabled()).isTrue();

        JsonLogger.configure(new LogConfig(LogLevel.TRACE, "connector-test", lines::add, Clock.systemUTC()));
        assertThat(sdk.isTraceEnabled()).as("a level change reaches loggers already handed out").isTrue();
        sdk.atTrace().setMessage("fluent {}").addArgument("trace").log();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(2)).contains("\"level\":\"TRACE\"", "\"message\":\"fluent trace\"");
    }

    @Test
    void aThrowableBecomesTheLinesErrorFieldsAndRegisteredSecretsAreMaskedEverywhere() throws Exception {
        capture(LogLevel.DEBUG);
        Redactor.global().register("s3cr3t-Value");
        Logger wire = LoggerFactory.getLogger("com.example.Wire");

        wire.debug("Authorization: {}", "s3cr3t-Value", new IllegalStateException("refused s3cr3t-Value"));

        JsonNode line = Json.mapper().readTree(lines.get(0));
        assertThat(lines.get(0)).doesNotContain("s3cr3t-Value");
        assertThat(line.path("message").asText()).isEqualTo("Authorization: " + Redactor.MASK);
        assertThat(line.path("errorType").asText()).isEqualTo(IllegalStateException.class.getName());
        assertThat(line.path("errorMessage").asText()).isEqualTo("refused " + Redactor.MASK);
        assertThat(line.path("stackTrace").asText()).contains("JsonLoggerServiceProviderTest");
    }
}

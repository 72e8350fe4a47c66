package com.epicorups.logging;

import static org.assertj.core.api.Assertions.assertThat;

import com.epicorups.core.ConnectorException;
import com.epicorups.core.Json;
import com.epicorups.core.Reason;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JsonLoggerTest {
    private static final Instant NOW = Instant.parse("2026-11-27T14:05:00.123Z");
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private LogConfig previous;

    @BeforeEach
    void capture() {
        previous = JsonLogger.configure(new LogConfig(LogLevel.DEBUG, "connector-test", lines::add,
                Clock.fixed(NOW, ZoneOffset.UTC)));
    }

    @AfterEach
    void restore() {
        JsonLogger.configure(previous);
        CorrelationId.clear();
        Redactor.global().clear();
    }

    private JsonNode line(int index) throws Exception {
        return Json.mapper().readTree(lines.get(index));
    }

    @Test
    void writesOneJsonObjectPerLineWithTheStandardFields() throws Exception {
        JsonLogger log = JsonLogger.getLogger(JsonLoggerTest.class);

        log.info("shipment created", "trackingNumber", "1Z12345E0205271688", "attempt", 2, "weight",
                new BigDecimal("37.4"), "residential", false, "missing", null);

        assertThat(lines).hasSize(1);
        assertThat(lines.get(0)).doesNotContain("\n");
        JsonNode line = line(0);
        assertThat(line.path("timestamp").asText()).isEqualTo("2026-11-27T14:05:00.123Z");
        assertThat(line.path("level").asText()).isEqualTo("INFO");
        assertThat(line.path("logger").asText()).isEqualTo(JsonLoggerTest.class.getName());
        assertThat(line.path("message").asText()).isEqualTo("shipment created");
        assertThat(line.path("service").asText()).isEqualTo("connector-test");
        assertThat(line.has("correlationId")).isFalse();
        assertThat(line.path("trackingNumber").asText()).isEqualTo("1Z12345E0205271688");
        assertThat(line.path("attempt").isInt()).isTrue();
        assertThat(line.path("attempt").asInt()).isEqualTo(2);
        assertThat(line.path("weight").decimalValue()).isEqualByComparingTo("37.4");
        assertThat(line.path("residential").isBoolean()).isTrue();
        assertThat(line.get("missing").isNull()).isTrue();
    }

    @Test
    void levelsBelowTheMinimumAreDropped() throws Exception {
        JsonLogger.configure(new LogConfig(LogLevel.WARN, "s", lines::add, Clock.systemUTC()));
        JsonLogger log = JsonLogger.getLogger("x");

        log.debug("d");
        log.info("i");
        log.warn("w");
        log.error("e");

        assertThat(lines).hasSize(2);
        assertThat(line(0).path("level").asText()).isEqualTo("WARN");
        assertThat(line(1).path("level").asText()).isEqualTo("ERROR");
        assertThat(log.isEnabled(LogLevel.INFO)).isFalse();
    }

    @Test
    void carriesTheCorrelationIdOfTheThread() throws Exception {
        JsonLogger log = JsonLogger.getLogger("x");
        try (CorrelationId.Scope poll = CorrelationId.open("poll-1")) {
            log.info("poll started");
            try (CorrelationId.Scope release = CorrelationId.open("EPIC06#5001#1#1")) {
                log.info("release enqueued");
            }
            log.info("poll finished");
        }
        log.info("idle");

        assertThat(line(0).path("correlationId").asText()).isEqualTo("poll-1");
        assertThat(line(1).path("correlationId").asText()).isEqualTo("EPIC06#5001#1#1");
        assertThat(line(2).path("correlationId").asText()).isEqualTo("poll-1");
        assertThat(line(3).has("correlationId")).isFalse();
    }

    @Test
    void reportsErrorsWithTheirReasonCode() throws Exception {
        JsonLogger.getLogger("x").error("shipment failed",
                new ConnectorException(Reason.ADDRESS_REJECTED, "no such street"), "attempt", 1);

        JsonNode line = line(0);
        assertThat(line.path("errorType").asText()).isEqualTo(ConnectorException.class.getName());
        assertThat(line.path("errorMessage").asText()).isEqualTo("no such street");
        assertThat(line.path("reasonCode").asText()).isEqualTo("ADDRESS_REJECTED");
        assertThat(line.path("failureKind").asText()).isEqualTo("PERMANENT");
        assertThat(line.path("stackTrace").asText()).contains("JsonLoggerTest");
    }

    @Test
    void keyValuesCannotOverwriteTheStandardFields() throws Exception {
        JsonLogger.getLogger("x").info("real", "message", "forged", "level", "ERROR");

        JsonNode line = line(0);
        assertThat(line.path("message").asText()).isEqualTo("real");
        assertThat(line.path("level").asText()).isEqualTo("INFO");
        assertThat(line.path("field.message").asText()).isEqualTo("forged");
    }

    @Test
    void neverPrintsARegisteredSecretWhereverItAppears() throws Exception {
        String secret = "s3cr\"et-Pa$$ w0rd";
        Redactor.global().register(secret);
        JsonLogger log = JsonLogger.getLogger("x");

        log.info("token response " + secret, "body", "{\"client_secret\":\"" + secret + "\"}");
        log.error("call failed", new IllegalStateException("401 for password=" + secret));
        log.warn("form", "encoded", "password=" + java.net.URLEncoder.encode(secret, StandardCharsets.UTF_8));

        assertThat(lines).hasSize(3).allSatisfy(text -> {
            assertThat(text).doesNotContain(secret);
            assertThat(text).doesNotContain("s3cr");
            assertThat(text).contains(Redactor.MASK);
        });
        assertThat(line(0).path("message").asText()).isEqualTo("token response ***");
    }

    @Test
    void configurationComesFromTheEnvironment() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        LogConfig config = LogConfig.from(Map.of("LOG_LEVEL", "warning", "POWERTOOLS_SERVICE_NAME", "prod-stack"),
                new PrintStream(out, true, StandardCharsets.UTF_8));
        JsonLogger.configure(config);

        JsonLogger.getLogger("x").info("dropped");
        JsonLogger.getLogger("x").warn("kept");

        assertThat(config.minimum()).isEqualTo(LogLevel.WARN);
        assertThat(config.service()).isEqualTo("prod-stack");
        assertThat(out.toString(StandardCharsets.UTF_8)).doesNotContain("dropped").contains("\"message\":\"kept\"")
                .endsWith(System.lineSeparator());
        assertThat(LogConfig.from(Map.of(), System.out).service()).isEqualTo(LogConfig.DEFAULT_SERVICE);
        assertThat(LogConfig.from(Map.of(), System.out).minimum()).isEqualTo(LogLevel.INFO);
    }
}

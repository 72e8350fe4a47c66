package com.epicorups.logging;

import com.epicorups.core.Json;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.regex.Pattern;

/**
 * Custom metrics as CloudWatch Embedded Metric Format log lines: CloudWatch turns the line into a metric,
 * so no PutMetricData call (and no IAM permission or SDK client for it) is needed. The namespace and the
 * single {@code service} dimension are the ones template.yaml's alarms watch.
 */
public final class EmbeddedMetrics {
    public static final String NAMESPACE = "EpicorUpsConnector";
    public static final String SERVICE_DIMENSION = "service";
    /** One per OAuth token request sent to UPS; alarmed against the daily budget. */
    public static final String UPS_TOKEN_REQUESTS = "UpsTokenRequests";

    private static final Pattern METRIC_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,254}");

    private EmbeddedMetrics() {
    }

    /** Emits {@code value} of a Count metric. */
    public static void count(String metric, long value) {
        if (!METRIC_NAME.matcher(metric).matches()) {
            throw new IllegalArgumentException("not a metric name: " + metric);
        }
        LogConfig config = JsonLogger.config();
        ObjectNode line = Json.mapper().createObjectNode();
        ObjectNode aws = line.putObject("_aws");
        aws.put("Timestamp", config.clock().millis());
        ObjectNode directive = aws.putArray("CloudWatchMetrics").addObject();
        directive.put("Namespace", NAMESPACE);
        ArrayNode dimensionSet = directive.putArray("Dimensions").addArray();
        dimensionSet.add(SERVICE_DIMENSION);
        ObjectNode definition = directive.putArray("Metrics").addObject();
        definition.put("Name", metric);
        definition.put("Unit", "Count");
        line.put(SERVICE_DIMENSION, config.service());
        line.put(metric, value);
        CorrelationId.current().ifPresent(id -> line.put("correlationId", id));
        try {
            write(Json.mapper().writeValueAsString(line));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("metric line could not be serialised", e);
        }
    }

    /**
     * Writes a finished EMF line where the {@link JsonLogger} writes (its sink), through the {@link Redactor}, for a
     * class that builds its own metric line: no line reaches stdout any other way.
     */
    public static void write(String emfLine) {
        JsonLogger.config().sink().accept(Redactor.global().redact(emfLine));
    }
}

package com.epicorups.ups.auth;

import com.epicorups.logging.EmbeddedMetrics;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * CloudWatch Embedded Metric Format lines for token requests (namespace EpicorUpsConnector, metric
 * UpsTokenRequests, plus the day's running count so an alarm can fire as it nears the budget).
 * Written to stdout in Lambda (the JsonLogger's sink), where CloudWatch Logs turns them into metrics.
 */
public final class TokenMetrics {
    public static final String NAMESPACE = "EpicorUpsConnector";
    public static final String METRIC = "UpsTokenRequests";

    private final Consumer<String> sink;

    public TokenMetrics(Consumer<String> sink) {
        this.sink = sink;
    }

    /** Where the JsonLogger writes (stdout in Lambda), through the Redactor like every log line. */
    public static TokenMetrics stdout() {
        return new TokenMetrics(EmbeddedMetrics::write);
    }

    public void tokenRequest(String cacheKey, long requestsToday, long budget, Instant at) {
        sink.accept("{\"_aws\":{\"Timestamp\":" + at.toEpochMilli() + ",\"CloudWatchMetrics\":[{\"Namespace\":\""
                + NAMESPACE + "\",\"Dimensions\":[[\"Account\"]],\"Metrics\":[{\"Name\":\"" + METRIC
                + "\",\"Unit\":\"Count\"},{\"Name\":\"UpsTokenRequestsToday\",\"Unit\":\"Count\"},"
                + "{\"Name\":\"UpsTokenDailyBudget\",\"Unit\":\"Count\"}]}]},\"Account\":\"" + cacheKey + "\",\""
                + METRIC + "\":1,\"UpsTokenRequestsToday\":" + requestsToday + ",\"UpsTokenDailyBudget\":" + budget + "}");
    }
}

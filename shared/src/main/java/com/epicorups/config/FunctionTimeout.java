package com.epicorups.config;

import com.epicorups.core.Deadline;
import com.epicorups.epicor.EpicorClient;
import com.epicorups.pipeline.PipelineSettings;
import java.time.Duration;
import java.util.List;

/**
 * The Lambda timeouts of template.yaml for the functions that call Epicor or UPS, and each one's default reserve:
 * the time kept back from the invocation's deadline for the failure path (dead-letter with a reason, the audit,
 * the ledger's claim release, a visibility change), each a call of a few milliseconds to a service in the same
 * region, with room for the SDK's own retries. {@code TemplateTimeoutsTest} pins the timeouts to template.yaml.
 */
public enum FunctionTimeout {
    ORDER_POLLER("OrderPollerFunction", 240, 30),
    SHIPMENT_CREATOR("ShipmentCreatorFunction", 120, 20),
    TRACKING_WRITER("TrackingWriterFunction", 60, 10),
    QUANTUM_VIEW_POLLER("QuantumViewPollerFunction", 300, 30),
    SUBSCRIPTION_RENEWER("SubscriptionRenewerFunction", 300, 30);

    private final String templateResource;
    private final int timeoutSeconds;
    private final int defaultReserveSeconds;

    FunctionTimeout(String templateResource, int timeoutSeconds, int defaultReserveSeconds) {
        this.templateResource = templateResource;
        this.timeoutSeconds = timeoutSeconds;
        this.defaultReserveSeconds = defaultReserveSeconds;
    }

    /** The function's logical id in template.yaml. */
    public String templateResource() {
        return templateResource;
    }

    public Duration timeout() {
        return Duration.ofSeconds(timeoutSeconds);
    }

    /** {@code pipeline.deadlineReserveSeconds} when set, else this function's default. */
    public Duration reserve(PipelineSettings pipeline) {
        Integer set = pipeline.deadlineReserveSeconds();
        return Duration.ofSeconds(set != null ? set : defaultReserveSeconds);
    }

    /** The deadline of one invocation: Lambda's remaining time less this function's reserve. */
    public Deadline deadline(long remainingMillis, PipelineSettings pipeline) {
        return Deadline.ofInvocation(remainingMillis, reserve(pipeline));
    }

    /**
     * Why the settings cannot work inside the template's timeouts, one line per function (empty: they fit): every
     * function must have room for one Epicor attempt after its reserve, and the shipment creator for a whole ship
     * call (it is never cut short: UPS's outcome would be unknown) and an Epicor attempt before it.
     */
    public static List<String> problems(ConnectorSettings settings) {
        List<String> problems = new java.util.ArrayList<>();
        for (FunctionTimeout f : values()) {
            Duration needed = f.reserve(settings.pipeline()).plus(EpicorClient.MIN_ATTEMPT);
            String what = "the reserve (" + f.reserve(settings.pipeline()).toSeconds() + " s) and one Epicor attempt ("
                    + EpicorClient.MIN_ATTEMPT.toSeconds() + " s)";
            if (f == SHIPMENT_CREATOR) {
                needed = needed.plus(settings.ups().shipTimeout());
                what += " and a whole UPS ship call (ups.timeouts.shipMillis "
                        + settings.ups().shipTimeout().toMillis() + ")";
            }
            if (needed.compareTo(f.timeout()) > 0) {
                problems.add(ConnectorSettings.VARIABLE + ": " + what + " need " + needed.toSeconds() + " s, more than "
                        + f.templateResource + "'s Timeout of " + f.timeoutSeconds + " s in template.yaml: lower"
                        + " pipeline.deadlineReserveSeconds or the timeout, or raise the function's Timeout");
            }
        }
        return problems;
    }
}

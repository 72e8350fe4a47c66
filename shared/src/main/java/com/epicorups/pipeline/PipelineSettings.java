package com.epicorups.pipeline;

import com.epicorups.core.settings.SettingsBinder;
import com.epicorups.core.settings.Wording;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The {@code pipeline} section of CONNECTOR_SETTINGS: queue-side behaviour. Every key is optional, a JSON whole
 * number within its range:
 *
 * @param claimLeaseSeconds  (600, 240..43200) how long a creator's ledger claim lasts; after it an unfinished
 *                           claim is reconciled with UPS before anything is created
 * @param batchConcurrency   (5, 1..50) messages of one SQS batch handled at once
 * @param renewalWindowHours (48, 1..336) Track Alert subscriptions ending within it are renewed
 * @param retryBaseSeconds   (30, 1..900) visibility backoff of a transiently failed message, doubling with its
 *                           receive count
 * @param retryMaxSeconds    (900 or retryBaseSeconds if larger, retryBaseSeconds..43200) longest such backoff
 * @param maxRenewalsPerRun  (5000, 1..100000) releases one renewal run looks at
 * @param deadlineReserveSeconds (each function's own: 10 to 30, 5..60) time kept back from a Lambda invocation's
 *                           remaining time for its failure path; Epicor and UPS calls (attempts, timeouts,
 *                           backoff) fit in the rest
 */
public record PipelineSettings(Integer claimLeaseSeconds, Integer batchConcurrency, Integer renewalWindowHours,
                               Integer retryBaseSeconds, Integer retryMaxSeconds, Integer maxRenewalsPerRun,
                               Integer deadlineReserveSeconds) {

    /** Twice the shipment creator's Lambda timeout in template.yaml. */
    public static final int MIN_CLAIM_LEASE_SECONDS = 240;

    /** Problems read {@code CONNECTOR_SETTINGS.pipeline.batchConcurrency must be ..., got 0}. */
    public static final Wording WORDING = Wording.of("CONNECTOR_SETTINGS", path -> "CONNECTOR_SETTINGS." + path)
            .sayingValueAs("got");

    public PipelineSettings {
        claimLeaseSeconds = Objects.requireNonNullElse(claimLeaseSeconds, 600);
        batchConcurrency = Objects.requireNonNullElse(batchConcurrency, 5);
        renewalWindowHours = Objects.requireNonNullElse(renewalWindowHours, 48);
        retryBaseSeconds = Objects.requireNonNullElse(retryBaseSeconds, 30);
        retryMaxSeconds = Objects.requireNonNullElse(retryMaxSeconds, Math.max(900, retryBaseSeconds));
        maxRenewalsPerRun = Objects.requireNonNullElse(maxRenewalsPerRun, 5000);
    }

    /** For the settings reader: the components in declaration order. */
    private PipelineSettings(SettingsBinder.Components c) {
        this(c.next(), c.next(), c.next(), c.next(), c.next(), c.next(), c.next());
    }

    public static PipelineSettings defaults() {
        return new PipelineSettings(null, null, null, null, null, null, null);
    }

    /**
     * Binds the {@code pipeline} section (null: every default) and adds each of its problems to {@code problems}.
     * Values with a problem are left at their defaults.
     */
    public static PipelineSettings read(JsonNode section, List<String> problems) {
        PipelineSettings settings = SettingsBinder.bind(section, PipelineSettings.class, "pipeline", WORDING, problems);
        settings.check(problems);
        return settings;
    }

    /** The section alone, e.g. {@code {"batchConcurrency": 8}}; @throws IllegalArgumentException naming every problem */
    public static PipelineSettings parse(JsonNode section) {
        List<String> problems = new ArrayList<>();
        PipelineSettings settings = read(section, problems);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        return settings;
    }

    private void check(List<String> problems) {
        // Never shorter than the creator's Lambda timeout (120 s) plus margin: a claim that lapses while a ship
        // call is still running would let another attempt find nothing at UPS and buy a second label.
        range(problems, "claimLeaseSeconds", claimLeaseSeconds, MIN_CLAIM_LEASE_SECONDS, 43_200);
        range(problems, "batchConcurrency", batchConcurrency, 1, 50);
        range(problems, "renewalWindowHours", renewalWindowHours, 1, 336);
        range(problems, "retryBaseSeconds", retryBaseSeconds, 1, 900);
        range(problems, "retryMaxSeconds", retryMaxSeconds, retryBaseSeconds, 43_200);
        range(problems, "maxRenewalsPerRun", maxRenewalsPerRun, 1, 100_000);
        if (deadlineReserveSeconds != null) {
            range(problems, "deadlineReserveSeconds", deadlineReserveSeconds, 5, 60);
        }
    }

    public Duration claimLease() { return Duration.ofSeconds(claimLeaseSeconds); }
    public Duration renewalWindow() { return Duration.ofHours(renewalWindowHours); }
    public Duration retryBase() { return Duration.ofSeconds(retryBaseSeconds); }
    public Duration retryMax() { return Duration.ofSeconds(retryMaxSeconds); }

    private static void range(List<String> problems, String key, int value, int min, int max) {
        if (value < min || value > max) {
            problems.add(WORDING.problem("pipeline." + key, "must be between " + min + " and " + max + ", got " + value));
        }
    }
}

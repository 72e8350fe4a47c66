package com.epicorups.cli.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * How a bench runs.
 *
 * @param releases          eligible releases per measurement (e.g. 1,000 and 10,000)
 * @param bestWayShipVias   ShipVia codes rate-shopped (ups.bestWay, no transit limit): each of their shipments asks
 *                          Rating Shop once before Ship (issue 20); empty: none
 * @param latency           injected per Epicor and per UPS call, token calls included
 * @param invocations       concurrent shipment-creator invocations (Lambda's MaximumConcurrency on the
 *                          event-source mapping)
 * @param batchConcurrency  messages of one batch a creator handles at once (CONNECTOR_SETTINGS pipeline)
 * @param creatorBatchSize  messages per creator invocation (the event-source mapping's BatchSize in template.yaml)
 * @param writerBatchSize   messages per tracking-writer invocation (BatchSize in template.yaml)
 * @param warmUpReleases    releases run through once before measuring (JIT warm-up), figures discarded
 * @param shipPhaseLimit    no invocation starts after this much of the ship+write phase; what is left is
 *                          reported (fewer releases shipped than eligible)
 * @param memoryProbes      measure the poller's and creator's memory in child JVMs
 * @param creatorProbeMax   the creator's memory probe runs only for release counts up to this
 * @param coldStartRuns     fresh JVMs per function and per baseline; 0 = no cold-start measurement
 * @param functionsDir      where functions/&lt;name&gt;/target/&lt;name&gt;.jar are
 * @param outputDir         labels, logs, child outputs
 * @param writerInvocations concurrent tracking-writer invocations (its mapping's MaximumConcurrency)
 * @param packs             pack mode (epicor.source PACKS): {@code releases} counts freighted packs, each shipped as
 *                          one UPS shipment and written back into the pack (issue 18)
 */
public record BenchOptions(List<Integer> releases, Duration latency, int invocations, int batchConcurrency,
                           int creatorBatchSize, int writerBatchSize, int warmUpReleases, Duration shipPhaseLimit, boolean memoryProbes, int creatorProbeMax, int coldStartRuns,
                           Path functionsDir, Path outputDir, int writerInvocations, List<String> bestWayShipVias,
                           boolean packs) {
    public BenchOptions {
        bestWayShipVias = bestWayShipVias == null ? List.of() : List.copyOf(bestWayShipVias);
        if (writerInvocations < 1) {
            throw new IllegalArgumentException("writerInvocations must be >= 1");
        }
        releases = List.copyOf(releases);
        if (releases.isEmpty() || releases.stream().anyMatch(n -> n < 1)) {
            throw new IllegalArgumentException("releases: one or more counts >= 1");
        }
        if (invocations < 1) {
            throw new IllegalArgumentException("invocations must be >= 1");
        }
        if (batchConcurrency < 1 || batchConcurrency > 50) {
            throw new IllegalArgumentException("batchConcurrency must be 1..50");
        }
        if (latency.isNegative()) {
            throw new IllegalArgumentException("latency must be >= 0");
        }
    }

    /** Release mode. */
    public BenchOptions(List<Integer> releases, Duration latency, int invocations, int batchConcurrency,
                        int creatorBatchSize, int writerBatchSize, int warmUpReleases, Duration shipPhaseLimit,
                        boolean memoryProbes, int creatorProbeMax, int coldStartRuns, Path functionsDir, Path outputDir,
                        int writerInvocations, List<String> bestWayShipVias) {
        this(releases, latency, invocations, batchConcurrency, creatorBatchSize, writerBatchSize, warmUpReleases,
                shipPhaseLimit, memoryProbes, creatorProbeMax, coldStartRuns, functionsDir, outputDir, writerInvocations,
                bestWayShipVias, false);
    }

    /** What one measured unit is: "release", or "pack" in pack mode. */
    public String unit() {
        return packs ? "pack" : "release";
    }

    /** Without Best Way ShipVias. */
    public BenchOptions(List<Integer> releases, Duration latency, int invocations, int batchConcurrency,
                        int creatorBatchSize, int writerBatchSize, int warmUpReleases, Duration shipPhaseLimit,
                        boolean memoryProbes, int creatorProbeMax, int coldStartRuns, Path functionsDir, Path outputDir,
                        int writerInvocations) {
        this(releases, latency, invocations, batchConcurrency, creatorBatchSize, writerBatchSize, warmUpReleases,
                shipPhaseLimit, memoryProbes, creatorProbeMax, coldStartRuns, functionsDir, outputDir, writerInvocations,
                List.of());
    }

    /**
     * The configured concurrency: calls that can be waiting at once for one stage, creator invocations times the
     * releases each handles at once.
     */
    public int concurrency() {
        return invocations * Math.min(batchConcurrency, creatorBatchSize);
    }
}

package com.epicorups.pipeline;

import com.epicorups.core.Reason;
import com.epicorups.port.CheckResult;
import com.epicorups.port.Preflight;
import com.epicorups.port.PreflightReport;
import com.epicorups.port.PreflightVerdict;
import com.epicorups.port.TenantChecks;
import com.epicorups.store.AuditEntry;
import com.epicorups.store.AuditLog;
import com.epicorups.store.AuditOperation;
import com.epicorups.store.AuditOutcome;
import com.epicorups.store.Checkpoint;
import com.epicorups.store.CheckpointStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The preflight as the pipeline uses it: the tenant checks' verdict for the current configuration, kept in the
 * checkpoint table (item {@code checkpointName}: whether it passed, when it ran, the configuration's fingerprint, the
 * failures) so that a passed verdict costs no tenant call. The checks run again when no verdict is stored for the
 * current fingerprint (a first deployment, a configuration change), when the stored one failed (every poll re-checks
 * until it passes: a fix needs no other step), and when a passed one is older than {@code every}. A passed verdict is
 * also kept in memory for {@link #MEMORY} so that a container's batches do not each read the store. Each run is
 * audited ({@link AuditOperation#PREFLIGHT}, subject = the checkpoint name).
 */
public final class TenantPreflight implements Preflight {
    /** How long a container trusts the passed verdict it last read before it reads the store again. */
    public static final Duration MEMORY = Duration.ofMinutes(1);

    private final TenantChecks checks;
    private final CheckpointStore store;
    private final String checkpointName;
    private final Duration every;
    private final AuditLog audit;
    private final Clock clock;
    private volatile Remembered remembered;

    /** A passed verdict and when this container last read or wrote it. */
    private record Remembered(PreflightVerdict verdict, Instant at) {
    }

    /**
     * @param every how long a passed verdict holds before the checks run again
     */
    public TenantPreflight(TenantChecks checks, CheckpointStore store, String checkpointName, Duration every,
                           AuditLog audit, Clock clock) {
        this.checks = Objects.requireNonNull(checks, "checks");
        this.store = Objects.requireNonNull(store, "store");
        this.checkpointName = Objects.requireNonNull(checkpointName, "checkpointName");
        this.every = Objects.requireNonNull(every, "every");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public String checkpointName() {
        return checkpointName;
    }

    @Override
    public PreflightVerdict verdict() {
        String fingerprint = checks.fingerprint();
        Instant now = clock.instant();
        Remembered r = remembered;
        if (r != null && r.verdict().fingerprint().equals(fingerprint) && now.isBefore(r.at().plus(MEMORY))
                && fresh(r.verdict(), now)) {
            return r.verdict();
        }
        Optional<Checkpoint> stored = store.load(checkpointName);
        Optional<PreflightVerdict> cached = stored.map(TenantPreflight::verdictOf)
                .filter(v -> v.passed() && fingerprint.equals(v.fingerprint()) && fresh(v, now));
        if (cached.isPresent()) {
            remembered = new Remembered(cached.get(), now);
            return cached.get();
        }
        return run(fingerprint, stored.map(Checkpoint::version).orElse(0L));
    }

    /** Runs the checks now, whatever is stored (the operator's ping); stores and audits the verdict. */
    public PreflightVerdict runNow() {
        return run(checks.fingerprint(), store.load(checkpointName).map(Checkpoint::version).orElse(0L));
    }

    private PreflightVerdict run(String fingerprint, long version) {
        Instant started = clock.instant();
        PreflightReport report = checks.run();
        Instant ranAt = clock.instant();
        PreflightVerdict verdict = PreflightVerdict.ran(fingerprint, ranAt, report);
        // Another container may have stored a verdict meanwhile: then this one is not stored, it is as fresh.
        store.compareAndSet(checkpointName, version, valuesOf(verdict), ranAt);
        remembered = verdict.passed() ? new Remembered(verdict, ranAt) : null;
        audit.record(new AuditEntry(checkpointName, ranAt, AuditOperation.PREFLIGHT,
                verdict.passed() ? AuditOutcome.SUCCESS : AuditOutcome.FAILED,
                verdict.passed() ? null : Reason.PREFLIGHT_FAILED.code(), verdict.summary(),
                ranAt.toEpochMilli() - started.toEpochMilli(), details(fingerprint, report.checks()), null));
        return verdict;
    }

    private boolean fresh(PreflightVerdict verdict, Instant now) {
        return verdict.ranAt() != null && now.isBefore(verdict.ranAt().plus(every));
    }

    private static Map<String, String> valuesOf(PreflightVerdict v) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("passed", Boolean.toString(v.passed()));
        values.put("fingerprint", v.fingerprint());
        values.put("ranAt", v.ranAt().toString());
        values.put("summary", v.summary());
        return values;
    }

    private static PreflightVerdict verdictOf(Checkpoint c) {
        Map<String, String> v = c.values();
        if (v.get("fingerprint") == null || v.get("ranAt") == null) {
            return new PreflightVerdict(false, null, null, "no verdict stored", List.of(), true);
        }
        return new PreflightVerdict(Boolean.parseBoolean(v.get("passed")), v.get("fingerprint"),
                Instant.parse(v.get("ranAt")), v.getOrDefault("summary", ""), List.of(), true);
    }

    private static Map<String, String> details(String fingerprint, List<CheckResult> results) {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("fingerprint", fingerprint);
        for (CheckResult r : results) {
            d.put(r.name(), r.ok() ? "OK" : "FAILED: " + String.join(", ", r.missing()));
        }
        return d;
    }
}

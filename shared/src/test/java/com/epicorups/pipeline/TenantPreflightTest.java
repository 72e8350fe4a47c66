package com.epicorups.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.epicorups.core.ConnectorException;
import com.epicorups.core.Reason;
import com.epicorups.port.CheckResult;
import com.epicorups.port.PreflightReport;
import com.epicorups.port.PreflightVerdict;
import com.epicorups.port.TenantChecks;
import com.epicorups.store.AuditEntry;
import com.epicorups.store.AuditOperation;
import com.epicorups.store.AuditOutcome;
import com.epicorups.store.Checkpoint;
import com.epicorups.store.CheckpointStore;
import com.epicorups.store.memory.InMemoryAuditLog;
import com.epicorups.store.memory.InMemoryCheckpointStore;
import com.epicorups.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * When the tenant checks run, and when their stored verdict stands in for them: a passed verdict for the current
 * configuration costs no tenant call until it is {@code every} old; a failed one is checked again each time; a new
 * configuration is checked at once.
 */
class TenantPreflightTest {
    private static final String NAME = "epicor-preflight#TEST";
    private static final Duration EVERY = Duration.ofHours(24);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-27T13:00:00Z"));
    private final CountingStore store = new CountingStore();
    private final InMemoryAuditLog audit = new InMemoryAuditLog();
    private final ScriptedChecks checks = new ScriptedChecks();

    /** The in-memory checkpoint store, counting its reads. */
    private static final class CountingStore implements CheckpointStore {
        private final InMemoryCheckpointStore store = new InMemoryCheckpointStore();
        private final java.util.concurrent.atomic.AtomicInteger loads = new java.util.concurrent.atomic.AtomicInteger();

        int loads() {
            return loads.get();
        }

        @Override
        public java.util.Optional<Checkpoint> load(String name) {
            loads.incrementAndGet();
            return store.load(name);
        }

        @Override
        public boolean compareAndSet(String name, long expectedVersion, Map<String, String> values, Instant now) {
            return store.compareAndSet(name, expectedVersion, values, now);
        }
    }

    /** Checks whose result and fingerprint a test sets, counting their runs. */
    private static final class ScriptedChecks implements TenantChecks {
        volatile String fingerprint = "config-1";
        volatile boolean pass = true;
        volatile RuntimeException failure;
        int runs;

        @Override
        public String fingerprint() {
            return fingerprint;
        }

        @Override
        public PreflightReport run() {
            runs++;
            if (failure != null) {
                throw failure;
            }
            return new PreflightReport(List.of(CheckResult.passed("warehouses", "CHI exists in the company."),
                    pass ? CheckResult.passed("write-back columns on OrderRel", "all exist.")
                            : CheckResult.failed("write-back columns on OrderRel", List.of("TrackingNumber_c"),
                            "OrderRel has no column TrackingNumber_c.", "create it in UD Column Maintenance.")));
        }
    }

    private TenantPreflight preflight() {
        return new TenantPreflight(checks, store, NAME, EVERY, audit, clock);
    }

    @Test
    void aPassedVerdictIsStoredAndStandsInForTheChecksUntilItIsEveryOld() {
        PreflightVerdict first = preflight().verdict();
        assertThat(first.passed()).isTrue();
        assertThat(first.fromCache()).isFalse();
        assertThat(checks.runs).isEqualTo(1);
        assertThat(store.load(NAME).orElseThrow().values()).containsEntry("passed", "true")
                .containsEntry("fingerprint", "config-1").containsEntry("ranAt", "2026-11-27T13:00:00Z");

        // Another container (a fresh TenantPreflight) an hour later: the stored verdict, no tenant call.
        clock.advance(Duration.ofHours(1));
        PreflightVerdict cached = preflight().verdict();
        assertThat(cached.passed()).isTrue();
        assertThat(cached.fromCache()).isTrue();
        assertThat(checks.runs).isEqualTo(1);

        clock.advance(EVERY);
        assertThat(preflight().verdict().fromCache()).as("a day old: checked again").isFalse();
        assertThat(checks.runs).isEqualTo(2);
    }

    @Test
    void aContainerKeepsAPassedVerdictInMemoryForAMinuteWithoutReadingTheStore() {
        TenantPreflight preflight = preflight();
        preflight.verdict();
        int loads = store.loads();
        preflight.verdict();
        clock.advance(TenantPreflight.MEMORY.minusSeconds(1));
        preflight.verdict();
        assertThat(store.loads()).as("no store read within the minute").isEqualTo(loads);
        clock.advance(Duration.ofSeconds(2));
        preflight.verdict();
        assertThat(store.loads()).isEqualTo(loads + 1);
        assertThat(checks.runs).isEqualTo(1);
    }

    @Test
    void aFailedVerdictIsCheckedAgainEachTimeSoAFixNeedsNoOtherStep() {
        checks.pass = false;
        PreflightVerdict failed = preflight().verdict();
        assertThat(failed.passed()).isFalse();
        assertThat(failed.summary()).isEqualTo("write-back columns on OrderRel: OrderRel has no column TrackingNumber_c."
                + " Fix: create it in UD Column Maintenance.");
        preflight().verdict();
        assertThat(checks.runs).isEqualTo(2);

        checks.pass = true;
        assertThat(preflight().verdict().passed()).isTrue();
        assertThat(preflight().verdict().fromCache()).isTrue();
        assertThat(checks.runs).isEqualTo(3);
    }

    @Test
    void aConfigurationChangeIsCheckedAtOnce() {
        TenantPreflight preflight = preflight();
        preflight.verdict();
        checks.fingerprint = "config-2";
        assertThat(preflight.verdict().fingerprint()).isEqualTo("config-2");
        assertThat(checks.runs).as("not from memory, not from the store: another configuration").isEqualTo(2);
    }

    @Test
    void everyRunIsAuditedWithEachCheck() {
        checks.pass = false;
        preflight().verdict();
        checks.pass = true;
        preflight().verdict();

        List<AuditEntry> runs = audit.forSubject(NAME);
        assertThat(runs).extracting(AuditEntry::operation).containsOnly(AuditOperation.PREFLIGHT);
        assertThat(runs).extracting(AuditEntry::outcome).containsExactly(AuditOutcome.FAILED, AuditOutcome.SUCCESS);
        assertThat(runs.get(0).reasonCode()).isEqualTo(Reason.PREFLIGHT_FAILED.code());
        assertThat(runs.get(0).details()).containsEntry("write-back columns on OrderRel", "FAILED: TrackingNumber_c")
                .containsEntry("warehouses", "OK").containsEntry("fingerprint", "config-1");
    }

    @Test
    void checksThatCouldNotRunLeaveNoVerdict() {
        checks.failure = new ConnectorException(Reason.EPICOR_UNAVAILABLE, "Epicor answered 503", null);
        assertThatThrownBy(() -> preflight().verdict()).isSameAs(checks.failure);
        assertThat(store.load(NAME)).isEmpty();
        assertThat(audit.all()).isEmpty();
    }

    @Test
    void runNowChecksWhateverIsStored() {
        preflight().verdict();
        PreflightVerdict now = preflight().runNow();
        assertThat(now.fromCache()).isFalse();
        assertThat(now.checks()).hasSize(2);
        assertThat(checks.runs).isEqualTo(2);
        assertThat(store.load(NAME).orElseThrow().version()).isEqualTo(2);
        assertThat(Map.copyOf(store.load(NAME).orElseThrow().values())).containsEntry("passed", "true");
    }
}

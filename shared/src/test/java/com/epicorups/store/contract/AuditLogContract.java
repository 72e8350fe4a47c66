package com.epicorups.store.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.epicorups.store.AuditEntry;
import com.epicorups.store.AuditLog;
import com.epicorups.store.AuditOperation;
import com.epicorups.store.AuditOutcome;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

public abstract class AuditLogContract {
    private AuditLog log;

    protected abstract AuditLog newLog();

    @BeforeEach
    void createLog() {
        log = newLog();
    }

    @Test
    void entriesOfASubjectComeOldestFirstWithEverythingRecorded() {
        AuditEntry later = entry("EPIC06#1#1#1", "2026-11-27T10:00:01Z", AuditOperation.SHIPMENT_CREATE,
                AuditOutcome.SUCCESS, null);
        AuditEntry earlier = new AuditEntry("EPIC06#1#1#1", Instant.parse("2026-11-27T10:00:00.5Z"),
                AuditOperation.ADDRESS_VALIDATION, AuditOutcome.RETRYING, "UPS_UNAVAILABLE", "503 from UPS", 812,
                Map.of("classification", "1", "candidates", "2"), "{\"releaseKey\":\"EPIC06#1#1#1\"}");
        log.record(later);
        log.record(earlier);
        log.record(entry("EPIC06#2#1#1", "2026-11-27T09:00:00Z", AuditOperation.SHIPMENT_CREATE,
                AuditOutcome.SUCCESS, null));

        assertThat(log.forSubject("EPIC06#1#1#1")).containsExactly(earlier, later);
        assertThat(log.forSubject("EPIC06#9#9#9")).isEmpty();
    }

    @Test
    void aDayAndOutcomeListsWhatFailedThatUtcDay() {
        AuditEntry failedLate = entry("EPIC06#1#1#1", "2026-11-27T23:59:59.999Z", AuditOperation.SHIPMENT_CREATE,
                AuditOutcome.FAILED, "ADDRESS_REJECTED");
        AuditEntry failedEarly = entry("EPIC06#2#1#1", "2026-11-27T00:00:00Z", AuditOperation.EPICOR_WRITE,
                AuditOutcome.FAILED, "EPICOR_REJECTED");
        log.record(failedLate);
        log.record(failedEarly);
        log.record(entry("EPIC06#3#1#1", "2026-11-28T00:00:00Z", AuditOperation.SHIPMENT_CREATE,
                AuditOutcome.FAILED, "NO_WEIGHT"));
        log.record(entry("EPIC06#4#1#1", "2026-11-27T12:00:00Z", AuditOperation.SHIPMENT_CREATE,
                AuditOutcome.SUCCESS, null));

        assertThat(log.forDay(LocalDate.of(2026, 11, 27), AuditOutcome.FAILED)).containsExactly(failedEarly, failedLate);
        assertThat(log.forDay(LocalDate.of(2026, 11, 27), AuditOutcome.SUCCESS)).hasSize(1);
        assertThat(log.forDay(LocalDate.of(2026, 11, 28), AuditOutcome.FAILED)).singleElement()
                .extracting(AuditEntry::reasonCode).isEqualTo("NO_WEIGHT");
        assertThat(log.forDay(LocalDate.of(2026, 11, 26), AuditOutcome.FAILED)).isEmpty();
    }

    private static AuditEntry entry(String subject, String at, AuditOperation operation, AuditOutcome outcome,
                                    String reasonCode) {
        return new AuditEntry(subject, Instant.parse(at), operation, outcome, reasonCode, null, 5, Map.of(), null);
    }
}

package com.epicorups.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Reason codes are what users see and search for (audit, logs, DLQ attributes, the local run's report): they must
 * never change. This pins the code string of every reason the connector gave before the enum existed, and the
 * kind each was raised with, so a rename or a reclassification cannot slip through unnoticed.
 */
class ReasonTest {

    /** Every code the connector gave as a string before {@link Reason}, with the kind it stands for. */
    private static final Map<String, Reason.Kind> CODES_BEFORE_THE_ENUM = table(
            "ORDER_VOID NOT_OURS", "ORDER_CLOSED NOT_OURS", "ORDER_CANCELLED NOT_OURS", "LINE_VOID NOT_OURS",
            "LINE_CLOSED NOT_OURS", "RELEASE_VOID NOT_OURS", "RELEASE_CLOSED NOT_OURS", "RELEASE_CANCELLED NOT_OURS",
            "RELEASE_GONE NOT_OURS", "NOT_ELIGIBLE NOT_OURS", "DROP_SHIP NOT_OURS", "SERVICE_ITEM NOT_OURS",
            "ZERO_QUANTITY NOT_OURS", "ALREADY_SHIPPED_IN_EPICOR NOT_OURS", "NOT_UPS_SHIP_VIA NOT_OURS",
            "NO_PART NEEDS_FIX", "NO_WEIGHT NEEDS_FIX", "NO_SHIP_TO_ADDRESS NEEDS_FIX", "SHIP_TO_INACTIVE NEEDS_FIX",
            "NOT_SHIPPABLE PERMANENT",
            "EPICOR_AUTH PERMANENT", "EPICOR_BUSINESS_RULE PERMANENT", "EPICOR_NOT_FOUND PERMANENT",
            "EPICOR_UNAVAILABLE TRANSIENT", "EPICOR_LICENCE TRANSIENT", "EPICOR_PACK_NOT_FOUND TRANSIENT",
            "EPICOR_SETTINGS_INVALID PERMANENT",
            "UPS_BUSINESS_ERROR PERMANENT", "UPS_AUTH PERMANENT", "UPS_BLOCKED_MERCHANT PERMANENT",
            "UPS_RATE_LIMITED TRANSIENT", "UPS_UNAVAILABLE TRANSIENT", "UPS_TIMEOUT TRANSIENT",
            "UPS_CONNECTION TRANSIENT", "UPS_BAD_RESPONSE TRANSIENT", "UPS_TOKEN_REJECTED PERMANENT",
            "UPS_TOKEN_THROTTLED TRANSIENT", "UPS_TOKEN_BUDGET_EXHAUSTED PERMANENT", "UPS_TOKEN_UNAVAILABLE TRANSIENT",
            "UPS_TOKEN_WAIT_TIMEOUT TRANSIENT", "UPS_TOKEN_BAD_RESPONSE TRANSIENT", "UPS_SETTINGS_INVALID PERMANENT",
            "UPS_VOID_FAILED PERMANENT", "UNKNOWN_WAREHOUSE PERMANENT", "SHIP_VIA_NOT_UPS PERMANENT",
            "INVALID_SHIPMENT_ID PERMANENT", "INVALID_TRACKING_NUMBER PERMANENT", "ADDRESS_REJECTED NEEDS_FIX",
            "ADDRESS_AMBIGUOUS NEEDS_FIX", "MISSING_FIELD NEEDS_FIX", "INVALID_FIELD NEEDS_FIX",
            "FIELD_TOO_LONG NEEDS_FIX", "GROUPING_DISABLED PERMANENT", "GROUP_MISMATCH PERMANENT",
            "GROUP_PACKAGE_MISMATCH TRANSIENT", "QUANTUM_VIEW_NOT_CONFIGURED PERMANENT",
            "SUBSCRIPTION_REJECTED PERMANENT",
            "WEBHOOK_UNAUTHENTICATED PERMANENT", "WEBHOOK_TOO_LARGE PERMANENT", "WEBHOOK_AUTH_UNAVAILABLE TRANSIENT",
            "WEBHOOK_MALFORMED PERMANENT", "WEBHOOK_REJECTED PERMANENT", "WEBHOOK_ERROR TRANSIENT",
            "ENQUEUE_FAILED TRANSIENT",
            "QUEUE_SEND_FAILED TRANSIENT", "DLQ_UNAVAILABLE TRANSIENT", "SECRET_NOT_FOUND PERMANENT",
            "SECRET_MALFORMED PERMANENT", "SECRET_UNAVAILABLE TRANSIENT", "CONFIG_INVALID PERMANENT",
            "LEDGER_CONFLICT TRANSIENT", "MALFORMED_MESSAGE PERMANENT", "CLAIM_IN_PROGRESS TRANSIENT",
            "UNEXPECTED_ERROR TRANSIENT", "INTERRUPTED TRANSIENT", "POLL_FAILED TRANSIENT", "SWEEP_FAILED TRANSIENT",
            "ALREADY_SHIPPED OUTCOME", "ADOPTED_EXISTING OUTCOME", "NONE_AT_UPS OUTCOME", "NO_LABEL OUTCOME",
            "ADDRESS_VALIDATION_NOT_AVAILABLE OUTCOME", "DUPLICATE_EVENT OUTCOME", "STALE_EVENT OUTCOME",
            "NOTHING_TO_WRITE OUTCOME", "UNKNOWN_TRACKING_NUMBER OUTCOME", "RETRY_AFTER OUTCOME",
            "CHECKPOINT_CONFLICT OUTCOME", "POLL_IN_PROGRESS OUTCOME", "SWEEP_FOUND OUTCOME");

    /** Codes added since, each with its kind: issue 12 (what UPS really accepts), issue 13 (the preflight). */
    private static final Map<String, Reason.Kind> CODES_ADDED_SINCE = table(
            "INVALID_COUNTRY_CODE NEEDS_FIX", "MISSING_STATE_PROVINCE NEEDS_FIX", "RECOVERY_INCONCLUSIVE PERMANENT",
            "FREIGHT_NOT_PARCEL NEEDS_FIX", "TOO_MANY_PACKAGES NEEDS_FIX", "ADDRESS_NOT_VALIDATED OUTCOME",
            "ADDRESS_VALIDATION_OFF OUTCOME", "PREFLIGHT_FAILED PERMANENT",
            // issue 17: the invocation's time budget is spent
            "DEADLINE TRANSIENT", "WEBHOOK_METHOD_NOT_ALLOWED PERMANENT",
            // issue 16: customs data an international shipment needs
            "MISSING_HTS_CODE NEEDS_FIX", "MISSING_ORIGIN_COUNTRY NEEDS_FIX", "EEI_REQUIRED NEEDS_FIX",
            // issue 20: services UPS offers on each lane, Best Way
            "SERVICE_NOT_ON_LANE NEEDS_FIX", "NO_SERVICE_WITHIN_TRANSIT NEEDS_FIX",
            // issue 20: Best Way limited by the release's NeedByDate
            "NO_NEED_BY_DATE NEEDS_FIX", "NEED_BY_DATE_PASSED NEEDS_FIX",
            // issue 18: pack mode
            "PACK_NOT_READY OUTCOME", "LABEL_VOIDED OUTCOME",
            "CARTON_ORDER_UNCONFIRMED OUTCOME");

    /** ShipmentCreation.NO_LONGER_WANTED before the enum: re-check reasons that end in a skip, not the DLQ. */
    private static final Set<String> NO_LONGER_WANTED_BEFORE = Set.of("RELEASE_GONE", "RELEASE_CLOSED",
            "RELEASE_VOID", "RELEASE_CANCELLED", "ORDER_CLOSED", "ORDER_CANCELLED", "ORDER_VOID", "LINE_CLOSED",
            "LINE_VOID", "ALREADY_SHIPPED_IN_EPICOR", "NOT_ELIGIBLE", "DROP_SHIP", "SERVICE_ITEM", "ZERO_QUANTITY",
            "NOT_UPS_SHIP_VIA");

    /** ShipmentCreation.REFUSED_UNPROCESSED before the enum: create failures that prove no shipment was made. */
    private static final Set<String> REFUSED_UNPROCESSED_BEFORE = Set.of("UPS_RATE_LIMITED", "UPS_TOKEN_THROTTLED",
            "UPS_TOKEN_UNAVAILABLE", "UPS_TOKEN_WAIT_TIMEOUT", "UPS_TOKEN_BAD_RESPONSE");

    @Test
    void everyCodeUsersSawBeforeTheEnumIsStillGivenByteForByte() {
        allCodes().forEach((code, kind) -> assertThat(Reason.ofCode(code)).as(code).hasValueSatisfying(
                r -> {
                    assertThat(r.code()).isEqualTo(code);
                    assertThat(r.toString()).as("concatenated into texts as its code").isEqualTo(code);
                    assertThat(r.kind()).as(code).isEqualTo(kind);
                }));
    }

    @Test
    void noReasonWasAddedOrRenamedWithoutItsRowInTheTable() {
        assertThat(Arrays.stream(Reason.values()).map(Reason::code))
                .containsExactlyInAnyOrderElementsOf(allCodes().keySet());
    }

    @Test
    void aFailedPreflightIsPermanentUntilSomeoneFixesTheTenant() {
        assertThat(Reason.PREFLIGHT_FAILED.failureKind()).as("retrying is useless until a person fixes it")
                .isEqualTo(FailureKind.PERMANENT);
    }

    @Test
    void onlyTransientReasonsAreRetriedTheRestArePermanentFailures() {
        for (Reason r : Reason.values()) {
            assertThat(r.failureKind()).as(r.code()).isEqualTo(r.kind() == Reason.Kind.TRANSIENT
                    ? FailureKind.TRANSIENT : FailureKind.PERMANENT);
        }
    }

    @Test
    void theReleasesNobodyWantsAreExactlyTheSkipsOfBefore() {
        assertThat(codesWhere(Reason::noLongerWanted)).isEqualTo(NO_LONGER_WANTED_BEFORE);
    }

    @Test
    void dataThatNeedsAFixIsNotTakenForAReleaseNobodyWants() {
        for (String code : Set.of("NO_PART", "NO_WEIGHT", "SHIP_TO_INACTIVE", "NO_SHIP_TO_ADDRESS")) {
            Reason r = Reason.ofCode(code).orElseThrow();
            assertThat(r.needsDataFix()).as(code).isTrue();
            assertThat(r.noLongerWanted()).as(code).isFalse();
        }
    }

    /** Added since: DEADLINE is raised instead of sending a call, never after one was sent (issue 17). */
    private static final Set<String> REFUSED_UNPROCESSED_ADDED_SINCE = Set.of("DEADLINE");

    @Test
    void theRefusalsThatProveNoShipmentWasMadeAreExactlyThoseOfBefore() {
        Set<String> expected = new java.util.HashSet<>(REFUSED_UNPROCESSED_BEFORE);
        expected.addAll(REFUSED_UNPROCESSED_ADDED_SINCE);
        assertThat(codesWhere(Reason::refusedUnprocessed)).isEqualTo(expected);
        assertThat(codesWhere(Reason::refusedUnprocessed)).allSatisfy(
                code -> assertThat(Reason.ofCode(code).orElseThrow().kind()).isEqualTo(Reason.Kind.TRANSIENT));
    }

    @Test
    void aCodeFromOutsideIsNotAReason() {
        assertThat(Reason.ofCode("120100")).as("a UPS error code is data").isEmpty();
        assertThat(Reason.ofCode("Ice.Common.BusinessObjectException")).isEmpty();
        assertThat(Reason.ofCode(null)).isEmpty();
    }

    private static Map<String, Reason.Kind> allCodes() {
        Map<String, Reason.Kind> all = new LinkedHashMap<>(CODES_BEFORE_THE_ENUM);
        CODES_ADDED_SINCE.forEach((code, kind) -> assertThat(all.put(code, kind)).as("row " + code + " once").isNull());
        return all;
    }

    private static Set<String> codesWhere(java.util.function.Predicate<Reason> test) {
        return Arrays.stream(Reason.values()).filter(test).map(Reason::code).collect(Collectors.toSet());
    }

    private static Map<String, Reason.Kind> table(String... rows) {
        Map<String, Reason.Kind> table = new LinkedHashMap<>();
        for (String row : rows) {
            String[] cells = row.split(" ");
            assertThat(table.put(cells[0], Reason.Kind.valueOf(cells[1]))).as("row " + cells[0] + " once").isNull();
        }
        return table;
    }
}

package com.epicorups.pipeline;

import static com.epicorups.pipeline.TestDoubles.KEY;
import static com.epicorups.pipeline.TestDoubles.permanent;
import static com.epicorups.pipeline.TestDoubles.release;
import static com.epicorups.pipeline.TestDoubles.requestBody;
import static com.epicorups.pipeline.TestDoubles.transientError;
import static com.epicorups.pipeline.TestDoubles.usAddress;
import static org.assertj.core.api.Assertions.assertThat;

import com.epicorups.core.ConnectorException;
import com.epicorups.core.Reason;
import com.epicorups.model.Address;
import com.epicorups.model.ShippableRelease;
import com.epicorups.model.TrackingSource;
import com.epicorups.model.TrackingStatus;
import com.epicorups.model.TrackingUpdate;
import com.epicorups.pipeline.MessageResult.Disposition;
import com.epicorups.port.ReleaseRecheck;
import com.epicorups.store.AuditEntry;
import com.epicorups.store.AuditOperation;
import com.epicorups.store.AuditOutcome;
import com.epicorups.store.ClaimResult;
import com.epicorups.store.LedgerState;
import com.epicorups.store.ShipmentRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ShipmentCreationTest extends ShipmentCreationFixture {
    private ShipmentCreation creation;
    private ShippableRelease enqueued;

    @BeforeEach
    void setUp() {
        creation = creationBuilder().build();
        enqueued = release(KEY, 100, usAddress("1 Peachtree St"));
        epicor.current.put(KEY, ReleaseRecheck.shippable(enqueued));
    }

    private MessageResult deliver(String body) {
        return creation.handle(new InboundMessage("m-" + owners.get(), body, "rh", 1, "ShipmentRequestsQueue"));
    }

    private MessageResult deliver() {
        return deliver(requestBody(enqueued));
    }

    private ShipmentRecord record() {
        return memoryLedger.get(KEY).orElseThrow();
    }

    private List<AuditEntry> audits(AuditOperation op) {
        return audit.forSubject(KEY.asString()).stream().filter(e -> e.operation() == op).toList();
    }

    @Test
    void happyPathCreatesOneShipmentStoresTheLabelRecordsTheLedgerAndSendsTheTrackingUpdate() {
        MessageResult result = deliver();

        assertThat(result.disposition()).isEqualTo(Disposition.DONE);
        assertThat(ups.creates).hasValue(1);
        ShippableRelease shipped = ups.created.get(0);
        assertThat(shipped.shipTo().lines()).containsExactly("1 PEACHTREE ST");
        assertThat(shipped.shipTo().postalCode()).isEqualTo("30303-1234");
        assertThat(shipped.shipTo().residential()).isTrue();

        ShipmentRecord record = record();
        assertThat(record.state()).isEqualTo(LedgerState.SHIPPED);
        assertThat(record.shipmentId()).isEqualTo("1ZSHIP1");
        assertThat(record.trackingNumbers()).containsExactly("1Z999AA10123456781");
        assertThat(record.labelLocation()).isEqualTo("mem://labels/EPIC06#5001#1#1/1Z999AA10123456781.gif");
        assertThat(labels.stored).containsKey(record.labelLocation());

        TrackingUpdate update = trackingUpdates.bodiesAs(TrackingUpdate.class).get(0);
        assertThat(trackingUpdates.sent).hasSize(1);
        assertThat(update.eventId()).isEqualTo("created#1ZSHIP1#EPIC06#5001#1#1");
        assertThat(update.source()).isEqualTo(TrackingSource.SHIPMENT_CREATOR);
        assertThat(update.status()).isEqualTo(TrackingStatus.LABEL_CREATED);
        assertThat(update.releaseKey()).isEqualTo(KEY);
        assertThat(update.trackingNumbers()).containsExactly("1Z999AA10123456781");
        assertThat(update.labelLocation()).isEqualTo(record.labelLocation());
        assertThat(update.eventTime()).isEqualTo(record.lastEventTime());

        assertThat(audits(AuditOperation.ADDRESS_VALIDATION)).singleElement()
                .satisfies(e -> assertThat(e.outcome()).isEqualTo(AuditOutcome.SUCCESS));
        AuditEntry create = audits(AuditOperation.SHIPMENT_CREATE).get(0);
        assertThat(create.outcome()).isEqualTo(AuditOutcome.SUCCESS);
        assertThat(create.details()).containsEntry("shipmentId", "1ZSHIP1")
                .containsEntry("trackingNumbers", "1Z999AA10123456781")
                .containsEntry("charge.TotalCharges", "12.34 USD")
                .containsEntry("auditNotes", "AddressLine 3 dropped")
                .containsKey("request");
        assertThat(audits(AuditOperation.LABEL_STORE)).singleElement()
                .satisfies(e -> assertThat(e.outcome()).isEqualTo(AuditOutcome.SUCCESS));
        assertThat(ups.lookups).as("a first attempt does not reconcile").hasValue(0);
        assertThat(dlq.sent).isEmpty();
    }

    @Test
    void duplicateDeliveryOfTheSameMessageCreatesOnceAndResendsTheUpdateUntilWritten() {
        assertThat(deliver().disposition()).isEqualTo(Disposition.DONE);
        MessageResult second = deliver();

        assertThat(second.disposition()).isEqualTo(Disposition.SKIPPED);
        assertThat(second.reasonCode()).isEqualTo("ALREADY_SHIPPED");
        assertThat(ups.creates).hasValue(1);
        assertThat(trackingUpdates.bodiesAs(TrackingUpdate.class)).hasSize(2)
                .extracting(TrackingUpdate::eventId).containsOnly("created#1ZSHIP1#EPIC06#5001#1#1");

        memoryLedger.markWritten(KEY, clock.instant());
        assertThat(deliver().disposition()).isEqualTo(Disposition.SKIPPED);
        assertThat(trackingUpdates.sent).as("Epicor already has it: nothing re-sent").hasSize(2);
        assertThat(ups.creates).hasValue(1);
    }

    @Test
    void twoCreatorsAtOnceOnTheSameReleaseMakeOneShipment() throws Exception {
        ups.createLatency = Duration.ofMillis(100);
        int creators = 6;
        ExecutorService pool = Executors.newFixedThreadPool(creators);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<MessageResult>> results = new ArrayList<>();
        String body = requestBody(enqueued);
        for (int i = 0; i < creators; i++) {
            results.add(pool.submit(() -> {
                start.await();
                return deliver(body);
            }));
        }
        start.countDown();
        List<Disposition> dispositions = new ArrayList<>();
        for (Future<MessageResult> f : results) {
            dispositions.add(f.get(120, TimeUnit.SECONDS).disposition());
        }
        pool.shutdown();

        assertThat(ups.creates).hasValue(1);
        assertThat(dispositions).containsOnlyOnce(Disposition.DONE);
        assertThat(dispositions).filteredOn(d -> d != Disposition.DONE)
                .allMatch(d -> d == Disposition.RETRY || d == Disposition.SKIPPED);
        assertThat(record().state()).isEqualTo(LedgerState.SHIPPED);
    }

    @Test
    void aLabelRecoveryAnswerThatCannotSayNothingWasShippedLeavesTheReleaseNeedingAttentionAndNeverShipsIt() {
        // A previous creator claimed and vanished: UPS's answer to it is unknown.
        memoryLedger.claim(KEY, "crashed-owner", clock.instant(), Duration.ofMinutes(10));
        clock.advance(Duration.ofMinutes(11));
        ups.failLookup = new ConnectorException(com.epicorups.core.Reason.RECOVERY_INCONCLUSIVE,
                "Label Recovery by reference " + KEY.reference() + ": UPS answered HTTP 400 [120541 ...]");

        MessageResult result = deliver();

        assertThat(result.disposition()).isEqualTo(Disposition.DEAD_LETTERED);
        assertThat(result.reasonCode()).isEqualTo("RECOVERY_INCONCLUSIVE");
        assertThat(ups.creates).as("never shipped on a guess").hasValue(0);
        assertThat(record().state()).isEqualTo(LedgerState.NEEDS_ATTENTION);
        assertThat(record().reasonCode()).isEqualTo("RECOVERY_INCONCLUSIVE");
        assertThat(dlq.sent).singleElement().satisfies(s -> assertThat(s.attributes().get("reasonMessage"))
                .contains("120541"));
        assertThat(audits(AuditOperation.LABEL_RECOVERY)).singleElement().satisfies(e -> {
            assertThat(e.outcome()).isEqualTo(AuditOutcome.FAILED);
            assertThat(e.replayMessage()).isNotNull();
        });

        // A replay asks UPS again first, however long after: the release stays out of a second shipment.
        ups.failLookup = new ConnectorException(com.epicorups.core.Reason.RECOVERY_INCONCLUSIVE, "still unread");
        assertThat(deliverReceive(dlq.sent.get(0).body(), 1).reasonCode()).isEqualTo("RECOVERY_INCONCLUSIVE");
        assertThat(ups.lookups).hasValue(2);
        assertThat(ups.creates).hasValue(0);
        // Once UPS's answer says nothing was shipped there (its code configured), the replay ships it once.
        ups.failLookup = null;
        assertThat(deliverReceive(dlq.sent.get(0).body(), 1).disposition()).isEqualTo(Disposition.DONE);
        assertThat(ups.lookups).hasValue(3);
        assertThat(ups.creates).hasValue(1);
    }

    @Test
    void aClaimWhoseLeaseExpiredIsReconciledAndTheUpsShipmentAdoptedWithoutCreating() {
        // A previous creator claimed, UPS made the shipment, and the creator vanished.
        ClaimResult crashed = memoryLedger.claim(KEY, "crashed-owner", clock.instant(), Duration.ofMinutes(10));
        assertThat(crashed.status()).isEqualTo(ClaimResult.Status.CLAIMED);
        ups.create(List.of(enqueued));
        ups.creates.set(0);

        assertThat(deliver().disposition()).isEqualTo(Disposition.RETRY);
        assertThat(audits(AuditOperation.SHIPMENT_CREATE).get(0).reasonCode()).isEqualTo("CLAIM_IN_PROGRESS");

        clock.advance(Duration.ofMinutes(11));
        MessageResult result = deliver();

        assertThat(result.disposition()).isEqualTo(Disposition.DONE);
        assertThat(ups.creates).as("never a second shipment").hasValue(0);
        assertThat(ups.lookups).hasValue(1);
        assertThat(record().state()).isEqualTo(LedgerState.SHIPPED);
        assertThat(record().shipmentId()).isEqualTo("1ZSHIP1");
        assertThat(labels.stored).hasSize(1);
        assertThat(trackingUpdates.bodiesAs(TrackingUpdate.class)).singleElement()
                .satisfies(u -> assertThat(u.shipmentId()).isEqualTo("1ZSHIP1"));
        assertThat(audits(AuditOperation.LABEL_RECOVERY)).singleElement()
                .satisfies(e -> assertThat(e.reasonCode()).isEqualTo("ADOPTED_EXISTING"));
        assertThat(epicor.rechecks).as("adoption does not need Epicor").hasValue(0);
    }

    @Test
    void aCrashAfterUpsCreatedButBeforeTheLedgerRecordedNeverLeadsToASecondShipment() {
        ledger.markShippedFailures.set(1);

        MessageResult first = deliver();
        assertThat(first.disposition()).isEqualTo(Disposition.RETRY);
        assertThat(first.retryAfter()).as("hide it until the lease ends").isEqualTo(Duration.ofMinutes(10));
        assertThat(record().state()).isEqualTo(LedgerState.CLAIMED);
        assertThat(record().leaseUntil()).as("claim kept, not released").isAfter(clock.instant());
        assertThat(audit.forSubject(KEY.asString())).filteredOn(e -> e.outcome() == AuditOutcome.RETRYING)
                .singleElement().satisfies(e -> assertThat(e.details()).containsEntry("claimKept", "true"));

        clock.advance(Duration.ofMinutes(4));
        MessageResult second = deliver();
        assertThat(second.disposition()).as("redelivered within the lease").isEqualTo(Disposition.RETRY);
        assertThat(second.retryAfter()).isEqualTo(Duration.ofMinutes(6));

        clock.advance(Duration.ofMinutes(6).plusSeconds(1));
        MessageResult third = deliver();

        assertThat(third.disposition()).isEqualTo(Disposition.DONE);
        assertThat(ups.creates).hasValue(1);
        assertThat(record().state()).isEqualTo(LedgerState.SHIPPED);
        assertThat(record().shipmentId()).isEqualTo("1ZSHIP1");
        assertThat(trackingUpdates.sent).hasSize(1);
    }

    @Test
    void aThrottledCreateReleasesTheClaimSoTheRetryDoesNotWaitForTheLease() {
        ups.failBeforeCreate = transientError("UPS_RATE_LIMITED");

        MessageResult throttled = deliver();
        assertThat(throttled.disposition()).isEqualTo(Disposition.RETRY);
        assertThat(throttled.retryAfter()).as("no lease to sit out").isNull();
        assertThat(record().leaseUntil()).as("claim released at once").isBeforeOrEqualTo(clock.instant());

        assertThat(deliver().disposition()).isEqualTo(Disposition.DONE);
        assertThat(ups.created).hasSize(1);
        assertThat(record().state()).isEqualTo(LedgerState.SHIPPED);
    }

    /**
     * No UPS token means the ship POST was never sent (or UPS refused it with a 401 unprocessed): like a 429, the
     * claim is released and the retry backs off as usual instead of sitting out the lease and reconciling.
     */
    @ParameterizedTest
    @ValueSource(strings = {"UPS_TOKEN_THROTTLED", "UPS_TOKEN_UNAVAILABLE", "UPS_TOKEN_WAIT_TIMEOUT",
            "UPS_TOKEN_BAD_RESPONSE"})
    void noUpsTokenForTheCreateReleasesTheClaimAndSaysNothingWasShipped(String code) {
        ups.failBeforeCreate = transientError(code);

        MessageResult failed = deliver();
        assertThat(failed.disposition()).isEqualTo(Disposition.RETRY);
        assertThat(failed.reasonCode()).isEqualTo(code);
        assertThat(failed.retryAfter()).as("no lease to sit out").isNull();
        assertThat(record().leaseUntil()).as("claim released at once").isBeforeOrEqualTo(clock.instant());
        assertThat(audits(AuditOperation.SHIPMENT_CREATE)).singleElement().satisfies(e -> {
            assertThat(e.outcome()).isEqualTo(AuditOutcome.RETRYING);
            assertThat(e.reasonCode()).isEqualTo(code);
            assertThat(e.message()).doesNotContain("may hold a shipment");
        });

        assertThat(deliver().disposition()).isEqualTo(Disposition.DONE);
        assertThat(ups.created).hasSize(1);
    }

    @Test
    void aTimeoutFromCreateKeepsTheClaimAndTheNextAttemptAdoptsWhatUpsMade() {
        ups.failAfterCreate = transientError("UPS_TIMEOUT");

        assertThat(deliver().disposition()).isEqualTo(Disposition.RETRY);
        assertThat(record().state()).isEqualTo(LedgerState.CLAIMED);
        assertThat(record().leaseUntil()).isAfter(clock.instant());
        assertThat(dlq.sent).isEmpty();

        clock.advance(Duration.ofMinutes(11));
        assertThat(deliver().disposition()).isEqualTo(Disposition.DONE);
        assertThat(ups.creates).hasValue(1);
        assertThat(record().shipmentId()).isEqualTo("1ZSHIP1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ADDRESS_REJECTED", "ADDRESS_AMBIGUOUS"})
    void aRejectedAddressGoesToTheDlqWithItsReason(String code) {
        validation.rejects = a -> permanent(code);
        assertPermanentFailure(code, AuditOperation.ADDRESS_VALIDATION);
        assertThat(ups.creates).hasValue(0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"UNKNOWN_WAREHOUSE", "UPS_BUSINESS_ERROR", "FIELD_TOO_LONG"})
    void aPermanentUpsRefusalGoesToTheDlqWithItsReason(String code) {
        ups.failBeforeCreate = permanent(code);
        assertPermanentFailure(code, AuditOperation.SHIPMENT_CREATE);
        assertThat(ups.byReference).isEmpty();
    }

    @Test
    void aReleaseWithoutWeightInEpicorGoesToTheDlq() {
        epicor.current.put(KEY, ReleaseRecheck.notShippable(Reason.NO_WEIGHT, "part WIDGET-1 has no weight"));
        assertPermanentFailure("NO_WEIGHT", AuditOperation.SHIPMENT_CREATE);
        assertThat(ups.creates).hasValue(0);
    }

    /**
     * The poller enqueues a release whose ship-to record is missing (NO_SHIP_TO_ADDRESS) without an address, so
     * that a redrive after the fix ships it: the creator must judge it by its re-read, not refuse the message.
     */
    @Test
    void aReleaseEnqueuedWithoutAShipToFailsWithItsReasonAndShipsOnRedriveOnceEpicorHasTheAddress() {
        enqueued = release(KEY, 100, null);
        epicor.current.put(KEY, ReleaseRecheck.notShippable(Reason.NO_SHIP_TO_ADDRESS,
                "ShipTo 'NOWHERE' of customer 100: no such address record"));
        assertPermanentFailure("NO_SHIP_TO_ADDRESS", AuditOperation.SHIPMENT_CREATE);

        epicor.current.put(KEY, ReleaseRecheck.shippable(release(KEY, 100, usAddress("1 Peachtree St"))));
        MessageResult redriven = deliver(requestBody(enqueued));

        assertThat(redriven.disposition()).isEqualTo(Disposition.DONE);
        assertThat(ups.created).as("the re-read address, as UPS validated it").singleElement()
                .satisfies(r -> assertThat(r.shipTo().lines()).containsExactly("1 PEACHTREE ST"));
        assertThat(record().state()).isEqualTo(LedgerState.SHIPPED);
    }

    /**
     * The poller enqueues a release whose part Epicor does not know (NO_PART) as it read it: the part number but
     * no weight. Its data needs a fix, it is still wanted: the re-read dead-letters it with the reason and
     * NEEDS_ATTENTION, and a redrive once the Part master has it (with a weight) ships it, once.
     */
    @ParameterizedTest
    @ValueSource(strings = {"NOT-IN-PART-MASTER", ""})
    void aReleaseWithAnUnknownPartGoesToTheDlqAndShipsOnRedriveOnceEpicorHasThePart(String partNum) {
        ShippableRelease asPolled = release(KEY, 100, usAddress("1 Peachtree St"));
        enqueued = new ShippableRelease(KEY, 100, asPolled.customerId(), asPolled.poNumber(),
                partNum.isEmpty() ? null : partNum, asPolled.partDescription(), asPolled.quantity(),
                asPolled.quantityUom(), null, asPolled.weightUnit(), asPolled.value(), asPolled.currencyCode(),
                asPolled.warehouse(), asPolled.plant(), asPolled.shipViaCode(), asPolled.shipTo());
        epicor.current.put(KEY, ReleaseRecheck.notShippable(Reason.NO_PART, partNum.isEmpty()
                ? "the release has no PartNum" : "part '" + partNum + "' is not in the Part master"));
        assertPermanentFailure("NO_PART", AuditOperation.SHIPMENT_CREATE);
        assertThat(ups.creates).hasValue(0);

        epicor.current.put(KEY, ReleaseRecheck.shippable(release(KEY, 101, usAddress("1 Peachtree St"))));
        MessageResult redriven = deliver(requestBody(enqueued));
        MessageResult replayed = deliver(requestBody(enqueued));

        assertThat(redriven.disposition()).isEqualTo(Disposition.DONE);
        assertThat(replayed.disposition()).as("shipped once").isEqualTo(Disposition.SKIPPED);
        assertThat(ups.created).as("the re-read part and weight").singleElement().satisfies(r -> {
            assertThat(r.partNum()).isEqualTo("WIDGET-1");
            assertThat(r.weight()).isEqualByComparingTo("12.5");
        });
        assertThat(record().state()).isEqualTo(LedgerState.SHIPPED);
    }

    /** An inactive ship-to is a fix to make (reactivate it, or point the release elsewhere), not a skip. */
    @Test
    void aReleaseWhoseShipToIsInactiveGoesToTheDlqAndShipsOnRedriveOnceItIsActive() {
        epicor.current.put(KEY, ReleaseRecheck.notShippable(Reason.SHIP_TO_INACTIVE,
                "ShipTo 100/'OLD' is inactive (ShipTo.Inactive)"));
        assertPermanentFailure("SHIP_TO_INACTIVE", AuditOperation.SHIPMENT_CREATE);
        assertThat(ups.creates).hasValue(0);

        epicor.current.put(KEY, ReleaseRecheck.shippable(release(KEY, 100, usAddress("1 Peachtree St"))));
        assertThat(deliver(requestBody(enqueued)).disposition()).isEqualTo(Disposition.DONE);
        assertThat(deliver(requestBody(enqueued)).disposition()).isEqualTo(Disposition.SKIPPED);

        assertThat(ups.creates).hasValue(1);
        assertThat(record().state()).isEqualTo(LedgerState.SHIPPED);
    }

    @Test
    void dataThatNeedsAFixIsNotTakenForAReleaseNobodyWants() {
        assertThat(java.util.Arrays.stream(Reason.values()).filter(Reason::noLongerWanted).map(Reason::code))
                .doesNotContain("NO_PART", "NO_WEIGHT", "SHIP_TO_INACTIVE", "NO_SHIP_TO_ADDRESS");
    }

    @Test
    void aReleaseEpicorNoLongerHasGoesToTheDlq() {
        epicor.failNext = permanent("RELEASE_GONE");
        assertPermanentFailure("RELEASE_GONE", AuditOperation.SHIPMENT_CREATE);
    }

    private void assertPermanentFailure(String code, AuditOperation operation) {
        String body = requestBody(enqueued);
        MessageResult result = deliver(body);

        assertThat(result.disposition()).isEqualTo(Disposition.DEAD_LETTERED);
        assertThat(result.reasonCode()).isEqualTo(code);
        assertThat(dlq.sent).singleElement().satisfies(s -> {
            assertThat(s.body()).isEqualTo(body);
            assertThat(s.attributes()).containsEntry("reasonCode", code)
                    .containsEntry("sourceQueue", "ShipmentRequestsQueue")
                    .containsEntry("failedAt", clock.instant().toString())
                    .containsKey("reasonMessage");
            assertThat(s.attributes().get("reasonMessage")).isNotBlank();
        });
        assertThat(record().state()).isEqualTo(LedgerState.NEEDS_ATTENTION);
        assertThat(record().reasonCode()).isEqualTo(code);
        AuditEntry failed = audit.forSubject(KEY.asString()).stream()
                .filter(e -> e.outcome() == AuditOutcome.FAILED).findFirst().orElseThrow();
        assertThat(failed.operation()).isEqualTo(operation);
        assertThat(failed.reasonCode()).isEqualTo(code);
        assertThat(failed.replayMessage()).isEqualTo(body);
        assertThat(failed.details()).containsEntry("replayQueue", "shipment-requests");
        assertThat(trackingUpdates.sent).isEmpty();
    }

    @Test
    void aMalformedMessageGoesToTheDlqAsMalformed() {
        MessageResult result = deliver("{\"schemaVersion\":1,\"release\":{\"key\":{\"company\":\"\"}}}");

        assertThat(result.disposition()).isEqualTo(Disposition.DEAD_LETTERED);
        assertThat(dlq.sent).singleElement()
                .satisfies(s -> assertThat(s.attributes()).containsEntry("reasonCode", "MALFORMED_MESSAGE"));
        assertThat(audit.all()).singleElement().satisfies(e -> {
            assertThat(e.outcome()).isEqualTo(AuditOutcome.FAILED);
            assertThat(e.reasonCode()).isEqualTo("MALFORMED_MESSAGE");
        });
        assertThat(deliver("not json").disposition()).isEqualTo(Disposition.DEAD_LETTERED);
        assertThat(ups.creates).hasValue(0);
    }

    @Test
    void aTransientFailureBeforeCreateReleasesTheClaimAndTheRetryShipsWithoutALookUp() {
        validation.rejects = a -> transientError("UPS_RATE_LIMITED");

        MessageResult result = deliver();
        assertThat(result.disposition()).isEqualTo(Disposition.RETRY);
        assertThat(result.reasonCode()).isEqualTo("UPS_RATE_LIMITED");
        assertThat(dlq.sent).isEmpty();
        assertThat(audits(AuditOperation.ADDRESS_VALIDATION)).singleElement()
                .satisfies(e -> assertThat(e.outcome()).isEqualTo(AuditOutcome.RETRYING));
        assertThat(record().leaseUntil()).as("claim released at once").isBeforeOrEqualTo(clock.instant());

        validation.rejects = a -> null;
        assertThat(deliver().disposition()).as("retried without waiting for the lease").isEqualTo(Disposition.DONE);
        // The claim was given back before UPS was called: nothing to look up (Label Recovery could not say
        // "nothing" unless UPS's code for it is configured, decision 20).
        assertThat(ups.lookups).as("no look-up after a claim given back").hasValue(0);
        assertThat(ups.creates).hasValue(1);
    }

    @Test
    void anUnexpectedExceptionIsTreatedAsTransient() {
        epicor.failNext = new NullPointerException("bug");

        MessageResult result = deliver();

        assertThat(result.disposition()).isEqualTo(Disposition.RETRY);
        assertThat(result.reasonCode()).isEqualTo("UNEXPECTED_ERROR");
        assertThat(record().leaseUntil()).isBeforeOrEqualTo(clock.instant());
        assertThat(dlq.sent).isEmpty();
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"NOT_ELIGIBLE", "NOT_UPS_SHIP_VIA", "LINE_VOID",
            "ORDER_VOID", "DROP_SHIP"})
    void aReleaseEpicorNoLongerWantsShippedByUsIsSkippedNotDeadLettered(String reason) {
        epicor.current.put(KEY, ReleaseRecheck.notShippable(Reason.ofCode(reason).orElseThrow(),
                "changed in Epicor after the poll"));

        MessageResult result = deliver();

        assertThat(result.disposition()).isEqualTo(Disposition.SKIPPED);
        assertThat(result.reasonCode()).isEqualTo(reason);
        assertThat(ups.creates).hasValue(0);
        assertThat(dlq.sent).isEmpty();
    }

    @Test
    void aReleaseCancelledInEpicorBeforeShippingIsSkipped() {
        epicor.current.put(KEY, ReleaseRecheck.notShippable(Reason.RELEASE_CLOSED, "OpenRelease is false"));

        MessageResult result = deliver();

        assertThat(result.disposition()).isEqualTo(Disposition.SKIPPED);
        assertThat(result.reasonCode()).isEqualTo("RELEASE_CLOSED");
        assertThat(ups.creates).hasValue(0);
        assertThat(dlq.sent).isEmpty();
        assertThat(record().state()).isEqualTo(LedgerState.NEEDS_ATTENTION);
        assertThat(record().reasonCode()).isEqualTo("RELEASE_CLOSED");
        assertThat(audits(AuditOperation.RELEASE_SKIPPED)).singleElement().satisfies(e -> {
            assertThat(e.outcome()).isEqualTo(AuditOutcome.SKIPPED);
            assertThat(e.message()).isEqualTo("OpenRelease is false");
        });

        // Reopened in Epicor and replayed: re-checked and shipped.
        epicor.current.put(KEY, ReleaseRecheck.shippable(enqueued));
        assertThat(deliver().disposition()).isEqualTo(Disposition.DONE);
        assertThat(ups.creates).hasValue(1);
    }

    @Test
    void aChangedReleaseShipsWithTheFreshData() {
        Address moved = usAddress("200 Spring St");
        epicor.current.put(KEY, ReleaseRecheck.shippable(release(KEY, 101, moved)));

        assertThat(deliver().disposition()).isEqualTo(Disposition.DONE);

        assertThat(validation.seen).singleElement().isEqualTo(moved);
        assertThat(ups.created.get(0).shipTo().lines()).containsExactly("200 SPRING ST");
        assertThat(audits(AuditOperation.SHIPMENT_CREATE).get(0).details())
                .containsEntry("changedSinceEnqueued", "true");
    }

    @Test
    void aReplayAfterAnAddressFixUsesTheFixedAddress() {
        validation.rejects = a -> a.lines().get(0).startsWith("1 ") ? permanent("ADDRESS_REJECTED") : null;
        String body = requestBody(enqueued);
        assertThat(deliver(body).disposition()).isEqualTo(Disposition.DEAD_LETTERED);

        epicor.current.put(KEY, ReleaseRecheck.shippable(release(KEY, 102, usAddress("10 Peachtree St"))));
        MessageResult replay = deliver(dlq.sent.get(0).body());

        assertThat(replay.disposition()).isEqualTo(Disposition.DONE);
        assertThat(ups.created).singleElement()
                .satisfies(r -> assertThat(r.shipTo().lines()).containsExactly("10 PEACHTREE ST"));
    }

    @Test
    void outsideUsAndPuertoRicoTheAddressIsSentAsIsAndTheSkipIsAudited() {
        Address toronto = new Address("Maple Ltd", null, List.of("1 King St W"), "Toronto", "ON", "M5H 1A1", "CA",
                null, null, null);
        epicor.current.put(KEY, ReleaseRecheck.shippable(release(KEY, 100, toronto)));

        assertThat(deliver().disposition()).isEqualTo(Disposition.DONE);

        assertThat(ups.created.get(0).shipTo()).isEqualTo(toronto);
        assertThat(audits(AuditOperation.ADDRESS_VALIDATION)).singleElement()
                .satisfies(e -> assertThat(e.outcome()).isEqualTo(AuditOutcome.SKIPPED));
    }

    @Test
    void whenTheDlqCannotBeReachedTheMessageStaysOnItsQueue() {
        validation.rejects = a -> permanent("ADDRESS_REJECTED");
        dlq.failures.set(1);

        assertThat(deliver().disposition()).isEqualTo(Disposition.RETRY);
        assertThat(deliver().disposition()).isEqualTo(Disposition.DEAD_LETTERED);
        assertThat(ups.creates).hasValue(0);
    }

    @Test
    void aFailedTrackingUpdateSendAfterShippingIsRecoveredByTheRedelivery() {
        trackingUpdates.failures.set(1);

        assertThat(deliver().disposition()).isEqualTo(Disposition.RETRY);
        assertThat(record().state()).isEqualTo(LedgerState.SHIPPED);

        assertThat(deliver().disposition()).isEqualTo(Disposition.SKIPPED);
        assertThat(trackingUpdates.bodiesAs(TrackingUpdate.class)).singleElement()
                .satisfies(u -> assertThat(u.eventId()).isEqualTo("created#1ZSHIP1#EPIC06#5001#1#1"));
        assertThat(ups.creates).hasValue(1);
    }

    @Test
    void aLabelStoreFailureKeepsTheClaimAndTheLabelIsRecoveredLater() {
        labels.failNext = transientError("UNEXPECTED_ERROR");

        assertThat(deliver().disposition()).isEqualTo(Disposition.RETRY);
        assertThat(record().state()).isEqualTo(LedgerState.CLAIMED);

        clock.advance(Duration.ofMinutes(11));
        assertThat(deliver().disposition()).isEqualTo(Disposition.DONE);
        assertThat(ups.creates).hasValue(1);
        assertThat(labels.stored).hasSize(1);
        assertThat(record().labelLocation()).isNotNull();
        assertThat(Map.copyOf(labels.stored)).containsKey(record().labelLocation());
    }

    /** Release {@code orderNum}/1/1 to {@code shipTo}, shippable in Epicor as enqueued; its queue message body. */
    private String shippableRequestBody(int orderNum, Address shipTo) {
        return requestBody(shippableInEpicor(new com.epicorups.model.ReleaseKey("EPIC06", orderNum, 1, 1), shipTo));
    }

    private static com.amazonaws.services.lambda.runtime.events.SQSEvent batchOf(List<String> bodies) {
        return sqsBatch(bodies, i -> "b" + i);
    }

    @Test
    void aBatchIsReReadFromEpicorOnceForTheReleasesItClaimed() {
        List<String> bodies = new ArrayList<>();
        List<com.epicorups.model.ReleaseKey> keys = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            bodies.add(shippableRequestBody(6000 + i, usAddress(i + " Peachtree St")));
            keys.add(new com.epicorups.model.ReleaseKey("EPIC06", 6000 + i, 1, 1));
        }
        assertThat(deliver().disposition()).isEqualTo(Disposition.DONE); // KEY is shipped already
        bodies.add(requestBody(enqueued));
        bodies.add("not json");
        int rechecksBefore = epicor.rechecks.get();

        var response = new SqsBatchProcessor(3).process(batchOf(bodies), creation);

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(epicor.batchedRechecks).as("one re-read for the batch, only of the releases it claimed")
                .containsExactly(keys);
        assertThat(epicor.rechecks.get()).as("no single re-read").isEqualTo(rechecksBefore);
        assertThat(ups.created).hasSize(5);
        assertThat(ups.lookups).as("first attempts do not look up UPS").hasValue(0);
        keys.forEach(k -> assertThat(memoryLedger.get(k)).hasValueSatisfying(
                r -> assertThat(r.state()).isEqualTo(LedgerState.SHIPPED)));
        assertThat(dlq.sent).hasSize(1);
    }

    @Test
    void theBatchedReReadIsGivenThePollsReferencesOnceEach() {
        var dock = new com.epicorups.model.ReleaseReferences("WIDGET-1", 100, "DOCK");
        var yard = new com.epicorups.model.ReleaseReferences("WIDGET-2", 100, "YARD");
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            var key = new com.epicorups.model.ReleaseKey("EPIC06", 6200 + i, 1, 1);
            ShippableRelease r = shippableInEpicor(key, usAddress(i + " Peachtree St"));
            bodies.add(requestBody(r, i == 2 ? yard : dock));
        }
        var old = new com.epicorups.model.ReleaseKey("EPIC06", 6210, 1, 1);
        ShippableRelease fromOldPoller = shippableInEpicor(old, usAddress("10 Peachtree St"));
        bodies.add(requestBody(fromOldPoller)); // a message from before references were added

        var response = new SqsBatchProcessor(2).process(batchOf(bodies), creation);

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(epicor.batchedReferences).containsExactly(List.of(dock, yard));
        assertThat(ups.created).hasSize(4);
    }

    @Test
    void whenTheBatchedReReadFailsEachMessageReReadsItsOwnRelease() {
        epicor.failNextBatch = transientError("EPICOR_UNAVAILABLE");
        var other = new com.epicorups.model.ReleaseKey("EPIC06", 6100, 1, 1);
        ShippableRelease r = shippableInEpicor(other, usAddress("9 Peachtree St"));

        var response = new SqsBatchProcessor(2).process(batchOf(List.of(requestBody(enqueued), requestBody(r))),
                creation);

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(epicor.batchedRechecks).hasSize(1);
        assertThat(epicor.rechecks).hasValue(2);
        assertThat(ups.created).hasSize(2);
    }

    @Test
    void aBatchedReReadThatFindsAReleaseCancelledSkipsItAndShipsTheRest() {
        var other = new com.epicorups.model.ReleaseKey("EPIC06", 6200, 1, 1);
        ShippableRelease r = release(other, 10, usAddress("9 Peachtree St"));
        epicor.current.put(other, ReleaseRecheck.notShippable(Reason.RELEASE_CLOSED, "closed in Epicor"));

        var response = new SqsBatchProcessor(2).process(batchOf(List.of(requestBody(enqueued), requestBody(r))),
                creation);

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(ups.created).extracting(ShippableRelease::key).containsExactly(KEY);
        assertThat(memoryLedger.get(other)).hasValueSatisfying(
                rec -> assertThat(rec.state()).isEqualTo(LedgerState.NEEDS_ATTENTION));
    }

    @Test
    void aBatchSendsItsTrackingUpdatesTogetherWhenTheBatchEnds() {
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            bodies.add(shippableRequestBody(6300 + i, usAddress(i + " Peachtree St")));
        }

        var response = new SqsBatchProcessor(3).process(batchOf(bodies), creation);

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(trackingUpdates.sendAllCalls).as("one bulk send for the batch, no single sends").hasValue(1);
        assertThat(trackingUpdates.bodiesAs(TrackingUpdate.class)).extracting(u -> u.releaseKey().asString())
                .containsExactlyInAnyOrder("EPIC06#6300#1#1", "EPIC06#6301#1#1", "EPIC06#6302#1#1");
    }

    @Test
    void whenTheBatchsUpdateSendFailsItsShippedMessagesComeBackAndResendWithoutShippingAgain() {
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            bodies.add(shippableRequestBody(6400 + i, usAddress(i + " Peachtree St")));
        }
        trackingUpdates.failures.set(1);

        var first = new SqsBatchProcessor(2).process(batchOf(bodies), creation);

        assertThat(first.getBatchItemFailures()).extracting(f -> f.getItemIdentifier())
                .as("both shipped, neither update sent: both redelivered").containsExactlyInAnyOrder("b0", "b1");
        assertThat(ups.created).hasSize(2);

        var second = new SqsBatchProcessor(2).process(batchOf(bodies), creation);

        assertThat(second.getBatchItemFailures()).isEmpty();
        assertThat(ups.creates).as("the redelivery never calls UPS").hasValue(2);
        assertThat(trackingUpdates.bodiesAs(TrackingUpdate.class)).extracting(u -> u.releaseKey().asString())
                .containsExactlyInAnyOrder("EPIC06#6400#1#1", "EPIC06#6401#1#1");
    }

    @Test
    void aBatchChecksEachShipToOnceWhileEpicorIsReReadAndAChangedShipToIsCheckedAgain() throws Exception {
        Address shared = usAddress("1 Shared St");
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            bodies.add(shippableRequestBody(6500 + i, shared));
        }
        var moved = new com.epicorups.model.ReleaseKey("EPIC06", 6502, 1, 1);
        bodies.add(requestBody(release(moved, 10, usAddress("2 Old St"))));
        epicor.current.put(moved, ReleaseRecheck.shippable(release(moved, 11, usAddress("3 New St"))));
        // The re-read waits until an address check has started: were the checks made after it, it would time out.
        java.util.concurrent.CountDownLatch checking = new java.util.concurrent.CountDownLatch(1);
        validation.rejects = a -> {
            checking.countDown();
            return null;
        };
        epicor.beforeBatch = () -> {
            try {
                if (!checking.await(30, java.util.concurrent.TimeUnit.SECONDS)) {
                    throw new IllegalStateException("no address check ran while Epicor was re-read");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };

        var response = new SqsBatchProcessor(3).process(batchOf(bodies), creation);

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(epicor.batchedRechecks).hasSize(1);
        assertThat(ups.created).hasSize(3);
        assertThat(validation.seen).as("the shared ship-to once, the old and the new address of the moved one")
                .containsExactlyInAnyOrder(shared, usAddress("2 Old St"), usAddress("3 New St"));
        assertThat(ups.created).filteredOn(r -> r.key().equals(moved)).singleElement()
                .satisfies(r -> assertThat(r.shipTo().lines()).containsExactly("3 NEW ST"));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void theSameMessageDeliveredTwiceInOneBatchShipsOnce(int concurrency) {
        // SQS delivers at least once, and the event source mapping's batching window gathers several receives
        // into one batch: the same message (same message id) can appear twice in it.
        String body = requestBody(enqueued);

        var response = new SqsBatchProcessor(concurrency).process(sqsBatch(List.of(body, body), i -> "dup"),
                creation);

        assertThat(ups.creates).as("one UPS shipment for one release").hasValue(1);
        assertThat(record().state()).isEqualTo(LedgerState.SHIPPED);
        assertThat(dlq.sent).isEmpty();
        assertThat(response.getBatchItemFailures()).as("at most a redelivery, which finds it shipped")
                .extracting(f -> f.getItemIdentifier()).allMatch("dup"::equals);
    }

    @Test
    void anAddressUpsRejectsInABatchIsDeadLetteredWithItsReasonAfterOneCheck() {
        String body = shippableRequestBody(6600, usAddress("0 Nowhere Rd"));
        validation.rejects = a -> permanent("ADDRESS_REJECTED");

        var response = new SqsBatchProcessor(2).process(batchOf(List.of(body)), creation);

        assertThat(response.getBatchItemFailures()).as("dead-lettered, not retried").isEmpty();
        assertThat(validation.seen).as("the early check's refusal is the answer: UPS is not asked twice").hasSize(1);
        assertThat(ups.creates).hasValue(0);
        assertThat(dlq.sent).singleElement().satisfies(m -> assertThat(m.attributes()).containsValue("ADDRESS_REJECTED"));
    }

    // ------------------------------------------------------------------ the last receive (maxReceiveCount)

    private static final int MAX_RECEIVES = 5;

    /** Delivers the body as SQS's {@code receive}-th receive of it on a queue whose maxReceiveCount is 5. */
    private MessageResult deliverReceive(String body, int receive) {
        return creation.handle(new InboundMessage("m-last", body, "rh", receive, "ShipmentRequestsQueue",
                MAX_RECEIVES));
    }

    @Test
    void aTransientFailureIsRetriedUntilTheLastReceiveWhereItIsDeadLetteredWithWhyAndAuditedFailedForReplay() {
        validation.rejects = a -> transientError("UPS_UNAVAILABLE");
        String body = requestBody(enqueued);

        for (int receive = 1; receive < MAX_RECEIVES; receive++) {
            MessageResult retried = deliverReceive(body, receive);
            assertThat(retried.disposition()).as("receive " + receive).isEqualTo(Disposition.RETRY);
            assertThat(record().leaseUntil()).as("claim released").isBeforeOrEqualTo(clock.instant());
        }
        assertThat(dlq.sent).isEmpty();
        assertThat(audit.forSubject(KEY.asString())).noneMatch(e -> e.outcome() == AuditOutcome.FAILED);

        MessageResult last = deliverReceive(body, MAX_RECEIVES);

        assertThat(last.disposition()).as("acknowledged: SQS deletes it").isEqualTo(Disposition.DEAD_LETTERED);
        assertThat(last.reasonCode()).isEqualTo("UPS_UNAVAILABLE");
        assertThat(dlq.sent).singleElement().satisfies(s -> {
            assertThat(s.body()).isEqualTo(body);
            assertThat(s.attributes()).containsEntry("reasonCode", "UPS_UNAVAILABLE")
                    .containsEntry("sourceQueue", "ShipmentRequestsQueue")
                    .containsEntry("failedAt", clock.instant().toString());
            assertThat(s.attributes().get("reasonMessage")).startsWith("UPS_UNAVAILABLE after 5 attempts: ")
                    .contains("UPS_UNAVAILABLE detail");
        });
        assertThat(record().state()).as("no shipment can exist: ends like a permanent failure")
                .isEqualTo(LedgerState.NEEDS_ATTENTION);
        assertThat(record().reasonCode()).isEqualTo("UPS_UNAVAILABLE");
        AuditEntry failed = audit.forSubject(KEY.asString()).stream()
                .filter(e -> e.outcome() == AuditOutcome.FAILED).collect(java.util.stream.Collectors.toList())
                .get(0);
        assertThat(failed.operation()).isEqualTo(AuditOperation.ADDRESS_VALIDATION);
        assertThat(failed.reasonCode()).isEqualTo("UPS_UNAVAILABLE");
        assertThat(failed.message()).startsWith("UPS_UNAVAILABLE after 5 attempts: ");
        assertThat(failed.replayMessage()).isEqualTo(body);
        assertThat(failed.details()).containsEntry("replayQueue", "shipment-requests")
                .containsEntry("receiveCount", "5");
        assertThat(ups.creates).hasValue(0);

        // The operator replays the FAILED entry once UPS is back: no attempt reached UPS, so it ships at once.
        TestDoubles.RecordingQueue requests = new TestDoubles.RecordingQueue();
        ReplaySummary replayed = new AuditReplay(audit, Map.of("shipment-requests", requests), clock)
                .replaySubject(KEY.asString(), false);
        assertThat(replayed.replayed()).isEqualTo(1);
        validation.rejects = a -> null;
        int lookupsBefore = ups.lookups.get();
        assertThat(deliverReceive(requests.sent.get(0).body(), 1).disposition()).isEqualTo(Disposition.DONE);
        assertThat(ups.lookups).as("no attempt reached UPS: no look-up").hasValue(lookupsBefore);
        assertThat(ups.creates).hasValue(1);
        assertThat(record().state()).isEqualTo(LedgerState.SHIPPED);
    }

    @Test
    void aTimeoutAfterCreateOnTheLastReceiveKeepsTheClaimAndTheReplayFromTheDlqAdoptsInsteadOfShippingTwice() {
        ups.failAfterCreate = transientError("UPS_TIMEOUT");
        String body = requestBody(enqueued);

        MessageResult last = deliverReceive(body, MAX_RECEIVES);

        assertThat(last.disposition()).isEqualTo(Disposition.DEAD_LETTERED);
        assertThat(ups.creates).hasValue(1);
        assertThat(dlq.sent).singleElement().satisfies(s -> {
            assertThat(s.attributes()).containsEntry("reasonCode", "UPS_TIMEOUT");
            assertThat(s.attributes().get("reasonMessage")).startsWith("UPS_TIMEOUT after 5 attempts: ")
                    .contains("reconciles by reference " + KEY.reference());
        });
        assertThat(record().state()).as("UPS may hold a shipment: the claim is kept, not NEEDS_ATTENTION")
                .isEqualTo(LedgerState.CLAIMED);
        assertThat(record().leaseUntil()).isAfter(clock.instant());
        assertThat(audit.forSubject(KEY.asString())).filteredOn(e -> e.outcome() == AuditOutcome.FAILED)
                .singleElement().satisfies(e -> {
                    assertThat(e.reasonCode()).isEqualTo("UPS_TIMEOUT");
                    assertThat(e.details()).containsEntry("claimKept", "true")
                            .containsEntry("replayQueue", "shipment-requests");
                    assertThat(e.message()).contains("reconciles by reference " + KEY.reference());
                    assertThat(e.replayMessage()).isEqualTo(body);
                });

        // Replayed from the DLQ at once: the kept claim hides it until the lease ends.
        String replay = dlq.sent.get(0).body();
        MessageResult early = deliverReceive(replay, 1);
        assertThat(early.disposition()).isEqualTo(Disposition.RETRY);
        assertThat(early.reasonCode()).isEqualTo("CLAIM_IN_PROGRESS");
        assertThat(early.retryAfter()).isEqualTo(Duration.ofMinutes(10));

        clock.advance(Duration.ofMinutes(10).plusSeconds(1));
        assertThat(deliverReceive(replay, 2).disposition()).isEqualTo(Disposition.DONE);
        assertThat(ups.lookups).as("Label Recovery found what the timed-out create made").hasValue(1);
        assertThat(ups.creates).as("never a second shipment").hasValue(1);
        assertThat(record().state()).isEqualTo(LedgerState.SHIPPED);
        assertThat(record().shipmentId()).isEqualTo("1ZSHIP1");
        assertThat(audits(AuditOperation.LABEL_RECOVERY)).singleElement()
                .satisfies(e -> assertThat(e.reasonCode()).isEqualTo("ADOPTED_EXISTING"));
    }

    @Test
    void whenTheDlqCannotBeReachedOnTheLastReceiveTheMessageStaysABatchItemFailureForSqsToRedrive() {
        validation.rejects = a -> transientError("UPS_UNAVAILABLE");
        dlq.failures.set(1);

        MessageResult last = deliverReceive(requestBody(enqueued), MAX_RECEIVES);

        assertThat(last.disposition()).isEqualTo(Disposition.RETRY);
        assertThat(last.reasonCode()).isEqualTo("UPS_UNAVAILABLE");
        assertThat(dlq.sent).isEmpty();
        assertThat(record().leaseUntil()).as("claim released as before").isBeforeOrEqualTo(clock.instant());
        assertThat(record().state()).isNotEqualTo(LedgerState.NEEDS_ATTENTION);
        assertThat(audits(AuditOperation.ADDRESS_VALIDATION)).singleElement()
                .satisfies(e -> assertThat(e.outcome()).isEqualTo(AuditOutcome.RETRYING));
    }

    @Test
    void whenTheDlqCannotBeReachedOnTheLastReceiveAKeptClaimStaysKeptAndHidesTheMessageUntilItsLeaseEnds() {
        ups.failAfterCreate = transientError("UPS_TIMEOUT");
        dlq.failures.set(1);

        MessageResult last = deliverReceive(requestBody(enqueued), MAX_RECEIVES);

        assertThat(last.disposition()).isEqualTo(Disposition.RETRY);
        assertThat(last.retryAfter()).isEqualTo(Duration.ofMinutes(10));
        assertThat(record().state()).isEqualTo(LedgerState.CLAIMED);
        assertThat(record().leaseUntil()).isAfter(clock.instant());
        assertThat(audit.forSubject(KEY.asString())).noneMatch(e -> e.outcome() == AuditOutcome.FAILED);
    }

    @Test
    void aReleaseClaimedElsewhereOnTheLastReceiveIsDeadLetteredAndItsReplayFindsItShipped() {
        memoryLedger.claim(KEY, "other-creator", clock.instant(), Duration.ofMinutes(10));
        String body = requestBody(enqueued);

        MessageResult last = deliverReceive(body, MAX_RECEIVES);

        assertThat(last.disposition()).isEqualTo(Disposition.DEAD_LETTERED);
        assertThat(dlq.sent).singleElement().satisfies(s -> assertThat(s.attributes())
                .containsEntry("reasonCode", "CLAIM_IN_PROGRESS"));
        assertThat(record().owner()).as("the other attempt's claim is untouched").isEqualTo("other-creator");
        assertThat(audits(AuditOperation.SHIPMENT_CREATE)).singleElement().satisfies(e -> {
            assertThat(e.outcome()).isEqualTo(AuditOutcome.FAILED);
            assertThat(e.replayMessage()).isEqualTo(body);
        });

        memoryLedger.markShipped(KEY, "other-creator", "1ZOTHER", List.of("1ZOTHERTRACK"), null, clock.instant());
        MessageResult replay = deliverReceive(dlq.sent.get(0).body(), 1);
        assertThat(replay.reasonCode()).isEqualTo("ALREADY_SHIPPED");
        assertThat(ups.creates).hasValue(0);
    }

    @Test
    void aTrackingUpdateSendFailureAfterShippingOnTheLastReceiveIsDeadLetteredAndItsReplayResendsTheUpdateOnly() {
        trackingUpdates.failures.set(1);

        MessageResult last = deliverReceive(requestBody(enqueued), MAX_RECEIVES);

        assertThat(last.disposition()).isEqualTo(Disposition.DEAD_LETTERED);
        assertThat(record().state()).isEqualTo(LedgerState.SHIPPED);
        assertThat(dlq.sent).singleElement().satisfies(s -> assertThat(s.attributes().get("reasonMessage"))
                .contains("a replay finds it in the ledger"));
        assertThat(audit.forSubject(KEY.asString())).filteredOn(e -> e.outcome() == AuditOutcome.FAILED)
                .singleElement().satisfies(e -> assertThat(e.details()).containsEntry("claimKept", "false"));

        MessageResult replay = deliverReceive(dlq.sent.get(0).body(), 1);
        assertThat(replay.reasonCode()).isEqualTo("ALREADY_SHIPPED");
        assertThat(trackingUpdates.bodiesAs(TrackingUpdate.class)).singleElement()
                .satisfies(u -> assertThat(u.shipmentId()).isEqualTo("1ZSHIP1"));
        assertThat(ups.creates).hasValue(1);
    }

    @Test
    void inABatchTheUpdateSendFailingOnTheLastReceiveIsDeadLetteredWithWhyAndAuditedFailed() {
        // The production path: SqsBatchProcessor hands the batch to open, whose "label created" updates
        // are sent together after the batch. A send that fails there on a message's last receive must not be
        // left to SQS's redrive (no reason, no FAILED audit: nobody would know to replay the update).
        String shipped = shippableRequestBody(6700, usAddress("7 Peachtree St"));
        String early = shippableRequestBody(6701, usAddress("8 Peachtree St"));
        var event = sqsBatch(List.of(shipped, early), i -> "u" + i);
        event.getRecords().get(0).setAttributes(Map.of("ApproximateReceiveCount", String.valueOf(MAX_RECEIVES)));
        trackingUpdates.failures.set(1);

        var response = new SqsBatchProcessor(2, VisibilityBackoff.none(), MAX_RECEIVES).process(event, creation);

        assertThat(ups.creates).hasValue(2);
        assertThat(response.getBatchItemFailures()).extracting(f -> f.getItemIdentifier())
                .as("only the message SQS will deliver again comes back").containsExactly("u1");
        assertThat(dlq.sent).singleElement().satisfies(s -> {
            assertThat(s.body()).isEqualTo(shipped);
            assertThat(s.attributes()).containsEntry("reasonCode", "QUEUE_SEND_FAILED");
            assertThat(s.attributes().get("reasonMessage")).contains("a replay finds it in the ledger");
        });
        var shippedKey = new com.epicorups.model.ReleaseKey("EPIC06", 6700, 1, 1);
        assertThat(audit.forSubject(shippedKey.asString())).filteredOn(e -> e.outcome() == AuditOutcome.FAILED)
                .singleElement().satisfies(e -> assertThat(e.replayMessage()).isEqualTo(shipped));

        MessageResult replay = deliverReceive(dlq.sent.get(0).body(), 1);
        assertThat(replay.reasonCode()).isEqualTo("ALREADY_SHIPPED");
        assertThat(ups.creates).as("the replay resends the update, never ships again").hasValue(2);
    }

    @Test
    void inABatchOnlyTheMessagesOnTheirLastReceiveAreDeadLetteredTheOthersComeBack() {
        validation.rejects = a -> transientError("UPS_UNAVAILABLE");
        String early = shippableRequestBody(6001, usAddress("2 Peachtree St"));
        String last = shippableRequestBody(6002, usAddress("3 Peachtree St"));
        var event = sqsBatch(List.of(early, last), i -> "b" + i);
        event.getRecords().get(1).setAttributes(Map.of("ApproximateReceiveCount", String.valueOf(MAX_RECEIVES)));

        var response = new SqsBatchProcessor(2, VisibilityBackoff.none(), MAX_RECEIVES).process(event, creation);

        assertThat(response.getBatchItemFailures()).extracting(f -> f.getItemIdentifier()).containsExactly("b0");
        assertThat(dlq.sent).singleElement().satisfies(s -> {
            assertThat(s.body()).isEqualTo(last);
            assertThat(s.attributes()).containsEntry("reasonCode", "UPS_UNAVAILABLE");
        });
    }
}

package com.epicorups.pipeline;

import static com.epicorups.pipeline.TestDoubles.KEY;
import static com.epicorups.pipeline.TestDoubles.release;
import static com.epicorups.pipeline.TestDoubles.requestBody;
import static com.epicorups.pipeline.TestDoubles.usAddress;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.epicorups.model.ReleaseKey;
import com.epicorups.model.ShippableRelease;
import com.epicorups.pipeline.MessageResult.Disposition;
import com.epicorups.port.CheckResult;
import com.epicorups.port.Preflight;
import com.epicorups.port.PreflightReport;
import com.epicorups.port.PreflightVerdict;
import com.epicorups.store.AuditEntry;
import com.epicorups.store.AuditOutcome;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The shipment creator buys no label while the Epicor preflight fails: nothing is claimed, re-read or created; the
 * message is retried (audited RETRYING with what is missing) and, on its last receive, dead-lettered with
 * PREFLIGHT_FAILED and audited FAILED for a replay. Once the preflight passes the same message ships.
 */
class CreationPreflightGateTest extends ShipmentCreationFixture {
    private static final int MAX_RECEIVES = 5;
    private final AtomicBoolean passes = new AtomicBoolean(false);
    private final AtomicInteger asked = new AtomicInteger();
    private final Preflight preflight = () -> {
        asked.incrementAndGet();
        return PreflightVerdict.ran("fp", clock.instant(), new PreflightReport(List.of(passes.get()
                ? CheckResult.passed("write-back columns on OrderRel", "all exist.")
                : CheckResult.failed("write-back columns on OrderRel", List.of("TrackingNumber_c"),
                "OrderRel has no column TrackingNumber_c.", "create it in UD Column Maintenance."))));
    };
    private final ShipmentCreation creation = creationBuilder().preflight(preflight).build();

    private MessageResult deliver(String body, int receive) {
        return creation.handle(new InboundMessage("m-1", body, "rh", receive, "ShipmentRequestsQueue", MAX_RECEIVES));
    }

    @Test
    void aMessageArrivingWhileThePreflightFailsClaimsNothingBuysNothingAndIsRetried() {
        ShippableRelease r = shippableInEpicor(KEY, usAddress("1 Peachtree St"));

        MessageResult result = deliver(requestBody(r), 1);

        assertThat(result.disposition()).isEqualTo(Disposition.RETRY);
        assertThat(result.reasonCode()).isEqualTo("PREFLIGHT_FAILED");
        assertThat(memoryLedger.get(KEY)).as("nothing claimed").isEmpty();
        assertThat(epicor.rechecks).hasValue(0);
        assertThat(ups.creates).hasValue(0);
        assertThat(dlq.sent).isEmpty();
        AuditEntry retrying = audit.forSubject(KEY.asString()).get(0);
        assertThat(retrying.outcome()).isEqualTo(AuditOutcome.RETRYING);
        assertThat(retrying.reasonCode()).isEqualTo("PREFLIGHT_FAILED");
        assertThat(retrying.message()).contains("no label is bought while the Epicor preflight fails")
                .contains("TrackingNumber_c").contains("UD Column Maintenance");

        passes.set(true);
        assertThat(deliver(requestBody(r), 2).disposition()).as("the same message once it passes")
                .isEqualTo(Disposition.DONE);
        assertThat(ups.creates).hasValue(1);
    }

    @Test
    void onItsLastReceiveTheMessageIsDeadLetteredWithTheReasonAndAuditedForReplayNotLost() {
        ShippableRelease r = shippableInEpicor(KEY, usAddress("1 Peachtree St"));
        String body = requestBody(r);

        MessageResult last = deliver(body, MAX_RECEIVES);

        assertThat(last.disposition()).isEqualTo(Disposition.DEAD_LETTERED);
        assertThat(dlq.sent).singleElement().satisfies(m -> {
            assertThat(m.body()).isEqualTo(body);
            assertThat(m.attributes()).containsEntry("reasonCode", "PREFLIGHT_FAILED");
            assertThat(m.attributes().get("reasonMessage")).contains("TrackingNumber_c");
        });
        AuditEntry failed = audit.forSubject(KEY.asString()).stream()
                .filter(e -> e.outcome() == AuditOutcome.FAILED).findFirst().orElseThrow();
        assertThat(failed.replayMessage()).isEqualTo(body);
        assertThat(memoryLedger.get(KEY)).as("no ledger record: the sweep enqueues it again once it passes").isEmpty();
        assertThat(ups.creates).hasValue(0);
    }

    @Test
    void aBatchAsksThePreflightOnceAndClaimsNoneOfItsMessages() {
        List<String> bodies = new ArrayList<>();
        for (int order = 5001; order <= 5004; order++) {
            ReleaseKey key = new ReleaseKey("EPIC06", order, 1, 1);
            bodies.add(requestBody(shippableInEpicor(key, usAddress(order + " Main St"))));
        }

        SQSBatchResponse response = new SqsBatchProcessor(2).process(sqsBatch(bodies, i -> "m-" + i), creation);

        assertThat(response.getBatchItemFailures()).hasSize(4);
        assertThat(asked).as("once for the batch").hasValue(1);
        assertThat(epicor.batchedRechecks).isEmpty();
        assertThat(validation.seen).as("no early address check either").isEmpty();
        assertThat(ups.creates).hasValue(0);
        for (int order = 5001; order <= 5004; order++) {
            assertThat(memoryLedger.get(new ReleaseKey("EPIC06", order, 1, 1))).isEmpty();
        }

        passes.set(true);
        assertThat(new SqsBatchProcessor(2).process(sqsBatch(bodies, i -> "m-" + i), creation).getBatchItemFailures())
                .isEmpty();
        assertThat(ups.creates).hasValue(4);
    }

    @Test
    void checksThatCouldNotRunBuyNothingEither() {
        ShippableRelease r = release(KEY, 10, usAddress("1 Peachtree St"));
        shippableInEpicor(KEY, r.shipTo());
        ShipmentCreation unavailable = creationBuilder().preflight(() -> {
            throw TestDoubles.transientError("EPICOR_UNAVAILABLE");
        }).build();

        MessageResult result = unavailable.handle(new InboundMessage("m-1", requestBody(r), "rh", 1,
                "ShipmentRequestsQueue", MAX_RECEIVES));

        assertThat(result.disposition()).isEqualTo(Disposition.RETRY);
        assertThat(result.reasonCode()).isEqualTo("EPICOR_UNAVAILABLE");
        assertThat(ups.creates).hasValue(0);
        assertThat(memoryLedger.get(KEY)).isEmpty();
    }
}

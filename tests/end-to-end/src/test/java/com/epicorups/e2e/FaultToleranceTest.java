package com.epicorups.e2e;

import static com.epicorups.e2e.Fixtures.releaseOf;
import static org.assertj.core.api.Assertions.assertThat;

import com.epicorups.sandbox.epicor.Hold;
import com.epicorups.sandbox.ups.Operation;
import com.epicorups.sandbox.ups.Shipments;
import com.epicorups.store.ShipmentRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Faults the product must survive without shipping anything twice or losing anything, each on fresh AWS
 * resources and fresh sandboxes. The poll is limited to orders 5001-5005 (8 shippable releases) to keep
 * each test short.
 */
class FaultToleranceTest {
    static final Set<String> SHIPPABLE = new TreeSet<>(List.of("5001/1/1", "5001/2/1", "5001/3/1", "5002/1/1",
            "5002/1/2", "5002/1/3", "5003/1/1", "5005/2/1"));

    private ConnectorWorld world;

    private ConnectorWorld start() {
        return start(UnaryOperator.identity());
    }

    private ConnectorWorld start(UnaryOperator<String> moreSettings) {
        // The ReadyToShip BAQ of the sample, limited to orders up to 5005 (its criteria are the tenant's own).
        world = new ConnectorWorld(Fixtures.sampleWithReadyToShipAlso("OrderNum le 5005"),
                com.epicorups.sandbox.epicor.ChildSetFilter.configuredDefault(), moreSettings);
        return world;
    }

    @AfterEach
    void stop() {
        if (world != null) {
            assertThat(world.ups.validationFailures()).isEmpty();
            world.close();
        }
    }

    @Test
    void duplicateDeliveriesOfTheSameShipmentRequestMakeOneUpsShipment() {
        start();
        assertThat(world.poll()).containsEntry("enqueued", SHIPPABLE.size());
        // SQS delivers at least once: the same bodies again (a re-sent message) ...
        List<Message> enqueued = world.peek(world.resources.shipmentRequestsQueueUrl());
        enqueued.forEach(m -> world.aws.sqs().sendMessage(r -> r.queueUrl(world.resources.shipmentRequestsQueueUrl())
                .messageBody(m.body())));
        // ... and the very same SQS event handed to two invocations at once (same message ids and receipts).
        List<Message> batch = world.aws.sqs().receiveMessage(r -> r.queueUrl(world.resources.shipmentRequestsQueueUrl())
                .maxNumberOfMessages(10).messageSystemAttributeNames(
                        software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName.ALL)).messages();
        CountDownLatch go = new CountDownLatch(1);
        List<CompletableFuture<SqsEventSource.Invocation>> twice = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            twice.add(CompletableFuture.supplyAsync(() -> {
                await(go);
                return world.shipmentRequests.invoke(new com.epicorups.function.shipmentcreator.ShipmentCreatorHandler(),
                        batch);
            }));
        }
        go.countDown();
        twice.forEach(CompletableFuture::join);
        twice.forEach(f -> world.shipmentRequests.makeVisible(f.join()));
        world.drainShipmentRequests();
        world.drainTrackingUpdates();

        assertShippedOnceEach(SHIPPABLE);
        assertThat(Fixtures.audited(world, "SHIPMENT_CREATE", "SKIPPED").values().stream().flatMap(List::stream))
                .as("the duplicates were answered from the ledger").contains("ALREADY_SHIPPED");
        assertNothingLeft();
    }

    /**
     * The schedule and an operator's poll at once. The first poll's first page is held in Epicor until the second
     * poll has returned, so the two cycles overlap on every machine: without the poll lease both read that page before
     * either moved the checkpoint, and every release of it was enqueued twice.
     */
    @Test
    void twoPollersAtOnceEnqueueEachReleaseOnceAndShipOnce() throws Exception {
        start();
        // The poll's first page (its $select starts with the change marker; the preflight's BAQ check selects the keys).
        Hold firstPage = world.epicor.faults().holdNext("/BaqSvc/ReadyToShip/Data?$select=OrderRel_SysRevID", 1);
        CompletableFuture<Map<String, Object>> first = CompletableFuture.supplyAsync(world::poll);
        assertThat(firstPage.awaitHeld(Duration.ofMinutes(2))).as("the first poll reads its first page").isTrue();
        Map<String, Object> second;
        try {
            second = world.poll();
        } finally {
            firstPage.release();
        }
        int enqueued = (Integer) first.join().get("enqueued") + (Integer) second.get("enqueued");
        List<String> queued = world.peek(world.resources.shipmentRequestsQueueUrl()).stream()
                .map(m -> releaseOf(m.body())).toList();
        assertThat(queued).hasSize(enqueued);
        assertThat(new TreeSet<>(queued)).isEqualTo(SHIPPABLE);
        Map<String, Long> perRelease = queued.stream().collect(Collectors.groupingBy(k -> k, Collectors.counting()));
        assertThat(perRelease.values()).as("enqueued once each: " + perRelease).allMatch(n -> n == 1);
        assertThat(second).as("the second poll found the first one's cycle running").containsEntry("enqueued", 0);
        assertThat(world.audit()).filteredOn(i -> second.get("pollId").equals(Fixtures.s(i, "pk")))
                .singleElement().satisfies(i -> assertThat(Fixtures.s(i, "reasonCode")).isEqualTo("POLL_IN_PROGRESS"));
        System.out.println("two concurrent polls enqueued " + enqueued + " messages for " + SHIPPABLE.size()
                + " releases");

        world.drainShipmentRequests();
        world.drainTrackingUpdates();
        assertShippedOnceEach(SHIPPABLE);
        assertNothingLeft();
    }

    @Test
    void aCrashAfterUpsCreatedTheShipmentIsReconciledByLabelRecoveryNotShippedAgain() {
        // The ship timeout is this test's subject: short enough to wait for, long enough for the other seven ship
        // calls on a busy machine (the other tests wait ConnectorWorld's 60 s).
        start(settings -> settings.replace("\"shipMillis\":60000", "\"shipMillis\":10000"));
        world.poll();
        // The first ship call creates the shipment at UPS but its answer never arrives (the client gives up
        // after ups.timeouts.shipMillis = 10 s; the sandbox holds the answer far longer, and its close ends that).
        world.ups.faults().holdFor(Duration.ofMinutes(10)).shipTimeoutAfterCreate(1);
        SqsEventSource.Invocation failed = drainCreatorExpectingOneFailure();
        Message timedOut = failedMessageOf(failed);
        String release = releaseOf(timedOut.body());
        assertThat(world.ups.shipments().count()).as("UPS has all 8, one unknown to the connector").isEqualTo(8);
        assertThat(Fixtures.ledger(world).get(release).state().name()).isEqualTo("CLAIMED");

        // Redelivered while the claim lease runs: the claim is respected, UPS is not called.
        world.shipmentRequests.makeVisible(failed);
        SqsEventSource.Invocation during = world.shipmentRequests.pollOnce(
                new com.epicorups.function.shipmentcreator.ShipmentCreatorHandler());
        assertThat(during.failedMessageIds()).hasSize(1);
        assertThat(Fixtures.audited(world, "SHIPMENT_CREATE", "RETRYING").get(release)).contains("CLAIM_IN_PROGRESS");

        // After the lease (240 s, the minimum claimLeaseSeconds; the connector's clock is moved, not waited for)
        // the next delivery reconciles by reference and adopts the shipment UPS already has.
        world.clock.advance(Duration.ofSeconds(241));
        world.shipmentRequests.makeVisible(during);
        world.drainShipmentRequests();
        world.drainTrackingUpdates();

        assertShippedOnceEach(SHIPPABLE);
        assertThat(Fixtures.audited(world, "LABEL_RECOVERY", "SUCCESS")).containsOnlyKeys(release);
        assertThat(Fixtures.audited(world, "LABEL_RECOVERY", "SUCCESS").get(release)).containsExactly("ADOPTED_EXISTING");
        assertThat(world.ups.requests(Operation.SHIP)).isEqualTo(8);
        assertNothingLeft();
    }

    /**
     * A ship call that timed out without UPS making anything, then Label Recovery answers with a code the connector
     * does not know (UPS publishes none; ups.labelRecoveryNotFoundCodes is empty by default): the release is not
     * shipped a second time on a guess, it waits in the DLQ as NEEDS_ATTENTION with UPS's answer, also after a redrive.
     */
    @Test
    void aLabelRecoveryAnswerTheConnectorCannotReadKeepsTheReleaseOutOfASecondShipment() {
        String release = timeOutOneShipCallThatMakesNothing(UnaryOperator.identity());
        world.clock.advance(Duration.ofSeconds(241));
        world.drainShipmentRequests();
        world.drainTrackingUpdates();

        Set<String> others = new TreeSet<>(SHIPPABLE);
        others.remove(release);
        assertShippedOnceEach(others);
        assertThat(world.ups.requests(Operation.SHIP)).as("no second ship call").isEqualTo(8);
        assertThat(world.ups.shipments().count()).isEqualTo(7);
        ShipmentRecord record = Fixtures.ledger(world).get(release);
        assertThat(record.state().name()).isEqualTo("NEEDS_ATTENTION");
        assertThat(record.reasonCode()).isEqualTo("RECOVERY_INCONCLUSIVE");
        List<Message> dead = world.peek(world.resources.shipmentRequestsDlqUrl());
        assertThat(dead).singleElement().satisfies(m -> {
            assertThat(releaseOf(m.body())).isEqualTo(release);
            assertThat(Fixtures.attribute(m, "reasonCode")).isEqualTo("RECOVERY_INCONCLUSIVE");
            assertThat(Fixtures.attribute(m, "reasonMessage")).contains(Shipments.NOT_FOUND_CODE)
                    .contains("ups.labelRecoveryNotFoundCodes");
        });
        assertThat(Fixtures.audited(world, "LABEL_RECOVERY", "FAILED").get(release))
                .containsExactly("RECOVERY_INCONCLUSIVE");

        // An operator's redrive reconciles again, and UPS's answer is still unread: still no second shipment.
        world.redrive("ShipmentRequestsDLQ", "ShipmentRequestsQueue");
        world.drainShipmentRequests();
        assertThat(world.ups.requests(Operation.SHIP)).isEqualTo(8);
        assertThat(world.peek(world.resources.shipmentRequestsDlqUrl())).singleElement()
                .satisfies(m -> assertThat(Fixtures.attribute(m, "reasonCode")).isEqualTo("RECOVERY_INCONCLUSIVE"));
        assertThat(Fixtures.ledger(world).get(release).state().name()).isEqualTo("NEEDS_ATTENTION");
    }

    /** The same timeout, for a shipper who confirmed UPS's "nothing found" code in CIE: the release ships once. */
    @Test
    void aConfirmedNothingFoundAnswerLetsTheTimedOutReleaseShipOnce() {
        String release = timeOutOneShipCallThatMakesNothing(settings -> settings.replace("\"unmappedShipVia\"",
                "\"labelRecoveryNotFoundCodes\":[\"" + Shipments.NOT_FOUND_CODE + "\"],\"unmappedShipVia\""));
        world.clock.advance(Duration.ofSeconds(241));
        world.drainShipmentRequests();
        world.drainTrackingUpdates();

        assertShippedOnceEach(SHIPPABLE);
        assertThat(Fixtures.audited(world, "LABEL_RECOVERY", "SKIPPED").get(release)).containsExactly("NONE_AT_UPS");
        assertThat(world.ups.requests(Operation.SHIP)).isEqualTo(9);
        assertNothingLeft();
    }

    /** The creator drains its queue; exactly one of its invocations reported a failed message: that invocation. */
    private SqsEventSource.Invocation drainCreatorExpectingOneFailure() {
        List<SqsEventSource.Invocation> invocations = new ArrayList<>();
        SqsEventSource.Invocation inv;
        while ((inv = world.shipmentRequests.pollOnce(new com.epicorups.function.shipmentcreator.ShipmentCreatorHandler())) != null) {
            invocations.add(inv);
        }
        List<SqsEventSource.Invocation> failed = invocations.stream().filter(i -> !i.failedMessageIds().isEmpty()).toList();
        assertThat(failed).hasSize(1);
        return failed.get(0);
    }

    private static Message failedMessageOf(SqsEventSource.Invocation invocation) {
        return invocation.delivered().stream().filter(m -> invocation.failedMessageIds().contains(m.messageId()))
                .findFirst().orElseThrow();
    }

    /** Polls orders 5001-5005 and ships them; one ship call times out before UPS made anything. Its release. */
    private String timeOutOneShipCallThatMakesNothing(UnaryOperator<String> moreSettings) {
        start(settings -> moreSettings.apply(settings.replace("\"shipMillis\":60000", "\"shipMillis\":10000")));
        world.poll();
        world.ups.faults().holdFor(Duration.ofMinutes(10)).timeouts(Operation.SHIP, 1);
        SqsEventSource.Invocation failed = drainCreatorExpectingOneFailure();
        Message timedOut = failedMessageOf(failed);
        assertThat(world.ups.shipments().count()).as("the timed-out call made nothing").isEqualTo(7);
        world.shipmentRequests.makeVisible(failed);
        return releaseOf(timedOut.body());
    }

    @Test
    void anEpicorOutageDuringWriteBackRetriesTheWriteNotTheShipment() {
        start();
        world.poll();
        world.drainShipmentRequests();
        int shipCalls = world.ups.requests(Operation.SHIP);
        // Every Epicor call fails for a while: the client's own retries (epicor.maxAttempts 2) are not enough.
        world.epicor.faults().serverError(7);
        SqsEventSource.Invocation first = world.trackingUpdates.pollOnce(
                new com.epicorups.function.trackingwriter.TrackingWriterHandler());
        assertThat(first.failedMessageIds()).as("writes that hit the outage are retried by SQS").isNotEmpty();
        world.trackingUpdates.makeVisible(first);
        world.drainTrackingUpdates();

        assertShippedOnceEach(SHIPPABLE);
        assertThat(world.ups.requests(Operation.SHIP)).as("no new UPS shipment").isEqualTo(shipCalls);
        assertThat(world.audit().stream().filter(i -> "RETRYING".equals(Fixtures.s(i, "outcome")))
                .map(i -> Fixtures.s(i, "operation")).distinct()).isNotEmpty();
        assertNothingLeft();
    }

    @Test
    void aUps429StormEndsWithEveryReleaseShippedOnceAndNothingLost() {
        start();
        world.poll();
        world.ups.faults().tooManyRequests(Operation.SHIP, 12);
        int handled = world.drainShipmentRequests();
        world.drainTrackingUpdates();

        Map<String, ShipmentRecord> ledger = Fixtures.ledger(world);
        Set<String> shipped = new TreeSet<>(Fixtures.shipped(ledger));
        Set<String> inDlq = world.peek(world.resources.shipmentRequestsDlqUrl()).stream()
                .map(m -> releaseOf(m.body())).collect(Collectors.toCollection(TreeSet::new));
        Set<String> stillQueued = world.peek(world.resources.shipmentRequestsQueueUrl()).stream()
                .map(m -> releaseOf(m.body())).collect(Collectors.toCollection(TreeSet::new));
        System.out.println("429 storm: deliveries " + handled + ", shipped " + shipped.size() + ", DLQ " + inDlq
                + ", queued " + stillQueued + ", UPS ship calls " + world.ups.requests(Operation.SHIP));
        Set<String> accounted = new TreeSet<>(shipped);
        accounted.addAll(inDlq);
        accounted.addAll(stillQueued);
        assertThat(accounted).as("every release shipped, queued or dead-lettered").isEqualTo(SHIPPABLE);
        assertThat(shipped).as("12 refusals spread over 8 releases and 5 receives each").isEqualTo(SHIPPABLE);
        assertShippedOnceEach(shipped);
        assertNothingLeft();
    }

    private void assertShippedOnceEach(Set<String> releases) {
        Map<String, ShipmentRecord> ledger = Fixtures.ledger(world);
        assertThat(Fixtures.shipped(ledger)).containsExactlyElementsOf(releases);
        List<Shipments.Created> atUps = world.ups.shipments().list();
        assertThat(atUps).hasSize(releases.size());
        Map<String, Integer> perReference = new HashMap<>();
        atUps.forEach(c -> new TreeSet<>(c.references()).forEach(r -> perReference.merge(r, 1, Integer::sum)));
        for (String key : releases) {
            ShipmentRecord record = ledger.get(key);
            assertThat(perReference.get(record.key().reference())).as(key).isEqualTo(1);
            assertThat(world.orderRel(key).get("TrackingNumber_c")).as(key)
                    .isEqualTo(String.join(",", record.trackingNumbers()));
            assertThat(record.state().name()).as(key).isEqualTo("WRITTEN");
        }
    }

    private void assertNothingLeft() {
        assertThat(world.approximateCount(world.resources.shipmentRequestsQueueUrl())).isZero();
        assertThat(world.approximateCount(world.resources.trackingUpdatesQueueUrl())).isZero();
        assertThat(world.approximateCount(world.resources.shipmentRequestsDlqUrl())).isZero();
        assertThat(world.approximateCount(world.resources.trackingUpdatesDlqUrl())).isZero();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

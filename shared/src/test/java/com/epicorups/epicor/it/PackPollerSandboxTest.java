package com.epicorups.epicor.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.epicorups.app.EpicorPolling;
import com.epicorups.core.Json;
import com.epicorups.epicor.EpicorSettings;
import com.epicorups.epicor.pack.PackRequestMessage;
import com.epicorups.model.PackKey;
import com.epicorups.pipeline.ReleasePoller;
import com.epicorups.port.PollSummary;
import com.epicorups.queue.MessageQueue;
import com.epicorups.sandbox.epicor.EpicorDataset;
import com.epicorups.store.AuditEntry;
import com.epicorups.store.AuditOperation;
import com.epicorups.store.PackLedger;
import com.epicorups.store.memory.InMemoryAuditLog;
import com.epicorups.store.memory.InMemoryCheckpointStore;
import com.epicorups.store.memory.InMemoryShipmentLedger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Pack mode's order poll against the Epicor sandbox: the release poll's page loop, lease, checkpoints and sweep over
 * the ready packs, keyed by pack; and its void pass, which enqueues a pack voided in Epicor only when the ledger
 * says the connector shipped it.
 */
class PackPollerSandboxTest extends SandboxSupport {
    private final InMemoryCheckpointStore checkpoints = new InMemoryCheckpointStore();
    private final InMemoryAuditLog audit = new InMemoryAuditLog();
    private final InMemoryShipmentLedger ledger = new InMemoryShipmentLedger();
    private final PackLedger packs = ledger.packs();
    private final Queue queue = new Queue();
    private EpicorSettings settings;

    @BeforeEach
    void startSandbox() {
        start(EpicorDataset.sample());
        settings = settings(b -> b.source(EpicorSettings.Source.PACKS).pageSize(3)
                .upsShipViaCodes(Set.of("UPSG", "UPSS", "UP2D")));
    }

    private ReleasePoller poller() {
        return EpicorPolling.poller(client(settings), settings, checkpoints, queue, audit, Clock.systemUTC(),
                ReleasePoller.DEFAULT_CYCLE_LEASE, ledger);
    }

    @Test
    void enqueuesEachReadyUpsPackOnceKeyedByPackAndSkipsAnotherCarriers() {
        PollSummary first = poller().pollOnce("poll-1");

        assertThat(queue.packNums(PackRequestMessage.Kind.PACK)).containsExactly(1004, 1005, 1006, 1007, 1008, 1011);
        assertThat(first.skippedByReason()).containsEntry("NOT_UPS_SHIP_VIA", 1);
        assertThat(first.pages()).as("pages of 3 packs, keyset on SysRevID, PackNum").isEqualTo(3);
        assertThat(checkpoints.load("epicor-packs#EPIC06")).get()
                .satisfies(cp -> assertThat(cp.values()).containsEntry("mode", "PACKS").containsEntry("packNum", "1011"));
        assertThat(audit.all()).filteredOn(e -> e.operation() == AuditOperation.RELEASE_SKIPPED)
                .extracting(AuditEntry::subjectKey).containsExactly("EPIC06#PACK#1009");
        assertThat(queue.messages.get(0).pack().lines()).isNotEmpty();
        assertThat(badRequests()).isEmpty();

        queue.messages.clear();
        PollSummary again = poller().pollOnce("poll-2");
        assertThat(queue.messages).as("nothing changed: a re-poll enqueues nothing").isEmpty();
        assertThat(again.enqueued()).isZero();
    }

    @Test
    void theSweepEnqueuesOnlyReadyPacksTheLedgerHasNeverSeen() {
        poller().pollOnce("poll-1");
        for (int packNum : List.of(1004, 1005, 1006, 1007, 1008)) {
            packs.claim(new PackKey("EPIC06", packNum), "creator", Instant.now(), Duration.ofMinutes(5));
        }
        // The sweep is due: its last pass was long ago.
        checkpoints.compareAndSet("epicor-packs#EPIC06#sweep", checkpoints.load("epicor-packs#EPIC06#sweep")
                .orElseThrow().version(), Map.of("lastCompletedAt", "2020-01-01T00:00:00Z"), Instant.now());
        queue.messages.clear();

        PollSummary sweep = poller().pollOnce("poll-2");

        assertThat(sweep.sweepEnqueued()).isEqualTo(1);
        assertThat(queue.packNums(PackRequestMessage.Kind.PACK)).containsExactly(1011);
    }

    @Test
    void aPackVoidedAfterTheConnectorShippedItIsEnqueuedToVoidOnce() {
        poller().pollOnce("poll-1");
        for (int packNum : List.of(1008, 1004)) {
            PackKey shipped = new PackKey("EPIC06", packNum);
            packs.claim(shipped, "creator", Instant.now(), Duration.ofMinutes(5));
            packs.markShipped(shipped, "creator", "1ZVOIDME" + packNum, List.of("1ZVOIDME" + packNum), null,
                    Instant.now());
        }
        for (int packNum : List.of(1008, 1005)) {
            // Written back, then voided by a user: Epicor keeps the voided pack's tracking number.
            sandbox.dataset().update("CustShips", Map.of("Company", COMPANY, "PackNum", packNum), Map.of("TrackingNumber", "1Z" + packNum));
            sandbox.dataset().update("CustShips", Map.of("Company", COMPANY, "PackNum", packNum), Map.of("Voided", true, "ShipStatus", "Void"));
        }
        // Voided right after its label was bought, before the write-back: no tracking number on the pack.
        sandbox.dataset().update("CustShips", Map.of("Company", COMPANY, "PackNum", 1004),
                Map.of("Voided", true, "ShipStatus", "Void"));
        queue.messages.clear();

        PollSummary summary = poller().pollOnce("poll-2");

        assertThat(queue.packNums(PackRequestMessage.Kind.PACK_VOID))
                .as("1005 was voided too, but the connector never shipped it").containsExactly(1008, 1004);
        assertThat(summary.voidsEnqueued()).isEqualTo(2);
        queue.messages.clear();
        poller().pollOnce("poll-3");
        assertThat(queue.messages).as("the void pass moved its own checkpoint").isEmpty();
    }

    /** Collects the pack messages the poller enqueues. */
    static final class Queue implements MessageQueue {
        final List<PackRequestMessage> messages = new CopyOnWriteArrayList<>();

        @Override
        public String send(String body, Map<String, String> attributes) {
            sendAll(List.of(body));
            return "m-" + messages.size();
        }

        @Override
        public void sendAll(List<String> bodies) {
            for (String body : bodies) {
                try {
                    messages.add(Json.mapper().readValue(body, PackRequestMessage.class));
                } catch (Exception e) {
                    throw new AssertionError(body, e);
                }
            }
        }

        List<Integer> packNums(PackRequestMessage.Kind kind) {
            return messages.stream().filter(m -> m.kind() == kind).map(m -> m.key().packNum()).toList();
        }
    }
}

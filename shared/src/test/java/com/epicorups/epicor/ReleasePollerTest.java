package com.epicorups.epicor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.epicorups.app.EpicorPolling;
import com.epicorups.core.ConnectorException;
import com.epicorups.core.Reason;
import com.epicorups.epicor.EpicorSettings.CheckpointMode;
import com.epicorups.epicor.EpicorSettings.WeightSource;
import com.epicorups.model.ShipmentRequestMessage;
import com.epicorups.model.ShippableRelease;
import com.epicorups.model.WeightUnit;
import com.epicorups.pipeline.ReleasePoller;
import com.epicorups.port.PollSummary;
import com.epicorups.store.AuditEntry;
import com.epicorups.store.AuditOperation;
import com.epicorups.store.AuditOutcome;
import com.epicorups.store.Checkpoint;
import com.epicorups.store.CheckpointStore;
import com.epicorups.store.memory.InMemoryAuditLog;
import com.epicorups.store.memory.InMemoryCheckpointStore;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import okhttp3.HttpUrl;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.Test;

class ReleasePollerTest extends EpicorTestSupport {
    private final InMemoryCheckpointStore checkpoints = new InMemoryCheckpointStore();
    private final InMemoryAuditLog audit = new InMemoryAuditLog();
    private final RecordingQueue queue = new RecordingQueue();

    private ReleasePoller poller(EpicorSettings s) {
        return poller(secret(), s);
    }

    private ReleasePoller poller(EpicorSecret secret, EpicorSettings s) {
        return EpicorPolling.poller(client(secret, s), s, checkpoints, queue, audit, clock,
                ReleasePoller.DEFAULT_CYCLE_LEASE, null);
    }

    private void customersAndReleases(int count, int ordersPerCustomer) {
        for (int i = 0; i < count; i++) {
            int cust = 100 + i / ordersPerCustomer;
            if (fake.find("Customers", r -> r.path("CustNum").asInt() == cust) == null) {
                fake.customer(cust);
            }
            fake.simpleRelease(5000 + i, cust);
        }
    }

    @Test
    void mapsOneReleaseIntoAShipmentRequestWithWeightValueAndShipTo() {
        fake.customer(100);
        fake.touch(fake.simpleRelease(5001, 100), r -> r.put("NeedByDate", "2026-12-10T00:00:00"));
        PollSummary summary = poller(settings()).pollOnce("poll-1");

        assertThat(summary.enqueued()).isEqualTo(1);
        ShipmentRequestMessage m = queue.messages().get(0);
        assertThat(m.pollId()).isEqualTo("poll-1");
        ShippableRelease r = m.release();
        assertThat(r.key().asString()).isEqualTo("EPIC06#5001#1#1");
        assertThat(r.weight()).isEqualByComparingTo("10.000"); // 2.5 LB x 4
        assertThat(r.quantity().toString()).isEqualTo("4");
        assertThat(r.weightUnit()).isEqualTo(WeightUnit.LBS);
        assertThat(r.value()).isEqualByComparingTo("40.00");
        assertThat(r.currencyCode()).isEqualTo("USD");
        assertThat(r.customerId()).isEqualTo("C100");
        assertThat(r.poNumber()).isEqualTo("PO-5001");
        assertThat(r.warehouse()).isEqualTo("MAIN");
        assertThat(r.plant()).isEqualTo("MfgSys");
        assertThat(r.shipViaCode()).isEqualTo("UPSG");
        assertThat(r.needByDate()).as("OrderRel.NeedByDate, for a Best Way limit by that date")
                .isEqualTo(java.time.LocalDate.parse("2026-12-10"));
        assertThat(r.shipTo().name()).isEqualTo("Dock DOCK");
        assertThat(r.shipTo().lines()).containsExactly("200 Warehouse Rd", "Bay 4");
        assertThat(r.shipTo().postalCode()).isEqualTo("55102");
        assertThat(r.shipTo().countryCode()).isEqualTo("US");
        assertThat(r.shipTo().residential()).isTrue();
        assertThat(m.references()).as("the part and ship-to rows the creator reads with the release")
                .isEqualTo(new com.epicorups.model.ReleaseReferences("P-5001", 100, "DOCK"));
        assertThat(audit.all()).filteredOn(e -> e.operation() == AuditOperation.POLL_CYCLE)
                .singleElement().satisfies(e -> assertThat(e.outcome()).isEqualTo(AuditOutcome.SUCCESS));
    }

    @Test
    void whileThePreflightFailsAPollReadsAndEnqueuesNothingAndSaysAtErrorWhatIsMissingAndWhatToDo() {
        fake.customer(100);
        fake.simpleRelease(5001, 100);
        java.util.List<String> lines = new CopyOnWriteArrayList<>();
        com.epicorups.logging.LogConfig previous = com.epicorups.logging.JsonLogger.configure(
                new com.epicorups.logging.LogConfig(com.epicorups.logging.LogLevel.INFO, "test", lines::add, clock));
        AtomicBoolean columnsDeclared = new AtomicBoolean();
        com.epicorups.port.Preflight preflight = () -> com.epicorups.port.PreflightVerdict.ran("fp", clock.instant(),
                new com.epicorups.port.PreflightReport(List.of(columnsDeclared.get()
                        ? com.epicorups.port.CheckResult.passed("write-back columns on OrderRel", "all exist.")
                        : com.epicorups.port.CheckResult.failed("write-back columns on OrderRel",
                        List.of("TrackingNumber_c", "UPSStatus_c"), "OrderRel has no column TrackingNumber_c, UPSStatus_c.",
                        "create TrackingNumber_c (character), UPSStatus_c (character) on OrderRel in UD Column "
                                + "Maintenance, then regenerate the data model."))));
        EpicorSettings s = settings();
        ReleasePoller poller = EpicorPolling.poller(client(s), s, checkpoints, queue, audit, clock,
                ReleasePoller.DEFAULT_CYCLE_LEASE, null, preflight);
        try {
            assertThatThrownBy(() -> poller.pollOnce("p1")).isInstanceOfSatisfying(
                    com.epicorups.core.ConnectorException.class, e -> {
                        assertThat(e.reasonCode()).isEqualTo("PREFLIGHT_FAILED");
                        assertThat(e.isTransient()).isFalse();
                    });
        } finally {
            com.epicorups.logging.JsonLogger.configure(previous);
        }

        assertThat(queue.bodies).isEmpty();
        assertThat(fake.requests).as("not one Epicor read").isEmpty();
        assertThat(checkpoints.load("epicor-releases#EPIC06")).isEmpty();
        assertThat(checkpoints.load("epicor-releases#EPIC06#lease").orElseThrow().values())
                .as("the lease is given back").containsEntry("owner", "");
        AuditEntry cycle = audit.forSubject("p1").get(0);
        assertThat(cycle.operation()).isEqualTo(AuditOperation.POLL_CYCLE);
        assertThat(cycle.outcome()).isEqualTo(AuditOutcome.FAILED);
        assertThat(cycle.reasonCode()).isEqualTo("PREFLIGHT_FAILED");
        assertThat(cycle.message()).startsWith("Epicor preflight failed: nothing is enqueued until it passes: ")
                .contains("TrackingNumber_c, UPSStatus_c").contains("UD Column Maintenance");
        com.fasterxml.jackson.databind.JsonNode error = lines.stream().map(l -> {
            try {
                return com.epicorups.core.Json.mapper().readTree(l);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).filter(l -> "PREFLIGHT_FAILED".equals(l.path("reasonCode").asText())).findFirst().orElseThrow();
        assertThat(error.path("level").asText()).isEqualTo("ERROR");
        assertThat(error.path("detail").asText()).contains("TrackingNumber_c, UPSStatus_c")
                .contains("regenerate the data model");

        columnsDeclared.set(true);
        assertThat(poller.pollOnce("p2").enqueued()).as("the next poll after the fix").isEqualTo(1);
    }

    @Test
    void sendsTheDocumentedQueries() {
        fake.customer(100);
        fake.simpleRelease(5001, 100);
        poller(settings()).pollOnce("p");
        poller(settings()).pollOnce("p2");

        List<RecordedRequest> rels = fake.requestsTo("/OrderRels");
        HttpUrl first = rels.get(0).getRequestUrl();
        assertThat(first.encodedPath()).isEqualTo("/EpicorLive/api/v2/odata/EPIC06/Erp.BO.SalesOrderSvc/OrderRels");
        assertThat(first.queryParameter("$filter")).isEqualTo("(" + EpicorSettings.DEFAULT_ELIGIBILITY_FILTER + ")");
        assertThat(first.queryParameter("$orderby")).isEqualTo("SysRevID,OrderNum,OrderLine,OrderRelNum");
        assertThat(first.queryParameter("$top")).isEqualTo("100");
        assertThat(first.queryParameter("$select")).isEqualTo(String.join(",", EpicorFields.ORDER_REL));
        long rev = fake.find("OrderRels", r -> true).path("SysRevID").asLong();
        HttpUrl second = rels.get(1).getRequestUrl();
        assertThat(second.queryParameter("$filter")).isEqualTo("(" + EpicorSettings.DEFAULT_ELIGIBILITY_FILTER + ") and ("
                + "SysRevID gt " + rev + " or (SysRevID eq " + rev + " and (OrderNum gt 5001 or (OrderNum eq 5001 and "
                + "(OrderLine gt 1 or (OrderLine eq 1 and (OrderRelNum gt 1)))))))");

        assertThat(fake.requestsTo("/SalesOrders").get(0).getRequestUrl().queryParameter("$filter"))
                .isEqualTo("OrderNum eq 5001");
        // Child sets are filtered on their parent's key only, the wanted rows picked from the answer (decision 0025).
        HttpUrl lines = fake.requestsTo("/OrderDtls").get(0).getRequestUrl();
        assertThat(lines.queryParameter("$filter")).isEqualTo("OrderNum eq 5001");
        assertThat(lines.queryParameter("$orderby")).isEqualTo("OrderNum,OrderLine");
        assertThat(fake.requestsTo("/Parts").get(0).getRequestUrl().queryParameter("$filter"))
                .isEqualTo("PartNum eq 'P-5001'");
        HttpUrl shipTos = fake.requestsTo("/ShipToes").get(0).getRequestUrl();
        assertThat(shipTos.queryParameter("$filter")).isEqualTo("CustNum eq 100");
        assertThat(shipTos.queryParameter("$orderby")).isEqualTo("CustNum,ShipToNum");
        for (RecordedRequest r : fake.requests) {
            assertThat(r.getHeader("x-api-key")).isEqualTo(FakeEpicor.API_KEY);
            assertThat(r.getHeader("Authorization")).startsWith("Basic ");
        }
        System.out.println("[queries] page 1:   GET " + decoded(rels.get(0)));
        System.out.println("[queries] page n:   GET " + decoded(rels.get(1)));
        for (String set : List.of("/SalesOrders", "/OrderDtls", "/Parts", "/ShipToes")) {
            System.out.println("[queries] lookup:   GET " + decoded(fake.requestsTo(set).get(0)));
        }
    }

    private static String decoded(RecordedRequest r) {
        return java.net.URLDecoder.decode(r.getPath(), java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void pagesUntilAShortPageAndAdvancesTheCheckpointPerPage() {
        customersAndReleases(250, 10);
        PollSummary s = poller(settings()).pollOnce("p");

        assertThat(s.pages()).isEqualTo(3);
        assertThat(s.releasesSeen()).isEqualTo(250);
        assertThat(s.enqueued()).isEqualTo(250);
        assertThat(new HashSet<>(queue.keys())).hasSize(250);
        assertThat(fake.requestsTo("/OrderRels")).hasSize(3);
        Checkpoint cp = checkpoints.load("epicor-releases#EPIC06").orElseThrow();
        assertThat(cp.version()).isEqualTo(3);
        assertThat(cp.values()).containsEntry("orderNum", "5249").containsEntry("mode", "SYSREVID");
        assertThat(s.checkpoint()).isEqualTo(cp.values());

        // Nothing changed: the next cycle reads one empty page and enqueues nothing.
        PollSummary again = poller(settings()).pollOnce("p2");
        assertThat(again.enqueued()).isZero();
        assertThat(again.pages()).isEqualTo(1);
    }

    @Test
    void aCycleStopsAtMaxPagesAndTheNextGoesOnFromTheCheckpoint() {
        customersAndReleases(250, 10);
        EpicorSettings s = settings(b -> b.maxPagesPerCycle(2));
        assertThat(poller(s).pollOnce("p1").enqueued()).isEqualTo(200);
        assertThat(poller(s).pollOnce("p2").enqueued()).isEqualTo(50);
        assertThat(new HashSet<>(queue.keys())).hasSize(250);
    }

    @Test
    void stopsWhenAFullPageIsFollowedByAnEmptyOne() {
        customersAndReleases(200, 10);
        PollSummary s = poller(settings()).pollOnce("p");
        assertThat(s.pages()).isEqualTo(3); // 100, 100, 0
        assertThat(s.enqueued()).isEqualTo(200);
    }

    @Test
    void batchedLookupCallsGrowWithPagesNotReleases() {
        fake.customer(100);
        fake.simpleRelease(5001, 100);
        PollSummary one = poller(settings()).pollOnce("one");
        // page + SalesOrders + OrderDtls + Parts + ShipToes
        assertThat(one.epicorCalls()).isEqualTo(5);

        stopAndRestart();
        customersAndReleases(1000, 10);
        PollSummary thousand = poller(settings()).pollOnce("thousand");
        assertThat(thousand.enqueued()).isEqualTo(1000);
        assertThat(thousand.pages()).isEqualTo(11); // 10 full pages + the empty one that proves the end
        // Per full page: 1 page + 3 chunks (100 keys / 40) for each of orders, lines, parts + 1 ShipToes (10 keys).
        assertThat(thousand.epicorCalls()).isEqualTo(10 * (1 + 3 + 3 + 3 + 1) + 1);
        System.out.printf("[calls] 1 release: %d Epicor calls; 1000 releases (pageSize 100, 40 keys/call): %d calls in %d pages%n",
                one.epicorCalls(), thousand.epicorCalls(), thousand.pages());

        stopAndRestart();
        customersAndReleases(1000, 10);
        EpicorSettings wide = settings(b -> b.keysPerCall(100));
        PollSummary wideKeys = poller(wide).pollOnce("wide");
        assertThat(wideKeys.epicorCalls()).isEqualTo(10 * 5 + 1);
        System.out.printf("[calls] 1000 releases with 100 keys/call: %d calls%n", wideKeys.epicorCalls());
    }

    private void stopAndRestart() {
        try {
            stopServer();
            startServer();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        checkpoints.compareAndSet("epicor-releases#EPIC06", checkpoints.load("epicor-releases#EPIC06").map(Checkpoint::version).orElse(0L),
                Map.of(), Instant.now());
        queue.bodies.clear();
    }

    @Test
    void checkpointStaysAtTheLastFullyEnqueuedPageWhenTheQueueFails() {
        customersAndReleases(250, 10);
        queue.failOnBatch = 2;
        assertThatThrownBy(() -> poller(settings()).pollOnce("p")).hasMessageContaining("queue unavailable");
        Checkpoint cp = checkpoints.load("epicor-releases#EPIC06").orElseThrow();
        assertThat(cp.version()).isEqualTo(1);
        assertThat(cp.values()).containsEntry("orderNum", "5099");
        assertThat(audit.all()).filteredOn(e -> e.operation() == AuditOperation.POLL_CYCLE)
                .singleElement().satisfies(e -> assertThat(e.outcome()).isIn(AuditOutcome.RETRYING, AuditOutcome.FAILED));

        queue.failOnBatch = -1;
        PollSummary s = poller(settings()).pollOnce("p2");
        assertThat(s.enqueued()).isEqualTo(150);
        assertThat(new HashSet<>(queue.keys())).hasSize(250);
    }

    @Test
    void aReleaseChangedDuringThePollIsReadAgainAndNoneIsLost() {
        customersAndReleases(250, 10);
        ObjectNode early = fake.find("OrderRels", r -> r.path("OrderNum").asInt() == 5010);
        AtomicBoolean edited = new AtomicBoolean();
        fake.onRequest = req -> {
            // After page 1 has been read, somebody edits release 5010 (already enqueued) in Epicor.
            if (req.getPath().contains("/OrderRels") && fake.requestsTo("/OrderRels").size() == 2
                    && edited.compareAndSet(false, true)) {
                fake.touch(early, r -> r.put("OurReqQty", new BigDecimal("7")).put("SellingReqQty", new BigDecimal("7")));
            }
        };
        PollSummary s = poller(settings()).pollOnce("p");
        assertThat(edited).isTrue();
        Set<String> keys = new HashSet<>(queue.keys());
        assertThat(keys).hasSize(250);
        assertThat(s.enqueued()).isEqualTo(251);
        List<ShipmentRequestMessage> for5010 = queue.messages().stream()
                .filter(m -> m.release().key().orderNum() == 5010).toList();
        assertThat(for5010).hasSize(2);
        assertThat(for5010.get(1).release().quantity()).isEqualByComparingTo("7");

        // And an edit between polls is picked up by the next poll.
        queue.bodies.clear();
        fake.touch(fake.find("OrderRels", r -> r.path("OrderNum").asInt() == 5100), r -> r.put("ShipViaCode", "UPS2"));
        PollSummary next = poller(settings()).pollOnce("p2");
        assertThat(next.enqueued()).isEqualTo(1);
        assertThat(queue.messages().get(0).release().shipViaCode()).isEqualTo("UPS2");
    }

    @Test
    void offsetPagingWouldHaveLostARowThatKeysetPagingKeeps() {
        // The same edit as above, replayed with $skip paging on the fake, shows the row it would lose.
        customersAndReleases(250, 10);
        List<String> byRev = fake.sets.get("OrderRels").stream().map(r -> r.path("OrderNum").asText()).toList();
        ObjectNode early = fake.find("OrderRels", r -> r.path("OrderNum").asInt() == 5010);
        fake.touch(early, r -> r.put("OurReqQty", 5));
        List<String> after = fake.sets.get("OrderRels").stream()
                .sorted(java.util.Comparator.comparingLong(r -> r.path("SysRevID").asLong()))
                .map(r -> r.path("OrderNum").asText()).toList();
        // Page 2 by offset (rows 100..199 of the new order) starts one row later than before the edit:
        assertThat(after.subList(100, 200)).doesNotContain(byRev.get(100));
        assertThat(byRev.subList(0, 100)).doesNotContain(byRev.get(100));
    }

    @Test
    void twoConcurrentPollersNeverMoveTheCheckpointBackwardsNorLoseAPage() throws Exception {
        customersAndReleases(600, 10);
        List<Long> written = new CopyOnWriteArrayList<>();
        CheckpointStore watched = new CheckpointStore() {
            @Override
            public java.util.Optional<Checkpoint> load(String name) {
                return checkpoints.load(name);
            }

            @Override
            public boolean compareAndSet(String name, long expectedVersion, Map<String, String> values, Instant now) {
                synchronized (written) {
                    boolean ok = checkpoints.compareAndSet(name, expectedVersion, values, now);
                    if (ok && values.containsKey("sysRevId")) { // not the poll lease item
                        written.add(Long.parseLong(values.get("sysRevId")));
                    }
                    return ok;
                }
            }
        };
        EpicorSettings s = settings(b -> b.pageSize(50));
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Future<PollSummary>> runs = new ArrayList<>();
        List<ReleasePoller> pollers = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            ReleasePoller p = EpicorPolling.poller(client(s), s, watched, queue, audit, clock,
                    ReleasePoller.DEFAULT_CYCLE_LEASE, null);
            pollers.add(p);
            String id = "p" + i;
            runs.add(pool.submit(() -> {
                start.await();
                return p.pollOnce(id);
            }));
        }
        start.countDown();
        for (Future<PollSummary> f : runs) {
            f.get(120, TimeUnit.SECONDS);
        }
        pool.shutdown();
        // Whoever lost a compare-and-set stopped; finish with one more cycle as the next schedule would.
        EpicorPolling.poller(client(s), s, watched, queue, audit, clock, ReleasePoller.DEFAULT_CYCLE_LEASE, null)
                .pollOnce("p-final");

        assertThat(written).isSorted();
        assertThat(written).doesNotHaveDuplicates();
        assertThat(new HashSet<>(queue.keys())).hasSize(600);
        long maxRev = fake.sets.get("OrderRels").stream().mapToLong(r -> r.path("SysRevID").asLong()).max().orElseThrow();
        assertThat(checkpoints.load("epicor-releases#EPIC06").orElseThrow().values()).containsEntry("sysRevId", Long.toString(maxRev));
        boolean anyConflict = pollers.stream().anyMatch(ReleasePoller::lastCycleConflicted);
        System.out.println("[concurrency] checkpoint writes " + written.size() + ", a poller saw a conflict: " + anyConflict);
        if (anyConflict) {
            assertThat(audit.all()).anyMatch(e -> Reason.CHECKPOINT_CONFLICT.code().equals(e.reasonCode())
                    || Reason.POLL_IN_PROGRESS.code().equals(e.reasonCode()));
        }
    }

    @Test
    void conflictingCheckpointWriteStopsTheCycleWithoutWriting() {
        customersAndReleases(150, 10);
        EpicorSettings s = settings();
        ReleasePoller p = poller(s);
        // Another poller moves the checkpoint while this one reads page 1.
        fake.onRequest = req -> {
            if (req.getPath().contains("/Parts") && checkpoints.load("epicor-releases#EPIC06").isEmpty()) {
                checkpoints.compareAndSet("epicor-releases#EPIC06", 0, Map.of("mode", "SYSREVID", "sysRevId", "999999",
                        "orderNum", "1", "orderLine", "1", "orderRelNum", "1"), Instant.now());
            }
        };
        PollSummary summary = p.pollOnce("p");
        assertThat(p.lastCycleConflicted()).isTrue();
        assertThat(summary.pages()).isEqualTo(1);
        assertThat(checkpoints.load("epicor-releases#EPIC06").orElseThrow().values()).containsEntry("sysRevId", "999999");
        assertThat(audit.all()).filteredOn(e -> e.operation() == AuditOperation.POLL_CYCLE).singleElement()
                .satisfies(e -> assertThat(e.reasonCode()).isEqualTo(Reason.CHECKPOINT_CONFLICT.code()));
    }

    @Test
    void skipsNonShippableReleasesWithAReasonAndAuditsThem() {
        fake.customer(100);
        ObjectNode ok = fake.simpleRelease(5001, 100);
        fake.touch(fake.simpleRelease(5002, 100), r -> r.put("DropShip", true));
        fake.touch(fake.simpleRelease(5003, 100), r -> r.put("OurReqQty", 0));
        fake.touch(fake.simpleRelease(5004, 100), r -> r.put("PartNum", "NOT-IN-PART-MASTER"));
        fake.touch(fake.simpleRelease(5005, 100), r -> r.put("PartNum", ""));
        fake.touch(fake.find("OrderDtls", r -> r.path("OrderNum").asInt() == 5005), r -> r.put("PartNum", ""));
        fake.simpleRelease(5006, 100);
        fake.touch(fake.find("Parts", r -> r.path("PartNum").asText().equals("P-5006")), r -> r.put("NetWeight", 0));
        fake.simpleRelease(5007, 100);
        fake.touch(fake.find("Parts", r -> r.path("PartNum").asText().equals("P-5007")), r -> r.put("NetWeightUOM", "EA"));
        fake.simpleRelease(5008, 100);
        fake.touch(fake.find("Parts", r -> r.path("PartNum").asText().equals("P-5008")), r -> r.put("IsServices", true));
        fake.simpleRelease(5009, 100);
        fake.touch(fake.find("OrderDtls", r -> r.path("OrderNum").asInt() == 5009), r -> r.put("LineType", "CONTRACT"));
        fake.simpleRelease(5010, 100);
        fake.touch(fake.find("SalesOrders", r -> r.path("OrderNum").asInt() == 5010), r -> r.put("OpenOrder", false));
        fake.simpleRelease(5011, 100);
        fake.touch(fake.find("SalesOrders", r -> r.path("OrderNum").asInt() == 5011), r -> r.put("VoidOrder", true));
        fake.simpleRelease(5012, 100);
        fake.touch(fake.find("OrderDtls", r -> r.path("OrderNum").asInt() == 5012), r -> r.put("OpenLine", false));
        fake.simpleRelease(5013, 100);
        fake.touch(fake.find("OrderDtls", r -> r.path("OrderNum").asInt() == 5013), r -> r.put("VoidLine", true));
        fake.touch(fake.simpleRelease(5014, 100), r -> r.put("OurStockShippedQty", 4));
        fake.touch(fake.simpleRelease(5015, 100), r -> r.put("ShipToNum", "NOWHERE"));
        fake.touch(fake.simpleRelease(5016, 100), r -> r.put("UseOTS", true).put("OTSName", "One Time")
                .put("OTSCity", "Austin").put("OTSCntryISOCode", "US"));  // no street
        fake.shipTo(100, "OLD");
        fake.touch(fake.find("ShipToes", r -> r.path("ShipToNum").asText().equals("OLD")), r -> r.put("Inactive", true));
        fake.touch(fake.simpleRelease(5017, 100), r -> r.put("ShipToNum", "OLD"));
        fake.touch(fake.simpleRelease(5018, 100), r -> r.put("OpenRelease", false)); // filtered out by Epicor
        fake.touch(ok, r -> r.put("Plant", "MfgSys"));

        PollSummary s = poller(settings()).pollOnce("p");
        // 5004/5005 (no part), 5006/5007 (no weight), 5015/5016 (no usable address) and 5017 (inactive ship-to)
        // need a fix, not a skip: they are enqueued so that the creator fails them into the DLQ, where a redrive
        // after the fix ships them.
        assertThat(s.enqueued()).isEqualTo(8);
        assertThat(s.releasesSeen()).isEqualTo(17);
        assertThat(s.skippedByReason()).containsExactlyInAnyOrderEntriesOf(Map.ofEntries(
                Map.entry("DROP_SHIP", 1), Map.entry("ZERO_QUANTITY", 1),
                Map.entry("SERVICE_ITEM", 2), Map.entry("ORDER_CLOSED", 1),
                Map.entry("ORDER_VOID", 1), Map.entry("LINE_CLOSED", 1), Map.entry("LINE_VOID", 1),
                Map.entry("ALREADY_SHIPPED_IN_EPICOR", 1)));
        List<AuditEntry> skipped = audit.all().stream().filter(e -> e.operation() == AuditOperation.RELEASE_SKIPPED).toList();
        assertThat(skipped).hasSize(9);
        assertThat(queue.keys()).containsExactlyInAnyOrder("EPIC06#5001#1#1", "EPIC06#5004#1#1", "EPIC06#5005#1#1",
                "EPIC06#5006#1#1", "EPIC06#5007#1#1", "EPIC06#5015#1#1", "EPIC06#5016#1#1", "EPIC06#5017#1#1");
        assertThat(audit.forSubject("EPIC06#5007#1#1")).singleElement().satisfies(e -> {
            assertThat(e.operation()).isEqualTo(AuditOperation.RELEASE_ENQUEUED);
            assertThat(e.reasonCode()).isEqualTo("NO_WEIGHT");
            assertThat(e.message()).contains("NetWeightUOM").contains("EA").contains("DLQ");
        });
        assertThat(audit.forSubject("EPIC06#5015#1#1")).singleElement()
                .satisfies(e -> assertThat(e.reasonCode()).isEqualTo("NO_SHIP_TO_ADDRESS"));
        assertThat(audit.forSubject("EPIC06#5016#1#1").get(0).message()).contains("one-time").contains("street");
    }

    /**
     * A release whose part is unknown (blank PartNum, or one not in the Part master) or whose ship-to is inactive
     * is bad data in another table: the poll would never see the release again after the Part or ShipTo row is
     * fixed, so it is enqueued with its reason audited, for the creator to dead-letter until the fix.
     */
    @Test
    void aReleaseWithAnUnknownPartOrAnInactiveShipToIsEnqueuedWithItsReasonAudited() {
        fake.customer(100);
        fake.touch(fake.simpleRelease(5004, 100), r -> r.put("PartNum", "NOT-IN-PART-MASTER"));
        fake.touch(fake.simpleRelease(5005, 100), r -> r.put("PartNum", ""));
        fake.touch(fake.find("OrderDtls", r -> r.path("OrderNum").asInt() == 5005), r -> r.put("PartNum", ""));
        fake.shipTo(100, "OLD");
        fake.touch(fake.find("ShipToes", r -> r.path("ShipToNum").asText().equals("OLD")), r -> r.put("Inactive", true));
        fake.touch(fake.simpleRelease(5017, 100), r -> r.put("ShipToNum", "OLD"));

        PollSummary s = poller(settings()).pollOnce("p");

        assertThat(s.enqueued()).isEqualTo(3);
        assertThat(s.skippedByReason()).isEmpty();
        assertThat(audit.all()).noneMatch(e -> e.operation() == AuditOperation.RELEASE_SKIPPED);
        assertThat(audit.forSubject("EPIC06#5004#1#1")).singleElement().satisfies(e -> {
            assertThat(e.operation()).isEqualTo(AuditOperation.RELEASE_ENQUEUED);
            assertThat(e.reasonCode()).isEqualTo("NO_PART");
            assertThat(e.message()).contains("NOT-IN-PART-MASTER").contains("Part master").contains("DLQ");
        });
        assertThat(audit.forSubject("EPIC06#5005#1#1")).singleElement().satisfies(e -> {
            assertThat(e.reasonCode()).isEqualTo("NO_PART");
            assertThat(e.message()).contains("no PartNum");
        });
        assertThat(audit.forSubject("EPIC06#5017#1#1")).singleElement().satisfies(e -> {
            assertThat(e.operation()).isEqualTo(AuditOperation.RELEASE_ENQUEUED);
            assertThat(e.reasonCode()).isEqualTo("SHIP_TO_INACTIVE");
            assertThat(e.message()).contains("OLD").contains("inactive");
        });

        Map<Integer, ShipmentRequestMessage> byOrder = new java.util.HashMap<>();
        queue.messages().forEach(m -> byOrder.put(m.release().key().orderNum(), m));
        // Unknown part: no weight is known, and the reference names the part so the re-read asks for it again.
        ShipmentRequestMessage unknownPart = byOrder.get(5004);
        assertThat(unknownPart.release().partNum()).isEqualTo("NOT-IN-PART-MASTER");
        assertThat(unknownPart.release().weight()).isNull();
        assertThat(unknownPart.release().quantity().toString()).isEqualTo("4");
        assertThat(unknownPart.release().shipTo().city()).isNotBlank();
        assertThat(unknownPart.references().partNum()).isEqualTo("NOT-IN-PART-MASTER");
        // Blank part: nothing to name.
        ShipmentRequestMessage blankPart = byOrder.get(5005);
        assertThat(blankPart.release().partNum()).isNull();
        assertThat(blankPart.release().weight()).isNull();
        assertThat(blankPart.references().partNum()).isNull();
        // Inactive ship-to: weight and address as Epicor has them; the reference names the ship-to row.
        ShipmentRequestMessage inactive = byOrder.get(5017);
        assertThat(inactive.release().weight()).isEqualByComparingTo("10.000");
        assertThat(inactive.release().shipTo().name()).isEqualTo("Dock OLD");
        assertThat(inactive.references().shipToCustNum()).isEqualTo(100);
        assertThat(inactive.references().shipToNum()).isEqualTo("OLD");
    }

    /** Service items and other carriers' releases are still not ours, whatever their part or ship-to data. */
    @Test
    void aServicePartOrAnotherCarrierIsStillSkippedAndAnUnknownPartIsNotTakenForAService() {
        fake.customer(100);
        fake.simpleRelease(5008, 100);
        fake.touch(fake.find("Parts", r -> r.path("PartNum").asText().equals("P-5008")), r -> r.put("IsServices", true)
                .put("NetWeight", 0));
        fake.touch(fake.simpleRelease(5009, 100), r -> r.put("PartNum", "NOT-IN-PART-MASTER").put("ShipViaCode", "FEDX"));
        fake.shipTo(100, "OLD");
        fake.touch(fake.find("ShipToes", r -> r.path("ShipToNum").asText().equals("OLD")), r -> r.put("Inactive", true));
        fake.touch(fake.simpleRelease(5010, 100), r -> r.put("ShipToNum", "OLD").put("DropShip", true));

        PollSummary s = poller(settings(b -> b.upsShipViaCodes(Set.of("UPSG")))).pollOnce("p");

        assertThat(s.enqueued()).isZero();
        assertThat(s.skippedByReason()).containsExactlyInAnyOrderEntriesOf(Map.of("SERVICE_ITEM", 1,
                "NOT_UPS_SHIP_VIA", 1, "DROP_SHIP", 1));
    }

    @Test
    void aReleaseAnotherCarrierShipsIsSkippedWhenTheUpsShipViasAreKnown() {
        fake.customer(100);
        fake.simpleRelease(5001, 100);
        fake.touch(fake.simpleRelease(5002, 100), r -> r.put("ShipViaCode", "FEDX"));
        // No ShipViaCode on the release: the order header's (UPSG in the fake) applies.
        fake.touch(fake.simpleRelease(5003, 100), r -> r.put("ShipViaCode", ""));
        // No ShipViaCode anywhere names no other carrier: UPS's default service ships it.
        fake.touch(fake.simpleRelease(5004, 100), r -> r.put("ShipViaCode", ""));
        fake.touch(fake.find("SalesOrders", r -> r.path("OrderNum").asInt() == 5004), r -> r.put("ShipViaCode", ""));

        PollSummary s = poller(settings(b -> b.upsShipViaCodes(java.util.Set.of("UPSG", "UPS2")))).pollOnce("p");

        assertThat(s.enqueued()).isEqualTo(3);
        assertThat(s.skippedByReason()).containsExactly(Map.entry("NOT_UPS_SHIP_VIA", 1));
        assertThat(audit.forSubject("EPIC06#5002#1#1")).singleElement()
                .satisfies(e -> assertThat(e.message()).contains("FEDX"));
    }

    @Test
    void resolvesOneTimeAndCustomerAddressesAndGrossKilograms() {
        fake.customer(100);
        fake.touch(fake.simpleRelease(5001, 100), r -> r.put("UseOTS", true).put("OTSName", "Jane O'Brien")
                .put("OTSAddress1", "9 Elm St").put("OTSCity", "Austin").put("OTSState", "TX").put("OTSZIP", "73301")
                .put("OTSCntryISOCode", "us").put("OTSContact", "Jane").put("OTSEMailAddress", "jane@example.com"));
        fake.touch(fake.simpleRelease(5002, 100), r -> r.put("ShipToNum", ""));
        fake.simpleRelease(5003, 100);
        ObjectNode hed = fake.find("SalesOrders", r -> r.path("OrderNum").asInt() == 5003);
        fake.touch(hed, r -> r.put("UseOTS", true).put("ShipToNum", "DOCK").put("OTSName", "Header OTS")
                .put("OTSAddress1", "1 Header Way").put("OTSCity", "Boston").put("OTSZIP", "02101")
                .put("OTSCntryISOCode", "US"));
        fake.part("P-G", "1000", "G");
        fake.touch(fake.simpleRelease(5004, 100), r -> r.put("PartNum", "P-G"));

        EpicorSettings s = settings(b -> b.weightSource(WeightSource.GROSS).weightUnit(WeightUnit.KGS));
        poller(s).pollOnce("p");
        Map<Integer, ShippableRelease> byOrder = new java.util.HashMap<>();
        queue.messages().forEach(m -> byOrder.put(m.release().key().orderNum(), m.release()));
        assertThat(byOrder).hasSize(4);
        assertThat(byOrder.get(5001).shipTo().name()).isEqualTo("Jane O'Brien");
        assertThat(byOrder.get(5001).shipTo().countryCode()).isEqualTo("US");
        assertThat(byOrder.get(5001).shipTo().email()).isEqualTo("jane@example.com");
        assertThat(byOrder.get(5002).shipTo().name()).isEqualTo("Customer 100");
        assertThat(byOrder.get(5002).shipTo().postalCode()).isEqualTo("55401");
        assertThat(byOrder.get(5003).shipTo().name()).isEqualTo("Header OTS");
        // Gross = net + 1: (2.5 + 1) LB x 4 = 14 LB = 6.350 KG; 1001 G x 4 = 4.004 KG
        assertThat(byOrder.get(5001).weight()).isEqualByComparingTo("6.350");
        assertThat(byOrder.get(5001).weightUnit()).isEqualTo(WeightUnit.KGS);
        assertThat(byOrder.get(5004).weight()).isEqualByComparingTo("4.004");
        assertThat(fake.requestsTo("/Customers")).hasSize(1);
        assertThat(fake.requestsTo("/Customers").get(0).getRequestUrl().queryParameter("$filter")).isEqualTo("CustNum eq 100");
        // Every ship-to of customer 100 (DOCK and the missing blank-numbered one), in one call.
        assertThat(fake.requestsTo("/ShipToes")).singleElement().satisfies(r ->
                assertThat(r.getRequestUrl().queryParameter("$filter")).isEqualTo("CustNum eq 100"));
        assertThat(fake.requestsTo("/Parts").get(0).getRequestUrl().queryParameter("$select")).contains("GrossWeight,GrossWeightUOM");
    }

    @Test
    void aBlankShipToNumUsesTheCustomersBlankNumberedShipToWhenEpicorHasOne() {
        fake.customer(100);
        fake.touch(fake.simpleRelease(5001, 100), r -> r.put("ShipToNum", ""));
        fake.touch(fake.shipTo(100, ""), r -> r.put("Name", "Customer 100 main dock").put("ZIP", "55111"));
        poller(settings()).pollOnce("p");
        ShippableRelease r = queue.messages().get(0).release();
        assertThat(r.shipTo().name()).isEqualTo("Customer 100 main dock");
        assertThat(r.shipTo().postalCode()).isEqualTo("55111");
        assertThat(fake.requestsTo("/Customers")).isEmpty();
    }

    @Test
    void changeDateModeOrdersAndFiltersByChangeDateAndTime() {
        fake.customer(100);
        fake.simpleRelease(5001, 100);
        fake.touch(fake.simpleRelease(5002, 100), r -> r.put("ChangeTime", 7200));
        EpicorSettings s = settings(b -> b.checkpointMode(CheckpointMode.CHANGEDATE));
        poller(s).pollOnce("p1");
        assertThat(queue.keys()).containsExactly("EPIC06#5001#1#1", "EPIC06#5002#1#1");
        fake.touch(fake.find("OrderRels", r -> r.path("OrderNum").asInt() == 5001),
                r -> r.put("ChangeDate", "2026-11-28T00:00:00").put("ChangeTime", 60));
        queue.bodies.clear();
        poller(s).pollOnce("p2");
        assertThat(queue.keys()).containsExactly("EPIC06#5001#1#1");
        HttpUrl second = fake.requestsTo("/OrderRels").get(1).getRequestUrl();
        assertThat(second.queryParameter("$orderby")).isEqualTo("ChangeDate,ChangeTime,OrderNum,OrderLine,OrderRelNum");
        assertThat(second.queryParameter("$filter")).contains("ChangeDate gt 2026-11-27T00:00:00Z or (ChangeDate eq 2026-11-27T00:00:00Z and (ChangeTime gt 7200");
    }

    @Test
    void baqSourceReadsKeysFromTheBaqThenReleasesInOneBatchedCall() {
        fake.customer(100);
        for (int i = 0; i < 3; i++) {
            ObjectNode rel = fake.simpleRelease(6000 + i, 100);
            ObjectNode baq = com.epicorups.core.Json.mapper().createObjectNode();
            baq.put("OrderRel_OrderNum", rel.path("OrderNum").asInt()).put("OrderRel_OrderLine", 1).put("OrderRel_OrderRelNum", 1)
                    .put("OrderRel_SysRevID", rel.path("SysRevID").asLong()).put("Customer_Name", "Customer 100");
            fake.sets.computeIfAbsent("BAQ:UPS-READY", k -> new CopyOnWriteArrayList<>()).add(baq);
        }
        ObjectNode ghost = com.epicorups.core.Json.mapper().createObjectNode();
        ghost.put("OrderRel_OrderNum", 6999).put("OrderRel_OrderLine", 1).put("OrderRel_OrderRelNum", 1).put("OrderRel_SysRevID", 99999);
        fake.sets.get("BAQ:UPS-READY").add(ghost);

        EpicorSettings s = settings(b -> b.source(EpicorSettings.Source.BAQ).baqId("UPS-READY"));
        PollSummary summary = poller(s).pollOnce("p");
        assertThat(summary.enqueued()).isEqualTo(3);
        assertThat(summary.skippedByReason()).containsEntry("RELEASE_GONE", 1);
        HttpUrl baqCall = fake.requestsTo("/BaqSvc/").get(0).getRequestUrl();
        assertThat(baqCall.encodedPath()).isEqualTo("/EpicorLive/api/v2/odata/EPIC06/BaqSvc/UPS-READY/Data");
        assertThat(baqCall.queryParameter("$orderby")).isEqualTo("OrderRel_SysRevID,OrderRel_OrderNum,OrderRel_OrderLine,OrderRel_OrderRelNum");
        assertThat(fake.requestsTo("/OrderRels")).hasSize(1);
        assertThat(checkpoints.load("epicor-releases#EPIC06").orElseThrow().values()).containsEntry("sysRevId", "99999");
        System.out.println("[queries] BAQ page: GET " + decoded(fake.requestsTo("/BaqSvc/").get(0)));
    }

    @Test
    void tokenModeFetchesATokenAtTheStartOfEveryCycleAndCountsIt() {
        fake.customer(100);
        fake.simpleRelease(5001, 100);
        ReleasePoller p = poller(secret(b -> b.authMode(EpicorSecret.AuthMode.TOKEN)), settings());
        PollSummary first = p.pollOnce("p1");
        PollSummary second = p.pollOnce("p2");
        assertThat(fake.tokensIssued.get()).isEqualTo(2);
        assertThat(first.epicorCalls()).isEqualTo(6);   // token + page + 4 lookups
        assertThat(second.epicorCalls()).isEqualTo(2);  // token + empty page
        assertThat(fake.requestsTo("/OrderRels").get(1).getHeader("Authorization")).isEqualTo("Bearer tok-2");
    }

    @Test
    void aRefusedTokenAtTheStartOfACycleReleasesTheLeaseAndIsAudited() {
        fake.customer(100);
        fake.simpleRelease(5001, 100);
        EpicorSecret token = secret(b -> b.authMode(EpicorSecret.AuthMode.TOKEN));
        fake.interceptors.add(r -> r.getPath().endsWith("/TokenResource.svc/")
                ? FakeEpicor.error(401, "Unauthorized", "User account is locked", "Ice.Common.AuthenticationException")
                : null);

        List<String> lines = new java.util.concurrent.CopyOnWriteArrayList<>();
        com.epicorups.logging.LogConfig previous = com.epicorups.logging.JsonLogger.configure(
                new com.epicorups.logging.LogConfig(com.epicorups.logging.LogLevel.INFO, "test", lines::add,
                        java.time.Clock.systemUTC()));
        try {
            assertThatThrownBy(() -> poller(token, settings()).pollOnce("p1")).isInstanceOf(ConnectorException.class)
                    .hasMessageContaining("User account is locked");
        } finally {
            com.epicorups.logging.JsonLogger.configure(previous);
        }

        assertThat(audit.all()).anySatisfy(e -> {
            assertThat(e.operation()).isEqualTo(AuditOperation.POLL_CYCLE);
            assertThat(e.outcome()).isEqualTo(AuditOutcome.FAILED);
        });
        // The logs say it too, with the same reason code as the audit entry.
        assertThat(lines).filteredOn(l -> l.contains("\"work_failed\"")).singleElement().satisfies(l -> {
            assertThat(l).contains("\"level\":\"ERROR\"").contains("\"operation\":\"POLL_CYCLE\"")
                    .contains("\"subject\":\"p1\"").contains("User account is locked");
            assertThat(l).contains("\"reasonCode\":\"" + audit.all().stream()
                    .filter(e -> e.operation() == AuditOperation.POLL_CYCLE).findFirst().orElseThrow().reasonCode()
                    + "\"");
        });
        fake.interceptors.clear();
        PollSummary next = poller(token, settings()).pollOnce("p2");
        assertThat(next.enqueued()).as("the lease was released: the next cycle polls at once").isEqualTo(1);
    }
}

package com.epicorups.epicor.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.epicorups.epicor.EpicorSettings;
import com.epicorups.model.ShipmentRequestMessage;
import com.epicorups.pipeline.ReleasePoller;
import com.epicorups.port.PollSummary;
import com.epicorups.sandbox.epicor.EpicorDataset;
import com.epicorups.store.memory.InMemoryAuditLog;
import com.epicorups.store.memory.InMemoryCheckpointStore;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The real ReleasePoller against the Epicor sandbox's sample data. */
class ReleasePollSandboxTest extends SandboxSupport {
    /** Shippable releases of the sample (see the sandbox README): enqueued. */
    static final List<String> ENQUEUED = List.of(
            "5001/1/1", "5001/2/1", "5001/3/1", "5002/1/1", "5002/1/2", "5002/1/3", "5003/1/1", "5005/2/1",
            "5007/2/1", "5009/2/1", "5010/1/1", "5011/1/1", "5012/1/1", "5012/2/1", "5013/1/1", "5014/1/1",
            "5014/2/1", "5015/1/1", "5016/1/1", "5017/1/1", "5018/1/1", "5019/1/1", "5020/1/1", "5021/1/1",
            "5022/1/1", "5022/1/2", "5025/1/1", "5025/2/1", "5025/3/1", "5025/4/1", "5026/1/2", "5027/1/1",
            "5027/2/1", "5028/1/1", "5028/1/2", "5030/1/1", "5030/2/1");
    /**
     * Shippable but with bad data (a part without weight): enqueued all the same, so that the creator fails
     * them into the DLQ with the reason and a redrive after the fix ships them.
     */
    static final List<String> NEEDS_FIX = List.of(
            "5008/1/2",                       // GASKET-KIT, NetWeight 0
            "5021/2/1",
            "5029/1/1");
    /** Read by the poll but not shippable, with the audited reason. */
    private static final Map<String, String> SKIPPED = Map.of(
            "5007/1/1", "DROP_SHIP",          // drop-ship release: the supplier ships it
            "5008/1/1", "ZERO_QUANTITY",
            "5009/1/1", "SERVICE_ITEM");      // SVC-INSTALL, Part.IsServices
    /** Excluded by the default eligibility filter (OpenRelease, not VoidRelease, FirmRelease, ReadyToFulfill). */
    private static final Set<String> EXCLUDED_BY_FILTER = Set.of(
            "5003/2/1",  // closed release, shipped
            "5004/1/1",  // void order (release void too)
            "5005/1/1",  // void line and release
            "5006/1/1",  // not ReadyToFulfill
            "5023/1/1",  // closed order, release shipped
            "5024/1/1",  // not ReadyToFulfill
            "5026/1/1"); // void release

    @Test
    void aFullPollInPagesOfTenAccountsForEveryReleaseOfTheSample() {
        startOData(EpicorDataset.sample());
        RecordingQueue queue = new RecordingQueue();
        InMemoryAuditLog audit = new InMemoryAuditLog();
        InMemoryCheckpointStore checkpoints = new InMemoryCheckpointStore();

        PollSummary summary = poller(orderRelsSettings(b -> b.pageSize(10)), checkpoints, queue, audit)
                .pollOnce("poll-1");

        assertThat(queue.keys()).containsExactlyInAnyOrderElementsOf(allEnqueued());
        for (String key : NEEDS_FIX) {
            assertThat(find(queue, key).release().weight()).as(key + " has no weight").isNull();
        }
        assertThat(skips(audit)).isEqualTo(SKIPPED);
        Set<String> all = new TreeSet<>();
        sandbox.dataset().get("OrderRels").forEach(r -> all.add(r.get("OrderNum") + "/" + r.get("OrderLine") + "/"
                + r.get("OrderRelNum")));
        Set<String> accounted = new TreeSet<>(allEnqueued());
        accounted.addAll(SKIPPED.keySet());
        accounted.addAll(EXCLUDED_BY_FILTER);
        assertThat(all).hasSize(50).isEqualTo(accounted);
        assertThat(summary.releasesSeen()).isEqualTo(ENQUEUED.size() + NEEDS_FIX.size() + SKIPPED.size());
        assertThat(summary.pages()).as("43 rows in pages of 10").isEqualTo(5);
        assertThat(summary.enqueued()).isEqualTo(40);
        assertThat(summary.skippedByReason()).containsExactlyInAnyOrderEntriesOf(
                Map.of("DROP_SHIP", 1, "ZERO_QUANTITY", 1, "SERVICE_ITEM", 1));
        assertThat(badRequests()).as("the sandbox's strict OData parser accepted every query").isEmpty();
        assertThat(sandbox.requests().size()).isEqualTo(summary.epicorCalls());

        ShipmentRequestMessage partlyShipped = find(queue, "5019/1/1");
        assertThat(partlyShipped.release().quantity()).isEqualByComparingTo(new BigDecimal("3"));
        ShipmentRequestMessage oneTimeShipTo = find(queue, "5018/1/1");
        assertThat(oneTimeShipTo.release().shipTo().countryCode()).isEqualTo("CA");
        assertThat(oneTimeShipTo.release().shipTo().city()).isEqualToIgnoringCase("Laval");
        assertThat(find(queue, "5010/1/1").release().shipViaCode()).as("not UPS: decided by the UPS mapping")
                .isEqualTo("FEDX");

        PollSummary again = poller(orderRelsSettings(b -> b.pageSize(10)), checkpoints, queue, audit).pollOnce("poll-2");
        assertThat(again.enqueued()).as("nothing changed since the checkpoint").isZero();
        assertThat(again.releasesSeen()).isZero();
    }

    @Test
    void theBaqSourceWorksAgainstTheStrictParser() {
        start(EpicorDataset.sample());
        // The ReadyToShip BAQ's criteria are the default eligibility filter's: the connector skips the same releases.
        RecordingQueue baqQueue = new RecordingQueue();
        InMemoryAuditLog baqAudit = new InMemoryAuditLog();
        PollSummary baq = poller(settings(b -> b.pageSize(10).source(EpicorSettings.Source.BAQ).baqId("ReadyToShip")),
                baqQueue, baqAudit).pollOnce("baq");
        assertThat(baq.releasesSeen()).isEqualTo(ENQUEUED.size() + NEEDS_FIX.size() + SKIPPED.size());
        assertThat(baqQueue.keys()).containsExactlyInAnyOrderElementsOf(allEnqueued());
        assertThat(skips(baqAudit)).isEqualTo(SKIPPED);
        assertThat(sandbox.requests().count(com.epicorups.sandbox.epicor.RequestKind.READ_BAQ)).isEqualTo(baq.pages());
        assertThat(badRequests()).isEmpty();
    }

    @Test
    void theBaqSourceIsTheDefaultAndFiltersChildSetsOnlyOnTheirParentsKey() {
        start(EpicorDataset.sample());
        RecordingQueue queue = new RecordingQueue();
        InMemoryAuditLog audit = new InMemoryAuditLog();
        InMemoryCheckpointStore checkpoints = new InMemoryCheckpointStore();
        PollSummary summary = poller(settings(b -> b.pageSize(10)), checkpoints, queue, audit).pollOnce("default");

        assertThat(summary.releasesSeen()).isEqualTo(43);
        assertThat(queue.keys()).containsExactlyInAnyOrderElementsOf(allEnqueued());
        assertThat(skips(audit)).isEqualTo(SKIPPED);
        assertThat(badRequests()).as("no filter the parent table cannot read").isEmpty();
        for (com.epicorups.sandbox.epicor.RecordedRequest r : sandbox.requests().all()) {
            String query = r.query() == null ? "" : java.net.URLDecoder.decode(r.query(),
                    java.nio.charset.StandardCharsets.UTF_8);
            if (r.path().endsWith("/OrderRels") || r.path().endsWith("/OrderDtls")) {
                assertThat(query).as(r.path()).contains("$filter=OrderNum eq ").doesNotContain("OrderLine eq")
                        .doesNotContain("OrderRelNum eq");
            }
            if (r.path().endsWith("/ShipToes")) {
                assertThat(query).contains("$filter=CustNum eq ").doesNotContain("ShipToNum eq");
            }
        }
        // A release edited after the poll, and one the BAQ now returns: the next poll enqueues both, once.
        sandbox.dataset().update("OrderRels", rel(5001, 1, 1), Map.of("OurReqQty", 45));
        sandbox.dataset().update("OrderRels", rel(5006, 1, 1), Map.of("ReadyToFulfill", true));
        queue.messages.clear();
        poller(settings(b -> b.pageSize(10)), checkpoints, queue, audit).pollOnce("default-2");
        assertThat(queue.keys()).containsExactlyInAnyOrder("5001/1/1", "5006/1/1");
        assertThat(find(queue, "5001/1/1").release().quantity()).isEqualByComparingTo(new BigDecimal("45"));
        assertThat(badRequests()).isEmpty();
    }

    @Test
    void theChangeDateCheckpointWorksAgainstTheStrictParser() {
        startOData(EpicorDataset.sample());
        InMemoryCheckpointStore checkpoints = new InMemoryCheckpointStore();
        RecordingQueue byDate = new RecordingQueue();
        EpicorSettings changeDate = orderRelsSettings(b -> b.pageSize(10)
                .checkpointMode(EpicorSettings.CheckpointMode.CHANGEDATE));
        ReleasePoller poller = poller(changeDate, checkpoints, byDate, new InMemoryAuditLog());
        assertThat(poller.pollOnce("date-1").enqueued()).isEqualTo(40);
        assertThat(byDate.keys()).containsExactlyInAnyOrderElementsOf(allEnqueued());
        assertThat(poller.pollOnce("date-2").enqueued()).isZero();
        sandbox.dataset().update("OrderRels", rel(5001, 1, 1), Map.of("OurReqQty", 44));
        assertThat(poller.pollOnce("date-3").enqueued()).isEqualTo(1);

        assertThat(badRequests()).isEmpty();
    }

    @Test
    void editsMadeWhileAPollRunsAreEnqueuedOncePerChange() {
        startOData(EpicorDataset.sample());
        InMemoryCheckpointStore checkpoints = new InMemoryCheckpointStore();
        InMemoryAuditLog audit = new InMemoryAuditLog();
        // After the first page is enqueued: edit a release that page already sent, one not read yet, and make an
        // excluded one eligible.
        RecordingQueue queue = new RecordingQueue().afterBatch(batch -> {
            if (batch == 1) {
                sandbox.dataset().update("OrderRels", rel(5001, 1, 1), Map.of("OurReqQty", 45));
                sandbox.dataset().update("OrderRels", rel(5030, 1, 1), Map.of("OurReqQty", 3));
                sandbox.dataset().update("OrderRels", rel(5006, 1, 1), Map.of("ReadyToFulfill", true));
            }
        });
        EpicorSettings s = orderRelsSettings(b -> b.pageSize(10));
        ReleasePoller poller = poller(s, checkpoints, queue, audit);

        poller.pollOnce("poll-1");
        poller.pollOnce("poll-2");
        PollSummary third = poller.pollOnce("poll-3");

        assertThat(third.enqueued()).isZero();
        List<String> twice = new ArrayList<>(allEnqueued());
        twice.add("5001/1/1");
        twice.add("5006/1/1");
        assertThat(queue.keys()).containsExactlyInAnyOrderElementsOf(twice);
        assertThat(queue.messages.stream().filter(m -> shortKey(m.release().key()).equals("5001/1/1"))
                .map(m -> m.release().quantity().intValue())).containsExactly(40, 45);
        assertThat(find(queue, "5030/1/1").release().quantity()).as("read after the edit")
                .isEqualByComparingTo(new BigDecimal("3"));
        assertThat(badRequests()).isEmpty();
    }

    @Test
    void callsPerCycleGrowWithPagesNotReleases() {
        // Every release source (pack mode's calls per pack are the bench's: bench --packs).
        for (EpicorSettings.Source source : java.util.Arrays.stream(EpicorSettings.Source.values())
                .filter(s -> !s.isPacks()).toList()) {
            boolean baq = source == EpicorSettings.Source.BAQ;
            java.util.function.UnaryOperator<EpicorSettings.Builder> ofSource = b -> b.source(source);
            startIn(baq, GeneratedDataset.releases(1));
            PollSummary one = poller(settings(ofSource), new RecordingQueue(), new InMemoryAuditLog()).pollOnce("one");
            assertThat(one.enqueued()).isEqualTo(1);
            sandbox.close();

            startIn(baq, GeneratedDataset.releases(1000));
            RecordingQueue queue = new RecordingQueue();
            PollSummary thousand = poller(settings(ofSource), queue, new InMemoryAuditLog()).pollOnce("thousand");
            System.out.println("Epicor calls per poll cycle (" + source + "): 1 release = " + one.epicorCalls()
                    + ", 1,000 releases = " + thousand.epicorCalls() + " in " + thousand.pages() + " pages (pageSize 100, "
                    + sandbox.requests().countsByKind() + ")");

            assertThat(thousand.enqueued()).isEqualTo(1000);
            assertThat(queue.keys()).doesNotHaveDuplicates();
            assertThat(thousand.epicorCalls()).isLessThanOrEqualTo(15 + thousand.pages() * 6);
            assertThat(one.epicorCalls()).isLessThanOrEqualTo(6);
            assertThat(sandbox.requests().size()).isEqualTo(thousand.epicorCalls());
            assertThat(badRequests()).isEmpty();
            sandbox.close();
        }
    }

    /** The BAQ source under the default (parent-bound) child-set reading; ORDER_RELS under OData's. */
    private void startIn(boolean baq, String json) {
        if (baq) {
            start(EpicorDataset.fromJson(json));
        } else {
            startOData(EpicorDataset.fromJson(json));
        }
    }

    private static ShipmentRequestMessage find(RecordingQueue queue, String key) {
        return queue.messages.stream().filter(m -> shortKey(m.release().key()).equals(key)).findFirst().orElseThrow();
    }

    static Map<String, Object> rel(int order, int line, int rel) {
        return Map.of("Company", COMPANY, "OrderNum", order, "OrderLine", line, "OrderRelNum", rel);
    }

    static List<String> allEnqueued() {
        List<String> all = new java.util.ArrayList<>(ENQUEUED);
        all.addAll(NEEDS_FIX);
        return all;
    }
}

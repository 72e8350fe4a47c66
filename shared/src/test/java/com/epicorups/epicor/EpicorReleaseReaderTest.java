package com.epicorups.epicor;

import static org.assertj.core.api.Assertions.assertThat;

import com.epicorups.model.ReleaseKey;
import com.epicorups.port.ReleaseRecheck;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EpicorReleaseReaderTest extends EpicorTestSupport {
    private static ReleaseKey key(int order) {
        return new ReleaseKey("EPIC06", order, 1, 1);
    }

    @Test
    void aShippableReleaseIsReadFreshWithCurrentValues() {
        fake.customer(100);
        fake.simpleRelease(5001, 100);
        fake.touch(fake.find("OrderRels", r -> true), r -> r.put("OurReqQty", new BigDecimal("6")));
        ReleaseRecheck r = new EpicorReleaseReader(client(settings()), settings()).recheck(key(5001));
        assertThat(r.isShippable()).isTrue();
        assertThat(r.current().quantity()).isEqualByComparingTo("6");
        assertThat(r.current().weight()).isEqualByComparingTo("15.000");
        assertThat(fake.requests.get(0).getPath())
                .startsWith("/EpicorLive/api/v2/odata/EPIC06/Erp.BO.SalesOrderSvc/OrderRels('EPIC06',5001,1,1)?$select=");
    }

    @Test
    void aDeletedReleaseIsGone() {
        ReleaseRecheck r = new EpicorReleaseReader(client(settings()), settings()).recheck(key(4242));
        assertThat(r.isShippable()).isFalse();
        assertThat(r.notShippableReason()).isEqualTo("RELEASE_GONE");
        assertThat(fake.requests).hasSize(1);
    }

    @Test
    void voidClosedIneligibleAndOrderLevelStatesAreNotShippable() {
        fake.customer(100);
        fake.touch(fake.simpleRelease(5001, 100), r -> r.put("VoidRelease", true));
        fake.touch(fake.simpleRelease(5002, 100), r -> r.put("OpenRelease", false));
        fake.touch(fake.simpleRelease(5003, 100), r -> r.put("ReadyToFulfill", false));
        fake.simpleRelease(5004, 100);
        fake.touch(fake.find("SalesOrders", r -> r.path("OrderNum").asInt() == 5004), r -> r.put("OpenOrder", false));
        fake.simpleRelease(5005, 100);
        fake.touch(fake.find("Parts", r -> r.path("PartNum").asText().equals("P-5005")), r -> r.putNull("NetWeight"));
        EpicorReleaseReader reader = new EpicorReleaseReader(client(settings()), settings());
        assertThat(reader.recheck(key(5001)).notShippableReason()).isEqualTo("RELEASE_VOID");
        assertThat(reader.recheck(key(5002)).notShippableReason()).isEqualTo("RELEASE_CLOSED");
        assertThat(reader.recheck(key(5003)).notShippableReason()).isEqualTo("NOT_ELIGIBLE");
        assertThat(reader.recheck(key(5004)).notShippableReason()).isEqualTo("ORDER_CLOSED");
        assertThat(reader.recheck(key(5005))).satisfies(r -> {
            assertThat(r.notShippableReason()).isEqualTo("NO_WEIGHT");
            assertThat(r.detail()).contains("NetWeight");
        });
    }

    @Test
    void recheckAllWaitsForTwoReadsInSequenceNotFive() {
        fake.customer(100);
        List<ReleaseKey> keys = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            fake.simpleRelease(7100 + i, 100);
            keys.add(key(7100 + i));
        }
        // Each read waits at its step's barrier until the step's other reads have arrived: were they sent one
        // after the other, the barrier would time out and the read would be recorded as sequential.
        java.util.concurrent.CyclicBarrier first = new java.util.concurrent.CyclicBarrier(3);
        java.util.concurrent.CyclicBarrier second = new java.util.concurrent.CyclicBarrier(2);
        java.util.Set<String> sequential = java.util.concurrent.ConcurrentHashMap.newKeySet();
        fake.onRequest = req -> {
            String path = req.getPath();
            java.util.concurrent.CyclicBarrier barrier = path.contains("/OrderRels?") || path.contains("/SalesOrders?")
                    || path.contains("/OrderDtls?") ? first
                    : path.contains("/Parts?") || path.contains("/ShipToes?") ? second : null;
            if (barrier != null) {
                try {
                    barrier.await(3, java.util.concurrent.TimeUnit.SECONDS);
                } catch (Exception e) {
                    sequential.add(path.substring(0, path.indexOf('?')));
                }
            }
        };
        EpicorClient c = client(settings());
        c.refreshIdentity();

        Map<ReleaseKey, ReleaseRecheck> result = new EpicorReleaseReader(c, settings()).recheckAll(keys);

        assertThat(result.values()).hasSize(5).allMatch(ReleaseRecheck::isShippable);
        assertThat(sequential).as("reads that waited alone at their step").isEmpty();
    }

    @Test
    void recheckAllIsBatched() {
        fake.customer(100);
        List<ReleaseKey> keys = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            fake.simpleRelease(7000 + i, 100);
            keys.add(key(7000 + i));
        }
        fake.touch(fake.find("OrderRels", r -> r.path("OrderNum").asInt() == 7003), r -> r.put("VoidRelease", true));
        keys.add(key(7999));
        EpicorClient c = client(settings());
        Map<ReleaseKey, ReleaseRecheck> result = new EpicorReleaseReader(c, settings()).recheckAll(keys);
        assertThat(result).hasSize(31);
        assertThat(result.values().stream().filter(ReleaseRecheck::isShippable)).hasSize(29);
        assertThat(result.get(key(7003)).notShippableReason()).isEqualTo("RELEASE_VOID");
        assertThat(result.get(key(7999)).notShippableReason()).isEqualTo("RELEASE_GONE");
        // eligible releases + the two it left out (void, gone) + orders + lines + parts + ship-tos, one call each
        assertThat(c.callCount()).isEqualTo(6);
        System.out.println("[calls] recheckAll of 31 releases: " + c.callCount() + " Epicor calls");
    }

    @Test
    void recheckAllOfEligibleReleasesReadsOrderRelsOnce() {
        fake.customer(100);
        List<ReleaseKey> keys = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            fake.simpleRelease(7100 + i, 100);
            keys.add(key(7100 + i));
        }
        EpicorClient c = client(settings());
        Map<ReleaseKey, ReleaseRecheck> result = new EpicorReleaseReader(c, settings()).recheckAll(keys);
        assertThat(result.values()).allSatisfy(r -> assertThat(r.isShippable()).isTrue());
        // OrderRels with the eligibility filter and the ten keys + orders + lines + parts + ship-tos
        assertThat(c.callCount()).isEqualTo(5);
        assertThat(fake.requests.stream().filter(r -> r.getPath().contains("/OrderRels?"))).hasSize(1);
    }
}

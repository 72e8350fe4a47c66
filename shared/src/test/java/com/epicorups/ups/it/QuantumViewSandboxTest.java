package com.epicorups.ups.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.epicorups.model.TrackingStatus;
import com.epicorups.model.TrackingUpdate;
import com.epicorups.port.CreatedShipment;
import com.epicorups.port.QuantumViewBatch;
import com.epicorups.sandbox.ups.Operation;
import com.epicorups.sandbox.ups.Status;
import com.epicorups.ups.UpsClients;
import com.epicorups.ups.quantumview.UpsQuantumView;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Quantum View unread feed through the real client against the sandbox. */
class QuantumViewSandboxTest {
    @RegisterExtension
    static final UpsSandboxExtension ups = new UpsSandboxExtension();

    @BeforeEach
    void drainTheFeed() {
        ups.sandbox().quantumView().eventsPerPage(50);
        ups.clients().quantumView().readUnread();
        assertThat(ups.sandbox().quantumView().unreadCount()).isZero();
    }

    /** Ships four packages and moves them along: 4 manifests + 2 origins + exception + delivery + void + return. */
    private List<String> shipAndAdvance(UpsClients clients) {
        List<String> tns = new ArrayList<>();
        for (String wh : List.of("CHI", "ATL", "RNO", "CHI")) {
            ups.clock().advance(Duration.ofMinutes(3));
            CreatedShipment c = clients.shipping().create(List.of(Releases.release(wh, "UPS GROUND", Releases.NEW_YORK)));
            tns.add(c.trackingNumbers().get(0));
        }
        ups.clock().advance(Duration.ofMinutes(30));
        ups.sandbox().shipments().advance(tns.get(0), Status.PICKED_UP);
        ups.sandbox().shipments().advance(tns.get(1), Status.PICKED_UP);
        ups.clock().advance(Duration.ofHours(5));
        ups.sandbox().shipments().advance(tns.get(0), Status.EXCEPTION);
        ups.sandbox().shipments().advance(tns.get(1), Status.DELIVERED);
        clients.shipping().voidShipment(tns.get(2), "RNO");
        ups.sandbox().shipments().advance(tns.get(3), Status.PICKED_UP);
        ups.sandbox().shipments().advance(tns.get(3), Status.RETURNED);
        return tns;
    }

    @Test
    void followsBookmarksOverSeveralPagesAndMapsEveryFileType() {
        UpsClients clients = ups.clients();
        List<String> tns = shipAndAdvance(clients);
        int entries = ups.sandbox().quantumView().unreadCount();
        assertThat(entries).isEqualTo(11);
        ups.sandbox().quantumView().eventsPerPage(3);
        int before = ups.sandbox().requests(Operation.QUANTUM_VIEW);

        QuantumViewBatch batch = clients.quantumView().readUnread();

        assertThat(batch.pages()).isEqualTo(4);
        assertThat(batch.rawResponses()).hasSize(4);
        assertThat(ups.sandbox().requests(Operation.QUANTUM_VIEW) - before).isEqualTo(4);
        assertThat(batch.retryAfter()).isNull();
        assertThat(ups.sandbox().quantumView().unreadCount()).isZero();
        assertThat(batch.updates()).hasSize(entries);
        assertThat(batch.updates()).extracting(TrackingUpdate::eventId).doesNotHaveDuplicates();

        Map<String, List<TrackingStatus>> byNumber = batch.updates().stream().collect(Collectors.groupingBy(
                u -> u.trackingNumbers().get(0), Collectors.mapping(TrackingUpdate::status, Collectors.toList())));
        assertThat(byNumber.get(tns.get(0))).containsExactly(TrackingStatus.LABEL_CREATED, TrackingStatus.PICKED_UP,
                TrackingStatus.EXCEPTION);
        assertThat(byNumber.get(tns.get(1))).containsExactly(TrackingStatus.LABEL_CREATED, TrackingStatus.PICKED_UP,
                TrackingStatus.DELIVERED);
        assertThat(byNumber.get(tns.get(2))).containsExactly(TrackingStatus.LABEL_CREATED, TrackingStatus.VOIDED);
        assertThat(byNumber.get(tns.get(3))).containsExactly(TrackingStatus.LABEL_CREATED, TrackingStatus.PICKED_UP,
                TrackingStatus.RETURNED);

        TrackingUpdate delivered = batch.updates().stream().filter(u -> u.status() == TrackingStatus.DELIVERED)
                .findFirst().orElseThrow();
        assertThat(delivered.deliveredAt()).isEqualTo(ups.clock().instant());
        assertThat(delivered.statusDescription()).contains("FRONT DOOR");
        TrackingUpdate manifest = batch.updates().get(0);
        assertThat(manifest.status()).isEqualTo(TrackingStatus.LABEL_CREATED);
        assertThat(manifest.estimatedDelivery()).isNotNull();
        TrackingUpdate picked = batch.updates().stream().filter(u -> u.status() == TrackingStatus.PICKED_UP)
                .findFirst().orElseThrow();
        assertThat(picked.eventTime()).isBefore(ups.clock().instant()).isAfter(Instant.now().minus(Duration.ofDays(2)));
    }

    @Test
    void unreadEventsAreConsumedOnce() {
        UpsClients clients = ups.clients();
        clients.shipping().create(List.of(Releases.release("CHI", "UPS GROUND", Releases.NEW_YORK)));
        UpsQuantumView qv = clients.quantumView();

        QuantumViewBatch first = qv.readUnread();
        QuantumViewBatch second = qv.readUnread();

        assertThat(first.updates()).hasSize(1);
        assertThat(second.updates()).isEmpty();
        assertThat(second.pages()).isEqualTo(1);
    }

    @Test
    void minimumRetrySecondsInA200IsHonouredAndNothingIsConsumed() {
        UpsClients clients = ups.clients();
        clients.shipping().create(List.of(Releases.release("ATL", "UPS GROUND", Releases.NEW_YORK)));
        ups.sandbox().quantumView().failNext(1, 120, 200);
        int before = ups.sandbox().requests(Operation.QUANTUM_VIEW);

        QuantumViewBatch batch = clients.quantumView().readUnread();

        assertThat(batch.retryAfter()).isEqualTo(Duration.ofSeconds(120));
        assertThat(batch.updates()).isEmpty();
        assertThat(ups.sandbox().requests(Operation.QUANTUM_VIEW) - before).isEqualTo(1);
        assertThat(ups.sandbox().quantumView().unreadCount()).isEqualTo(1);
        assertThat(clients.quantumView().readUnread().updates()).hasSize(1);
    }

    @Test
    void minimumRetrySecondsInA503IsHonouredWithoutATransportRetry() {
        UpsClients clients = ups.clients();
        clients.shipping().create(List.of(Releases.release("ATL", "UPS GROUND", Releases.NEW_YORK)));
        ups.sandbox().quantumView().failNext(1, 300, 503);
        int before = ups.sandbox().requests(Operation.QUANTUM_VIEW);

        QuantumViewBatch batch = clients.quantumView().readUnread();

        assertThat(batch.retryAfter()).isEqualTo(Duration.ofSeconds(300));
        assertThat(ups.sandbox().requests(Operation.QUANTUM_VIEW) - before).as("UPS asked to wait 300 s: no retry now")
                .isEqualTo(1);
        assertThat(ups.sandbox().quantumView().unreadCount()).isEqualTo(1);
    }
}

package com.epicorups.sandbox.ups;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class QuantumViewTest extends SandboxTestBase {

    private static final String QV = "/api/quantumview/v3/events";

    @BeforeEach
    void login() {
        client.login();
    }

    @Test
    void bookmarkPagesThroughUnreadEventsExactlyOnce() {
        ups.quantumView().eventsPerPage(4);
        List<String> shipped = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String tn = ship("SO-" + i);
            shipped.add(tn);
            ups.shipments().advance(tn, Status.PICKED_UP);
        }
        ups.shipments().advance(shipped.get(0), Status.DELIVERED);
        client.delete("/api/shipments/v2409/void/cancel/" + ship("SO-VOID"));
        // 6 manifests + 5 origins + 1 delivery + 1 void = 13 entries -> pages of 4,4,4,1

        List<JsonNode> pages = new ArrayList<>();
        String bookmark = null;
        do {
            TestClient.Answer answer = client.post(QV, TestClient.quantumViewRequest("OutboundShipments", bookmark));
            assertThat(answer.status()).as(answer.json().toString()).isEqualTo(200);
            pages.add(answer.json());
            bookmark = answer.json().at("/QuantumViewResponse/Bookmark").asText(null);
        } while (bookmark != null && pages.size() < 10);

        assertThat(pages).hasSize(4);
        List<String> kinds = new ArrayList<>();
        for (JsonNode page : pages) {
            JsonNode file = page.at("/QuantumViewResponse/QuantumViewEvents/SubscriptionEvents/0/SubscriptionFile/0");
            assertThat(file.at("/StatusType/Code").asText()).isEqualTo("U");
            file.fieldNames().forEachRemaining(name -> {
                if (file.get(name).isArray()) {
                    file.get(name).forEach(entry -> kinds.add(name));
                }
            });
        }
        assertThat(kinds).hasSize(13);
        assertThat(kinds.stream().filter("Manifest"::equals)).hasSize(6);
        assertThat(kinds.stream().filter("Origin"::equals)).hasSize(5);
        assertThat(kinds).contains("Delivery", "Generic");
        JsonNode generic = pages.get(3).findValue("Generic");
        assertThat(generic.at("/0/ActivityType").asText()).isEqualTo("VM");

        JsonNode again = client.post(QV, TestClient.quantumViewRequest("OutboundShipments", null)).json();
        assertThat(again.at("/QuantumViewResponse/QuantumViewEvents/SubscriptionEvents")).isEmpty();
        assertThat(again.at("/QuantumViewResponse/Bookmark").isMissingNode()).isTrue();
        assertThat(ups.quantumView().unreadCount()).isZero();
    }

    @Test
    void manifestCarriesReferencesAndPackages() {
        String tn = ship("SO-77");

        JsonNode manifest = client.post(QV, TestClient.quantumViewRequest("OutboundShipments", null)).json()
                .findValue("Manifest").get(0);

        assertThat(manifest.at("/Shipper/ShipperNumber").asText()).isEqualTo("A1B2C3");
        assertThat(manifest.at("/Package/0/TrackingNumber").asText()).isEqualTo(tn);
        assertThat(manifest.at("/Package/0/ReferenceNumber/0/Value").asText()).isEqualTo("SO-77");
    }

    @Test
    void unknownBookmarkAndUnknownSubscriptionAreErrors() {
        assertThat(client.post(QV, TestClient.quantumViewRequest("OutboundShipments", "bm90LWEtYm9va21hcms=")).status())
                .isEqualTo(400);
        assertThat(client.post(QV, TestClient.quantumViewRequest("SomeoneElse", null)).status()).isEqualTo(400);
    }

    @Test
    void transientErrorCarriesMinimumRetrySeconds() {
        ship("SO-1");
        ups.quantumView().failNext(1, 300, 200);

        JsonNode failed = client.post(QV, TestClient.quantumViewRequest("OutboundShipments", null)).json();

        assertThat(failed.at("/QuantumViewResponse/Response/ResponseStatusCode").asText()).isEqualTo("0");
        assertThat(failed.at("/QuantumViewResponse/Response/Error/0/MinimumRetrySeconds").asText()).isEqualTo("300");
        assertThat(ups.quantumView().unreadCount()).isEqualTo(1);
        JsonNode ok = client.post(QV, TestClient.quantumViewRequest("OutboundShipments", null)).json();
        assertThat(ok.findValue("Manifest")).hasSize(1);
    }
}

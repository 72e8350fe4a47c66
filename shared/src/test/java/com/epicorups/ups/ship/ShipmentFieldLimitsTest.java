package com.epicorups.ups.ship;

import static org.assertj.core.api.Assertions.assertThat;

import com.epicorups.core.ConnectorException;
import com.epicorups.model.Address;
import com.epicorups.port.CreatedShipment;
import com.epicorups.ups.UpsTestSupport;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Random ship-to data of every length: each shipment either fails with FIELD_TOO_LONG before anything is
 * sent, or reaches UPS with every field within its limit, all name and address text preserved, and an
 * audit note for every change.
 */
class ShipmentFieldLimitsTest {
    private static final Map<String, Integer> LIMITS = Map.ofEntries(Map.entry("Name", 35), Map.entry("AttentionName", 35),
            Map.entry("AddressLine", 35), Map.entry("City", 30), Map.entry("StateProvinceCode", 5),
            Map.entry("PostalCode", 9), Map.entry("CountryCode", 2), Map.entry("Number", 15), Map.entry("EMailAddress", 50),
            Map.entry("Description", 50), Map.entry("Value", 35), Map.entry("Weight", 5), Map.entry("ShipperNumber", 6),
            Map.entry("AccountNumber", 6));
    private final UpsTestSupport ups = new UpsTestSupport();

    @AfterEach
    void close() throws Exception {
        ups.close();
    }

    private static String words(Random rnd, int maxChars) {
        int target = 1 + rnd.nextInt(maxChars);
        StringBuilder sb = new StringBuilder();
        while (sb.length() < target) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            int len = 1 + rnd.nextInt(rnd.nextInt(10) == 0 ? 40 : 12);
            for (int i = 0; i < len; i++) {
                sb.append((char) ('a' + rnd.nextInt(26)));
            }
        }
        return sb.toString();
    }

    private static String norm(String s) {
        return s.trim().replaceAll("\\s+", " ");
    }

    @Test
    void nothingLongerThanUpsAllowsIsEverSentAndEveryChangeIsAudited() {
        ups.on("/api/shipments/v2409/ship", r -> UpsTestSupport.json(200, UpsShippingClientTest.shipResponse(true)));
        UpsShippingClient client = new UpsShippingClient(ups.http(ups.settingsBuilder().build()), ups.clock);
        Random rnd = new Random(20261127L);
        int sent = 0;
        int refused = 0;
        for (int i = 0; i < 300; i++) {
            String country = List.of("US", "US", "DE", "CA").get(rnd.nextInt(4));
            String name = words(rnd, 90);
            String attention = rnd.nextBoolean() ? null : words(rnd, 40);
            List<String> lines = new ArrayList<>();
            int lineCount = 1 + rnd.nextInt(4);
            for (int l = 0; l < lineCount; l++) {
                lines.add(words(rnd, 60));
            }
            String city = words(rnd, 34);
            String email = rnd.nextBoolean() ? null : words(rnd, 60).replace(' ', '.') + "@x.com";
            Address to = new Address(name, attention, lines, city, "NY", "10001", country, "+1 212 555 0100", email, null);
            String po = rnd.nextBoolean() ? null : words(rnd, 45);
            int before = ups.requestsTo("/api/shipments").size();
            CreatedShipment created;
            try {
                created = client.create(List.of(UpsShippingClientTest.release(1, to, "UPSG", po)));
            } catch (ConnectorException e) {
                assertThat(e.reasonCode()).isEqualTo("FIELD_TOO_LONG");
                assertThat(ups.requestsTo("/api/shipments")).hasSize(before);
                refused++;
                continue;
            }
            sent++;
            JsonNode body = UpsTestSupport.body(ups.requestsTo("/api/shipments").get(before));
            assertWithinLimits(body, "");
            JsonNode shipTo = body.path("ShipmentRequest").path("Shipment").path("ShipTo");
            List<String> notes = created.auditNotes();

            String sentName = shipTo.path("Name").asText();
            String sentAttention = shipTo.path("AttentionName").asText("");
            String expectedNameText = norm(name + (attention == null ? "" : " " + attention));
            String sentNameText = norm(sentName + " " + sentAttention);
            if (attention == null && !"US".equals(country) && sentAttention.equals(sentName)) {
                sentNameText = norm(sentName); // international attention defaults to the name
            }
            assertThat(sentNameText).as("name text preserved").isEqualTo(expectedNameText);
            if (!norm(name).equals(sentName)) {
                assertThat(notes).anyMatch(n -> n.startsWith("ShipTo.Name"));
            }
            List<String> sentLines = new ArrayList<>();
            shipTo.path("Address").path("AddressLine").forEach(l -> sentLines.add(l.asText()));
            assertThat(String.join(" ", sentLines)).isEqualTo(norm(String.join(" ", lines)));
            if (!sentLines.equals(lines.stream().map(ShipmentFieldLimitsTest::norm).toList())) {
                assertThat(notes).anyMatch(n -> n.startsWith("ShipTo.AddressLine"));
            }
            if (email != null && !shipTo.has("EMailAddress")) {
                assertThat(notes).anyMatch(n -> n.startsWith("ShipTo.EMailAddress"));
            }
            if (po != null && !body.toString().contains("\"" + po + "\"")) {
                assertThat(notes).anyMatch(n -> n.contains("PO"));
            }
        }
        assertThat(sent).isGreaterThan(50);
        assertThat(refused).isGreaterThan(10);
    }

    private static void assertWithinLimits(JsonNode node, String path) {
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> it = node.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                Integer limit = LIMITS.get(e.getKey());
                if (limit != null && e.getValue().isTextual()) {
                    assertThat(e.getValue().asText().length()).as(path + "/" + e.getKey()).isLessThanOrEqualTo(limit);
                }
                if ("AddressLine".equals(e.getKey())) {
                    assertThat(e.getValue().size()).as(path + "/AddressLine count").isLessThanOrEqualTo(3);
                    e.getValue().forEach(l -> assertThat(l.asText().length()).as(path + "/AddressLine").isLessThanOrEqualTo(35));
                }
                assertWithinLimits(e.getValue(), path + "/" + e.getKey());
            }
        } else if (node.isArray()) {
            node.forEach(n -> assertWithinLimits(n, path));
        }
    }
}

package com.epicorups.ups.ship;

import static org.assertj.core.api.Assertions.assertThat;

import com.epicorups.core.ConnectorException;
import com.epicorups.model.Address;
import com.epicorups.port.CreatedShipment;
import com.epicorups.ups.UpsSettings;
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
 * Random ship-to data of every length. With ups.textTooLong REFUSE each shipment either fails with FIELD_TOO_LONG
 * before anything is sent, or reaches UPS with every field within its limit, all name and address text preserved,
 * and an audit note for every change. With FIT (the default) every shipment reaches UPS within every limit, what
 * is sent is the start of the Epicor text word for word, and every field that lost text is named in the audit.
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
        UpsShippingClient client = new UpsShippingClient(ups.http(ups.settingsBuilder()
                .textTooLong(UpsSettings.TextTooLong.REFUSE).build()), ups.clock);
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

    /** Words of letters, sometimes with an emoji (one character, two UTF-16 units), a tab or a line break. */
    private static String rawWords(Random rnd, int maxChars) {
        StringBuilder sb = new StringBuilder();
        for (char c : words(rnd, maxChars).toCharArray()) {
            sb.append(c);
            if (rnd.nextInt(12) == 0) {
                sb.append(List.of("\ud83d\udce6", "\t", "\r\n", "\u0007").get(rnd.nextInt(4)));
            }
        }
        return sb.toString();
    }

    /** The text as UPS may receive it, without its spaces: what was sent must be the start of it. */
    private static String letters(String s) {
        return s.replaceAll("[\\s\\p{Cntrl}]", "");
    }

    @Test
    void withTextTooLongFitEveryShipmentReachesUpsWithTheStartOfItsTextAndTheCutFieldsNamed() {
        ups.on("/api/shipments/v2409/ship", r -> UpsTestSupport.json(200, UpsShippingClientTest.shipResponse(true)));
        UpsShippingClient client = new UpsShippingClient(ups.http(ups.settingsBuilder().build()), ups.clock);
        Random rnd = new Random(20261212L);
        int cut = 0;
        for (int i = 0; i < 300; i++) {
            String country = List.of("US", "US", "DE", "CA").get(rnd.nextInt(4));
            String name = rawWords(rnd, 90);
            String attention = rnd.nextBoolean() ? null : rawWords(rnd, 40);
            List<String> lines = new ArrayList<>();
            for (int l = 0, n = 1 + rnd.nextInt(4); l < n; l++) {
                lines.add(rawWords(rnd, 60));
            }
            String city = rawWords(rnd, 34);
            Address to = new Address(name, attention, lines, city, "NY", "10001", country, "+1 212 555 0100", null, null);
            int before = ups.requestsTo("/api/shipments").size();

            CreatedShipment created = client.create(List.of(UpsShippingClientTest.release(1, to, "UPSG", null)));

            JsonNode body = UpsTestSupport.body(ups.requestsTo("/api/shipments").get(before));
            assertWithinLimits(body, "");
            assertPrintable(body);
            JsonNode shipTo = body.path("ShipmentRequest").path("Shipment").path("ShipTo");
            List<String> cutFields = created.auditNotes().isEmpty() || !created.auditNotes().get(0).startsWith("text cut")
                    ? List.of() : List.of(created.auditNotes().get(0).substring(created.auditNotes().get(0).indexOf(':') + 1)
                    .trim().split(", "));
            cut += cutFields.isEmpty() ? 0 : 1;

            String sentName = shipTo.path("Name").asText();
            String sentAttention = shipTo.path("AttentionName").asText("");
            boolean continued = attention == null && !sentAttention.isEmpty() && !sentAttention.equals(sentName);
            String nameText = letters(sentName + (continued ? sentAttention : ""));
            assertThat(letters(name)).as("name sent from its start").startsWith(nameText);
            if (!nameText.equals(letters(name))) {
                assertThat(cutFields).as(name).contains("ShipTo.Name");
            }
            if (attention != null) {
                assertThat(letters(attention)).startsWith(letters(sentAttention));
            }
            List<String> sentLines = new ArrayList<>();
            shipTo.path("Address").path("AddressLine").forEach(l -> sentLines.add(l.asText()));
            String lineText = letters(String.join("", sentLines));
            assertThat(letters(String.join("", lines))).as("street sent from its start").startsWith(lineText);
            if (!lineText.equals(letters(String.join("", lines)))) {
                assertThat(cutFields).contains("ShipTo.AddressLine");
                assertThat(sentLines).as("a word is lost only when the three lines are used").hasSize(3);
            }
            String sentCity = shipTo.path("Address").path("City").asText();
            assertThat(letters(city)).startsWith(letters(sentCity));
            if (!letters(sentCity).equals(letters(city))) {
                assertThat(cutFields).contains("ShipTo.City");
            }
        }
        assertThat(cut).isGreaterThan(30);
    }

    /** No control character and no half of a surrogate pair anywhere. */
    private static void assertPrintable(JsonNode node) {
        if (node.isTextual()) {
            String t = node.asText();
            assertThat(t.chars().noneMatch(Character::isISOControl)).as(t).isTrue();
            for (int i = 0; i < t.length(); i++) {
                if (Character.isHighSurrogate(t.charAt(i))) {
                    assertThat(i + 1 < t.length() && Character.isLowSurrogate(t.charAt(i + 1))).as(t).isTrue();
                    i++;
                } else {
                    assertThat(Character.isLowSurrogate(t.charAt(i))).as(t).isFalse();
                }
            }
        }
        node.forEach(ShipmentFieldLimitsTest::assertPrintable);
    }

    private static void assertWithinLimits(JsonNode node, String path) {
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> it = node.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                Integer limit = LIMITS.get(e.getKey());
                if (limit != null && e.getValue().isTextual()) {
                    String text = e.getValue().asText();
                    assertThat(text.codePointCount(0, text.length())).as(path + "/" + e.getKey()).isLessThanOrEqualTo(limit);
                }
                if ("AddressLine".equals(e.getKey())) {
                    assertThat(e.getValue().size()).as(path + "/AddressLine count").isLessThanOrEqualTo(3);
                    e.getValue().forEach(l -> assertThat(l.asText().codePointCount(0, l.asText().length()))
                            .as(path + "/AddressLine").isLessThanOrEqualTo(35));
                }
                assertWithinLimits(e.getValue(), path + "/" + e.getKey());
            }
        } else if (node.isArray()) {
            node.forEach(n -> assertWithinLimits(n, path));
        }
    }
}

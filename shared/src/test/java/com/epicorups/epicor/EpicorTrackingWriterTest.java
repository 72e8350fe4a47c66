package com.epicorups.epicor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.epicorups.core.ConnectorException;
import com.epicorups.core.Json;
import com.epicorups.epicor.EpicorSettings.WriteBackMapping;
import com.epicorups.model.ReleaseKey;
import com.epicorups.model.TrackingStatus;
import com.epicorups.port.TrackingFacts;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.Test;

class EpicorTrackingWriterTest extends EpicorTestSupport {
    private static final ReleaseKey KEY = new ReleaseKey("EPIC06", 5001, 1, 1);

    private static TrackingFacts facts(TrackingStatus status, LocalDate eta, Instant delivered) {
        return new TrackingFacts(List.of("1Z999AA10123456784"), status, "desc", eta, delivered, "s3://labels/EPIC06/5001-1-1.gif");
    }

    private List<RecordedRequest> patches() {
        return fake.requests.stream().filter(r -> r.getMethod().equals("PATCH")).toList();
    }

    @Test
    void patchesOnlyTheMappedOrderRelColumnsThenIsIdempotent() throws Exception {
        fake.customer(100);
        ObjectNode rel = fake.simpleRelease(5001, 100);
        EpicorTrackingWriter writer = new EpicorTrackingWriter(client(settings()), settings());

        Map<String, Object> written = writer.write(KEY, facts(TrackingStatus.LABEL_CREATED, LocalDate.of(2026, 12, 1), null));
        assertThat(written).containsOnlyKeys("TrackingNumber_c", "UPSStatus_c", "EstDeliveryDate_c", "LabelLocation_c");
        RecordedRequest get = fake.requests.get(0);
        assertThat(get.getMethod()).isEqualTo("GET");
        assertThat(get.getRequestUrl().queryParameter("$select")).isEqualTo(
                "Company,OrderNum,OrderLine,OrderRelNum,TrackingNumber_c,UPSStatus_c,EstDeliveryDate_c,DeliveredDate_c,LabelLocation_c");
        RecordedRequest patch = patches().get(0);
        assertThat(patch.getPath()).isEqualTo("/EpicorLive/api/v2/odata/EPIC06/Erp.BO.SalesOrderSvc/OrderRels('EPIC06',5001,1,1)");
        assertThat(patch.getHeader("Content-Type")).startsWith("application/json");
        JsonNode body = Json.mapper().readTree(patch.getBody().readUtf8());
        assertThat(body.toString()).isEqualTo("{\"Company\":\"EPIC06\",\"OrderNum\":5001,\"OrderLine\":1,\"OrderRelNum\":1,"
                + "\"UPSStatus_c\":\"LABEL_CREATED\",\"TrackingNumber_c\":\"1Z999AA10123456784\","
                + "\"EstDeliveryDate_c\":\"2026-12-01T00:00:00\",\"LabelLocation_c\":\"s3://labels/EPIC06/5001-1-1.gif\"}");
        assertThat(rel.path("UPSStatus_c").asText()).isEqualTo("LABEL_CREATED");

        // The same facts again: read, nothing differs, no PATCH.
        assertThat(writer.write(KEY, facts(TrackingStatus.LABEL_CREATED, LocalDate.of(2026, 12, 1), null))).isEmpty();
        assertThat(patches()).hasSize(1);

        // Delivered: only status and delivery date change.
        Map<String, Object> delivered = writer.write(KEY, facts(TrackingStatus.DELIVERED, LocalDate.of(2026, 12, 1),
                Instant.parse("2026-11-30T15:04:05Z")));
        assertThat(delivered).containsOnly(Map.entry("UPSStatus_c", "DELIVERED"), Map.entry("DeliveredDate_c", "2026-11-30T00:00:00"));
    }

    @Test
    void neverWritesAStatusOfLowerRankNorItsStaleEstimate() {
        fake.customer(100);
        ObjectNode rel = fake.simpleRelease(5001, 100);
        fake.touch(rel, r -> r.put("UPSStatus_c", "OUT_FOR_DELIVERY").put("TrackingNumber_c", "1Z999AA10123456784")
                .put("EstDeliveryDate_c", "2026-12-01T00:00:00"));
        EpicorTrackingWriter writer = new EpicorTrackingWriter(client(settings()), settings());
        Map<String, Object> written = writer.write(KEY, new TrackingFacts(List.of("1Z999AA10123456784"),
                TrackingStatus.IN_TRANSIT, "late event", LocalDate.of(2026, 12, 3), null, null));
        assertThat(written).isEmpty();
        assertThat(patches()).isEmpty();
        assertThat(rel.path("UPSStatus_c").asText()).isEqualTo("OUT_FOR_DELIVERY");

        fake.touch(rel, r -> r.put("UPSStatus_c", "DELIVERED"));
        assertThat(writer.write(KEY, new TrackingFacts(List.of(), TrackingStatus.EXCEPTION, null, null, null, null))).isEmpty();
        // A status a person typed is not ours: it may be replaced.
        fake.touch(rel, r -> r.put("UPSStatus_c", "call customer"));
        assertThat(writer.write(KEY, new TrackingFacts(List.of(), TrackingStatus.IN_TRANSIT, null, null, null, null)))
                .containsOnly(Map.entry("UPSStatus_c", "IN_TRANSIT"));
    }

    @Test
    void custShipTargetWritesShipHeadTrackingNumberOnTheNewestLivePack() throws Exception {
        for (int[] pack : new int[][] {{301, 1}, {302, 0}, {303, 0}}) {
            ObjectNode head = Json.mapper().createObjectNode();
            head.put("PackNum", pack[0]).put("Voided", pack[0] == 303).put("ShipStatus", "OPEN").put("TrackingNumber", "");
            fake.add("CustShips", head);
            ObjectNode dtl = Json.mapper().createObjectNode();
            dtl.put("PackNum", pack[0]).put("PackLine", 1).put("OrderNum", pack[1] == 1 ? 9999 : 5001).put("OrderLine", 1)
                    .put("OrderRelNum", 1);
            fake.add("ShipDtls", dtl);
        }
        // The newest live pack of the order ships another release of it: not this release's pack.
        ObjectNode other = Json.mapper().createObjectNode();
        other.put("PackNum", 304).put("Voided", false).put("ShipStatus", "OPEN").put("TrackingNumber", "");
        fake.add("CustShips", other);
        ObjectNode otherDtl = Json.mapper().createObjectNode();
        otherDtl.put("PackNum", 304).put("PackLine", 1).put("OrderNum", 5001).put("OrderLine", 2).put("OrderRelNum", 1);
        fake.add("ShipDtls", otherDtl);
        EpicorSettings s = settings(b -> b.writeBack(new WriteBackMapping(WriteBackMapping.Target.CUST_SHIP,
                "TrackingNumber", null, null, null, null)));
        EpicorTrackingWriter writer = new EpicorTrackingWriter(client(s), s);
        Map<String, Object> written = writer.write(KEY, facts(TrackingStatus.LABEL_CREATED, null, null));
        assertThat(written).containsOnly(Map.entry("TrackingNumber", "1Z999AA10123456784"));
        // Filtered on OrderNum alone (a column ShipHead has too); the release's lines picked here (decision 0025).
        assertThat(fake.requestsTo("/ShipDtls").get(0).getRequestUrl().queryParameter("$filter"))
                .isEqualTo("OrderNum eq 5001");
        assertThat(fake.requestsTo("/CustShips").get(0).getRequestUrl().queryParameter("$filter"))
                .isEqualTo("PackNum eq 302 or PackNum eq 303");
        RecordedRequest patch = patches().get(0);
        assertThat(patch.getPath()).isEqualTo("/EpicorLive/api/v2/odata/EPIC06/Erp.BO.CustShipSvc/CustShips('EPIC06',302)");
        assertThat(patch.getBody().readUtf8()).isEqualTo("{\"Company\":\"EPIC06\",\"PackNum\":302,\"TrackingNumber\":\"1Z999AA10123456784\"}");
        assertThat(writer.write(KEY, facts(TrackingStatus.LABEL_CREATED, null, null))).isEmpty();
    }

    @Test
    void custShipWithoutAPackIsATransientFailure() {
        EpicorSettings s = settings(b -> b.writeBack(new WriteBackMapping(WriteBackMapping.Target.CUST_SHIP,
                "TrackingNumber", null, null, null, null)));
        assertThatThrownBy(() -> new EpicorTrackingWriter(client(s), s).write(KEY, facts(TrackingStatus.LABEL_CREATED, null, null)))
                .isInstanceOfSatisfying(ConnectorException.class, e -> {
                    assertThat(e.reasonCode()).isEqualTo("EPICOR_PACK_NOT_FOUND");
                    assertThat(e.isTransient()).isTrue();
                });
    }

    @Test
    void aRejectedPatchSurfacesEpicorsMessage() {
        fake.customer(100);
        fake.simpleRelease(5001, 100);
        fake.interceptors.add(r -> r.getMethod().equals("PATCH")
                ? FakeEpicor.error(400, "Bad Request", "Release is closed; fields cannot be updated.", "Ice.BLException") : null);
        EpicorTrackingWriter writer = new EpicorTrackingWriter(client(settings()), settings());
        assertThatThrownBy(() -> writer.write(KEY, facts(TrackingStatus.IN_TRANSIT, null, null)))
                .isInstanceOfSatisfying(ConnectorException.class, e -> {
                    assertThat(e.reasonCode()).isEqualTo("EPICOR_BUSINESS_RULE");
                    assertThat(e.getMessage()).contains("Release is closed");
                });
    }

    private static Map<ReleaseKey, TrackingFacts> twoReleases() {
        Map<ReleaseKey, TrackingFacts> facts = new java.util.LinkedHashMap<>();
        facts.put(KEY, facts(TrackingStatus.LABEL_CREATED, null, null));
        facts.put(new ReleaseKey("EPIC06", 5002, 1, 1), facts(TrackingStatus.IN_TRANSIT, null, null));
        return facts;
    }

    @Test
    void anEpicorThatRefusesEveryUpdateExtRowButTakesThePatchesIsWrittenByPatchFromThenOn() {
        fake.customer(100);
        fake.simpleRelease(5001, 100);
        fake.simpleRelease(5002, 100);
        fake.interceptors.add(r -> r.getPath().endsWith("/UpdateExt") ? new okhttp3.mockwebserver.MockResponse()
                .setResponseCode(200).setHeader("Content-Type", "application/json")
                .setBody("{\"returnObj\":{\"BOUpdError\":["
                        + "{\"TableName\":\"OrderRel\",\"ErrorLevel\":\"Error\",\"ErrorType\":\"Exception\","
                        + "\"ErrorText\":\"OrderHed is required\"},"
                        + "{\"TableName\":\"OrderRel\",\"ErrorLevel\":\"Error\",\"ErrorType\":\"Exception\","
                        + "\"ErrorText\":\"OrderHed is required\"}]},\"parameters\":{\"errorsOccurred\":true}}")
                : null);
        EpicorTrackingWriter writer = new EpicorTrackingWriter(client(settings()), settings());

        assertThat(writer.writeCurrentAll(twoReleases()).values()).allMatch(com.epicorups.port.WriteOutcome::succeeded);
        assertThat(fake.requests).extracting(RecordedRequest::getMethod).containsExactly("POST", "PATCH", "PATCH");

        fake.requests.clear();
        assertThat(writer.writeCurrentAll(twoReleases()).values()).allMatch(com.epicorups.port.WriteOutcome::succeeded);
        assertThat(fake.requests).as("no UpdateExt attempt any more").extracting(RecordedRequest::getMethod)
                .containsExactly("PATCH", "PATCH");
    }

    /**
     * A 401 that outlives the token renewal is the identity, not UpdateExt: every release of the call fails with
     * EPICOR_AUTH (to the DLQ, replayed after the credentials are fixed), and batching is not given up for good.
     */
    @Test
    void aPersistent401OnUpdateExtFailsEveryReleaseWithEpicorAuthAndKeepsBatching() {
        fake.customer(100);
        fake.simpleRelease(5001, 100);
        fake.simpleRelease(5002, 100);
        var refuse = (java.util.function.Function<RecordedRequest, okhttp3.mockwebserver.MockResponse>) r ->
                r.getPath().contains("/api/v2/")
                        ? FakeEpicor.error(401, "Unauthorized", "invalid user name or password", null) : null;
        fake.interceptors.add(refuse);
        EpicorTrackingWriter writer = new EpicorTrackingWriter(client(settings()), settings());

        var outcomes = writer.writeCurrentAll(twoReleases());

        assertThat(outcomes.values()).allSatisfy(o -> assertThat(o.failure()).isInstanceOfSatisfying(
                ConnectorException.class, e -> assertThat(e.reasonCode()).isEqualTo("EPICOR_AUTH")));
        assertThat(fake.requests).extracting(RecordedRequest::getMethod).as("no PATCH per release")
                .containsExactly("POST");

        fake.interceptors.remove(refuse); // the credentials are fixed
        fake.requests.clear();
        assertThat(writer.writeCurrentAll(twoReleases()).values()).allMatch(com.epicorups.port.WriteOutcome::succeeded);
        assertThat(fake.requests).as("still one UpdateExt for the batch").extracting(RecordedRequest::getMethod)
                .containsExactly("POST");
    }

    @Test
    void aTransientUpdateExtFailureFailsEveryReleaseOfTheCallWithoutPatching() {
        fake.interceptors.add(r -> r.getPath().endsWith("/UpdateExt")
                ? new okhttp3.mockwebserver.MockResponse().setResponseCode(503).setBody("{}") : null);
        EpicorSettings s = settings().toBuilder().maxAttempts(1).build();
        EpicorTrackingWriter writer = new EpicorTrackingWriter(client(s), s);

        var outcomes = writer.writeCurrentAll(twoReleases());

        assertThat(outcomes.values()).allSatisfy(o -> assertThat(o.failure()).isInstanceOfSatisfying(
                ConnectorException.class, e -> assertThat(e.isTransient()).isTrue()));
        assertThat(fake.requests).extracting(RecordedRequest::getMethod).containsExactly("POST");
    }
}

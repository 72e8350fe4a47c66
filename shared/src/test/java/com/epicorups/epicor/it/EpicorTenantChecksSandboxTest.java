package com.epicorups.epicor.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.epicorups.epicor.EpicorSettings;
import com.epicorups.epicor.EpicorSettings.WriteBackMapping;
import com.epicorups.epicor.error.EpicorTransientException;
import com.epicorups.epicor.preflight.EpicorTenantChecks;
import com.epicorups.epicor.preflight.PreflightConfig;
import com.epicorups.port.CheckResult;
import com.epicorups.port.PreflightReport;
import com.epicorups.sandbox.epicor.AccessRule;
import com.epicorups.sandbox.epicor.EpicorDataset;
import com.epicorups.sandbox.epicor.RequestKind;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The Epicor preflight against the sandbox: each FAILED case made as the sandbox README says (a dataset without the
 * UD columns or with a wrong type, without the BAQ or one of its columns, without a warehouse or ShipVia, with an
 * access rule), each naming exactly what is missing and what to do; the sample as a tenant set up for the connector
 * passes every check.
 */
class EpicorTenantChecksSandboxTest extends SandboxSupport {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    static final Set<String> WAREHOUSES = Set.of("CHI", "ATL", "RNO");
    static final Set<String> SHIP_VIAS = Set.of("UPSG", "UP2D", "UPSN");

    private PreflightReport run(UnaryOperator<EpicorSettings.Builder> customise, Set<String> warehouses,
                                Set<String> shipVias) {
        EpicorSettings s = settings(customise);
        return new EpicorTenantChecks(client(s), new PreflightConfig(secret(), s, warehouses, shipVias)).run();
    }

    private PreflightReport run() {
        return run(b -> b, WAREHOUSES, SHIP_VIAS);
    }

    private static CheckResult check(PreflightReport report, String name) {
        return report.checks().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow(
                () -> new AssertionError("no check " + name + " in " + report.checks()));
    }

    /** The sample data as a JSON tree, to take parts of it away. */
    private static ObjectNode sample(java.util.function.Consumer<ObjectNode> change) {
        try (var in = EpicorDataset.class.getResourceAsStream("/epicor-sample-data.json")) {
            ObjectNode root = (ObjectNode) MAPPER.readTree(in);
            change.accept(root);
            return root;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Takes UD columns away from the data: their declaration and their values in every row. */
    static void dropUdValues(ObjectNode root, java.util.function.Predicate<String> column) {
        root.fields().forEachRemaining(set -> {
            if (set.getValue().isArray()) {
                set.getValue().forEach(row -> {
                    java.util.List<String> names = new java.util.ArrayList<>();
                    row.fieldNames().forEachRemaining(names::add);
                    names.stream().filter(n -> n.endsWith("_c") && column.test(n)).forEach(((ObjectNode) row)::remove);
                });
            }
        });
    }

    private void startWith(java.util.function.Consumer<ObjectNode> change) {
        start(EpicorDataset.fromJson(sample(change).toString()));
    }

    @Test
    void aTenantSetUpForTheConnectorPassesEveryCheckInAboutADozenReads() {
        start(EpicorDataset.sample());

        PreflightReport report = run();

        assertThat(report.failures()).as(report.summary()).isEmpty();
        assertThat(report.checks()).extracting(CheckResult::name).containsExactly("release BAQ ReadyToShip",
                "read access", "write-back columns on OrderRel", "write access", "warehouses", "UPS ship vias");
        assertThat(report.summary()).isEqualTo("all 6 checks passed");
        assertThat(badRequests()).isEmpty();
        assertThat(sandbox.writes().size()).as("the write probe writes nothing").isZero();
        assertThat(sandbox.requests().count(RequestKind.METADATA)).isEqualTo(2);
        assertThat(sandbox.requests().size()).isLessThanOrEqualTo(14);
    }

    @Test
    void aFreshTenantWithoutTheUdColumnsFailsTheWriteBackCheckNamingEveryColumnAndWhatToDo() {
        startWith(root -> {
            root.remove("UDFields");
            dropUdValues(root, n -> true);
        });

        CheckResult columns = check(run(), "write-back columns on OrderRel");

        assertThat(columns.ok()).isFalse();
        assertThat(columns.missing()).containsExactly("TrackingNumber_c", "UPSStatus_c", "EstDeliveryDate_c",
                "DeliveredDate_c", "LabelLocation_c");
        assertThat(columns.detail()).contains("OrderRel has no column TrackingNumber_c, UPSStatus_c, EstDeliveryDate_c,"
                + " DeliveredDate_c, LabelLocation_c");
        assertThat(columns.fix()).contains("UD Column Maintenance").contains("regenerate the data model")
                .contains("EstDeliveryDate_c (date)").contains("TrackingNumber_c (character)")
                .contains("epicor.writeBack.fields");
    }

    @Test
    void anItnColumnTheTenantLacksIsAReadFindingNamingIt() {
        start(EpicorDataset.sample());

        PreflightReport report = run(b -> b.exportItnColumn("ExportITN_c"), WAREHOUSES, SHIP_VIAS);

        CheckResult read = check(report, "read access");
        assertThat(read.ok()).isFalse();
        assertThat(read.missing()).containsExactly(com.epicorups.epicor.EpicorFields.SALES_ORDERS);
        assertThat(read.detail()).contains("ExportITN_c");
        assertThat(read.fix()).contains("a column the connector reads is missing");
        customsColumnsAreRead(run());
    }

    /** The Part columns customs reads and the Country lookup are in the read check of a tenant that passes. */
    private void customsColumnsAreRead(PreflightReport passing) {
        assertThat(check(passing, "read access").ok()).as(passing.summary()).isTrue();
        assertThat(check(passing, "read access").detail()).contains("Parts").contains("Countries");
    }

    @Test
    void aUdColumnOfTheWrongTypeFails() {
        startWith(root -> {
            ((ObjectNode) root.path("UDFields").path("OrderRel")).put("EstDeliveryDate_c", "int")
                    .put("UPSStatus_c", "date");
            dropUdValues(root, n -> n.equals("EstDeliveryDate_c") || n.equals("UPSStatus_c"));
        });

        CheckResult columns = check(run(), "write-back columns on OrderRel");

        assertThat(columns.ok()).isFalse();
        assertThat(columns.missing()).containsExactly("UPSStatus_c", "EstDeliveryDate_c");
        assertThat(columns.detail()).contains("EstDeliveryDate_c is Edm.Int32 but holds estimatedDelivery (a date)")
                .contains("UPSStatus_c is Edm.DateTimeOffset but holds status (text)");
    }

    @Test
    void theCustomerFreightMiscCodeMustExistAndBeAllowedOnPackingSlips() {
        start(EpicorDataset.sample());
        UnaryOperator<EpicorSettings.Builder> frt = b -> b.source(EpicorSettings.Source.PACKS).packs(
                new EpicorSettings.Packs(null, null, new EpicorSettings.CustomerFreight("FRT", BigDecimal.TEN, null)));

        CheckResult passing = check(run(frt, WAREHOUSES, SHIP_VIAS), "customer freight misc charge");
        assertThat(passing.ok()).as(passing.detail()).isTrue();
        assertThat(passing.detail()).contains("FRT (Freight)");

        CheckResult missing = check(run(b -> b.source(EpicorSettings.Source.PACKS).packs(new EpicorSettings.Packs(
                null, null, new EpicorSettings.CustomerFreight("FRX", null, null))), WAREHOUSES, SHIP_VIAS),
                "customer freight misc charge");
        assertThat(missing.ok()).isFalse();
        assertThat(missing.missing()).containsExactly("epicor.packs.customerFreight.miscCode");
        assertThat(missing.detail()).contains("no misc charge code FRX");

        CheckResult notOnPacks = check(run(b -> b.source(EpicorSettings.Source.PACKS).packs(new EpicorSettings.Packs(
                null, null, new EpicorSettings.CustomerFreight("HAND", null, null))), WAREHOUSES, SHIP_VIAS),
                "customer freight misc charge");
        assertThat(notOnPacks.ok()).isFalse();
        assertThat(notOnPacks.detail()).contains("ShippingAccess");

        assertThat(run(b -> b.source(EpicorSettings.Source.PACKS), WAREHOUSES, SHIP_VIAS).checks())
                .as("no charge configured, nothing to check").noneMatch(c -> c.name().equals(
                        "customer freight misc charge"));
    }

    @Test
    void thePackTargetsColumnsAreCheckedOnShipHead() {
        start(EpicorDataset.sample());

        PreflightReport report = run(b -> b.writeBack(new WriteBackMapping(WriteBackMapping.Target.CUST_SHIP,
                "TrackingNumber", "UPSStatus_c", null, null, null)), WAREHOUSES, SHIP_VIAS);

        CheckResult columns = check(report, "write-back columns on ShipHead");
        assertThat(columns.missing()).containsExactly("UPSStatus_c");
        assertThat(columns.detail()).isEqualTo("ShipHead has no column UPSStatus_c.");
        assertThat(check(report, "write access").ok()).isTrue();
        assertThat(check(report, "read access").detail()).contains("ShipDtls").contains("CustShips");
    }

    @Test
    void aMissingBaqOrABaqWithoutAColumnThePollReadsFails() {
        startWith(root -> root.remove("BAQs"));
        CheckResult missing = check(run(), "release BAQ ReadyToShip");
        assertThat(missing.ok()).isFalse();
        assertThat(missing.missing()).containsExactly("ReadyToShip");
        assertThat(missing.fix()).contains("create BAQ ReadyToShip in BAQ Designer over table OrderRel")
                .contains("OrderRel.OrderNum, OrderRel.OrderLine, OrderRel.OrderRelNum, OrderRel.SysRevID")
                .contains("share it");
        sandbox.close();

        startWith(root -> {
            JsonNode columns = root.path("BAQs").path("ReadyToShip").path("columns");
            for (int i = 0; i < columns.size(); i++) {
                if (columns.get(i).asText().equals("SysRevID")) {
                    ((com.fasterxml.jackson.databind.node.ArrayNode) columns).remove(i);
                }
            }
        });
        CheckResult noMarker = check(run(), "release BAQ ReadyToShip");
        assertThat(noMarker.missing()).containsExactly("OrderRel_SysRevID");
        assertThat(noMarker.fix()).isEqualTo("add OrderRel.SysRevID to BAQ ReadyToShip's display columns.");
        CheckResult byDate = check(run(b -> b.checkpointMode(EpicorSettings.CheckpointMode.CHANGEDATE), WAREHOUSES,
                SHIP_VIAS), "release BAQ ReadyToShip");
        assertThat(byDate.missing()).containsExactly("OrderRel_ChangeDate", "OrderRel_ChangeTime");
    }

    @Test
    void warehousesAndShipViasTheConfigurationNamesMustExistSpeltAsEpicorSpellsThem() {
        startWith(root -> {
            ((com.fasterxml.jackson.databind.node.ArrayNode) root.path("ShipVias")).removeIf(
                    r -> r.path("ShipViaCode").asText().equals("UP2D"));
        });

        PreflightReport report = run(b -> b, Set.of("CHI", "DAL", "atl"), Set.of("UPSG", "UP2D"));

        CheckResult warehouses = check(report, "warehouses");
        assertThat(warehouses.missing()).containsExactlyInAnyOrder("DAL", "atl");
        assertThat(warehouses.detail()).contains("the company has no WarehouseCode DAL")
                .contains("atl (Epicor spells it ATL)");
        assertThat(warehouses.fix()).contains("Warehouse Maintenance").contains("ups.warehouses");
        CheckResult shipVias = check(report, "UPS ship vias");
        assertThat(shipVias.missing()).containsExactly("UP2D");
        assertThat(shipVias.fix()).contains("ups.serviceMap");

        assertThat(check(run(b -> b, Set.of(), Set.of()), "warehouses").ok()).as("nothing could ship").isFalse();
        assertThat(check(run(b -> b, WAREHOUSES, Set.of()), "UPS ship vias").ok()).as("every release is UPS's")
                .isTrue();
    }

    @Test
    void aUserWhoMayNotReadOrWriteWhatTheConnectorDoesFails() {
        start(EpicorDataset.sample());
        sandbox.access().denyRead("Erp.BO.PartSvc");
        sandbox.access().deny(AccessRule.deny("BaqSvc", AccessRule.Access.READ).onEntitySet("ReadyToShip"));
        sandbox.access().denyWrite("Erp.BO.SalesOrderSvc");

        PreflightReport report = run();

        CheckResult read = check(report, "read access");
        assertThat(read.missing()).containsExactly("Erp.BO.PartSvc/Parts");
        assertThat(read.fix()).contains("read access to Erp.BO.PartSvc/Parts");
        assertThat(check(report, "release BAQ ReadyToShip").ok()).isFalse();
        CheckResult write = check(report, "write access");
        assertThat(write.missing()).containsExactly("Erp.BO.SalesOrderSvc/UpdateExt");
        assertThat(write.detail()).contains("HTTP 403");
        assertThat(sandbox.writes().size()).isZero();
    }

    @Test
    void theOrderRelsSourceIsRefusedWhereEpicorBindsAChildSetsFilterToTheHeader() {
        start(EpicorDataset.sample());
        CheckResult parentBound = check(run(b -> b.source(EpicorSettings.Source.ORDER_RELS), WAREHOUSES, SHIP_VIAS),
                "release source OrderRels");
        assertThat(parentBound.ok()).isFalse();
        assertThat(parentBound.detail()).contains("OrderHedRow");
        assertThat(parentBound.fix()).contains("set epicor.source to BAQ");
        sandbox.close();

        startOData(EpicorDataset.sample());
        assertThat(check(run(b -> b.source(EpicorSettings.Source.ORDER_RELS), WAREHOUSES, SHIP_VIAS),
                "release source OrderRels").ok()).isTrue();
    }

    @Test
    void aCallEpicorCouldNotAnswerIsNoVerdict() {
        start(EpicorDataset.sample());
        sandbox.faults().serverError(100);
        assertThatThrownBy(() -> run(b -> b.maxAttempts(1), WAREHOUSES, SHIP_VIAS))
                .isInstanceOf(EpicorTransientException.class);
    }

    @Test
    void theFingerprintChangesWithWhatIsCheckedNotWithSecrets() {
        start(EpicorDataset.sample());
        EpicorSettings s = settings(b -> b);
        String base = new PreflightConfig(secret(), s, WAREHOUSES, SHIP_VIAS).fingerprint();
        assertThat(new PreflightConfig(secret(com.epicorups.epicor.EpicorSecret.AuthMode.BASIC, b -> b.password("other")),
                s, WAREHOUSES, SHIP_VIAS).fingerprint()).isEqualTo(base);
        assertThat(new PreflightConfig(secret(), s, Set.of("RNO", "CHI", "ATL"), SHIP_VIAS).fingerprint())
                .isEqualTo(base);
        assertThat(new PreflightConfig(secret(), s, Set.of("CHI"), SHIP_VIAS).fingerprint()).isNotEqualTo(base);
        assertThat(new PreflightConfig(secret(com.epicorups.epicor.EpicorSecret.AuthMode.BASIC, b -> b.username("other")),
                s, WAREHOUSES, SHIP_VIAS).fingerprint()).as("another user may have other rights").isNotEqualTo(base);
        assertThat(new PreflightConfig(secret(), settings(b -> b.baqId("Other")), WAREHOUSES, SHIP_VIAS).fingerprint())
                .isNotEqualTo(base);
        assertThat(new PreflightConfig(secret(), settings(b -> b.writeBack(new WriteBackMapping(WriteBackMapping.Target
                .ORDER_REL_UD, "TrackingNumber_c", "UPSStatus_c", "EstDeliveryDate_c", "DeliveredDate_c", ""))),
                WAREHOUSES, SHIP_VIAS).fingerprint()).isNotEqualTo(base);
    }
}

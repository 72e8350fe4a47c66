package com.epicorups.epicor;

import com.epicorups.core.settings.Expected;
import com.epicorups.core.settings.SettingsBinder;
import com.epicorups.core.settings.Wording;
import com.epicorups.epicor.pack.FreightCharge;
import com.epicorups.epicor.pack.PackSettings;
import com.epicorups.model.WeightUnit;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The {@code epicor} section of CONNECTOR_SETTINGS: what the poller reads and how the writer writes back. Each
 * component is one key (docs/configuration.md#epicor), its default is set in the constructor and its rules are in
 * {@link #check}. Read with {@link #read} (as part of {@code ConnectorSettings.parse}) or built with
 * {@link #builder()}. The connection and credentials are the {@link EpicorSecret}'s.
 */
public record EpicorSettings(
        Integer pageSize,
        String eligibilityFilter,
        Source source,
        String baqId,
        CheckpointMode checkpointMode,
        WeightSource weightSource,
        WeightUnit weightUnit,
        @Expected("a JSON array of Epicor ShipViaCode values") Set<String> upsShipViaCodes,
        WriteBackMapping writeBack,
        @Expected("a JSON object of fact -> column") Map<String, String> fieldMapping,
        OAuthClientAuth oauthClientAuth,
        Integer connectTimeoutSeconds,
        Integer readTimeoutSeconds,
        Integer maxAttempts,
        Integer backoffBaseMillis,
        Integer backoffMaxMillis,
        Integer keysPerCall,
        Integer maxPagesPerCycle,
        Integer sweepEveryHours,
        Integer preflightEveryHours,
        String exportItnColumn,
        Packs packs) {

    /** How OAuth2 client credentials are presented to the token endpoint. */
    public enum OAuthClientAuth { BASIC, BODY }

    /**
     * Where the order poll reads what to ship: releases (OrderRels with the eligibility filter, or the release BAQ),
     * or, in pack mode, the packs the warehouse built in Customer Shipment Entry (docs/decisions/0030-pack-mode.md).
     */
    public enum Source {
        ORDER_RELS, BAQ, PACKS;

        /** Whether the poll ships packs (one shipment per pack) rather than releases. */
        public boolean isPacks() {
            return this == PACKS;
        }
    }

    public enum WeightSource { NET, GROSS }

    public enum CheckpointMode { SYSREVID, CHANGEDATE }

    /** Problems read {@code Epicor setting 'epicor.pageSize' must be ...}. */
    public static final Wording WORDING = Wording.of("CONNECTOR_SETTINGS", path -> "Epicor setting '" + path + "'");

    /**
     * Open, not void, firm releases flagged ready to fulfil. Only OrderRel database columns, so Epicor can
     * evaluate it in SQL; header and line state are checked by the connector after the batched reads.
     */
    public static final String DEFAULT_ELIGIBILITY_FILTER =
            "OpenRelease eq true and VoidRelease eq false and FirmRelease eq true and ReadyToFulfill eq true";

    /** The reconciliation sweep runs once a day unless configured otherwise. */
    public static final int DEFAULT_SWEEP_EVERY_HOURS = 24;
    /** Thirty days: a sweep rarer than that leaves a stuck release unshipped for longer than anyone waits. */
    public static final int MAX_SWEEP_EVERY_HOURS = 720;
    /** A passed preflight is trusted for a day, then the tenant is checked again (a UD column may have been dropped). */
    public static final int DEFAULT_PREFLIGHT_EVERY_HOURS = 24;
    /**
     * The release BAQ the default source reads: a BAQ the user creates over OrderRel (docs/configuration.md, "The
     * ReadyToShip BAQ"); the preflight checks it exists with the columns the poll reads.
     */
    public static final String DEFAULT_BAQ_ID = "ReadyToShip";

    public EpicorSettings {
        pageSize = Objects.requireNonNullElse(pageSize, 100);
        eligibilityFilter = Objects.requireNonNullElse(eligibilityFilter, DEFAULT_ELIGIBILITY_FILTER).trim();
        // A BAQ's columns are its own: no question of how Epicor filters a child set arises (decision 0025).
        source = Objects.requireNonNullElse(source, Source.BAQ);
        baqId = baqId == null || baqId.isBlank() ? (source == Source.BAQ ? DEFAULT_BAQ_ID : null) : baqId.trim();
        checkpointMode = Objects.requireNonNullElse(checkpointMode, CheckpointMode.SYSREVID);
        weightSource = Objects.requireNonNullElse(weightSource, WeightSource.NET);
        weightUnit = Objects.requireNonNullElse(weightUnit, WeightUnit.LBS);
        upsShipViaCodes = upsShipViaCodes == null ? Set.of() : trimmed(upsShipViaCodes);
        // CONTRACTS.md names the key "fieldMapping": it is writeBack.fields unless those are given as well.
        writeBack = Objects.requireNonNullElse(writeBack, WriteBackMapping.DEFAULT);
        if (fieldMapping != null && writeBack.fields() == null) {
            writeBack = new WriteBackMapping(writeBack.target(), fieldMapping);
        }
        fieldMapping = fieldMapping == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(fieldMapping));
        oauthClientAuth = Objects.requireNonNullElse(oauthClientAuth, OAuthClientAuth.BASIC);
        connectTimeoutSeconds = Objects.requireNonNullElse(connectTimeoutSeconds, 10);
        readTimeoutSeconds = Objects.requireNonNullElse(readTimeoutSeconds, 60);
        maxAttempts = Objects.requireNonNullElse(maxAttempts, 3);
        backoffBaseMillis = Objects.requireNonNullElse(backoffBaseMillis, 500);
        backoffMaxMillis = Objects.requireNonNullElse(backoffMaxMillis, 8000);
        keysPerCall = Objects.requireNonNullElse(keysPerCall, 40);
        maxPagesPerCycle = Objects.requireNonNullElse(maxPagesPerCycle, 100);
        sweepEveryHours = Objects.requireNonNullElse(sweepEveryHours, DEFAULT_SWEEP_EVERY_HOURS);
        preflightEveryHours = Objects.requireNonNullElse(preflightEveryHours, DEFAULT_PREFLIGHT_EVERY_HOURS);
        exportItnColumn = exportItnColumn == null || exportItnColumn.isBlank() ? null : exportItnColumn.trim();
        packs = Objects.requireNonNullElse(packs, Packs.DEFAULT);
    }

    /** What the pack poll reads (pack mode): the shop's ready filter and the page size. */
    public PackSettings packSettings() {
        return new PackSettings(packs.readyFilter(), pageSize);
    }

    /** The OrderHed columns the release reads select: the standard ones and the ITN column when one is named. */
    public List<String> orderHedColumns() {
        if (exportItnColumn == null) {
            return EpicorFields.ORDER_HED;
        }
        List<String> columns = new ArrayList<>(EpicorFields.ORDER_HED);
        columns.add(exportItnColumn);
        return List.copyOf(columns);
    }

    /** For the settings reader: the components in declaration order. */
    private EpicorSettings(SettingsBinder.Components c) {
        this(c.next(), c.next(), c.next(), c.next(), c.next(), c.next(), c.next(), c.next(), c.next(), c.next(),
                c.next(), c.next(), c.next(), c.next(), c.next(), c.next(), c.next(), c.next(), c.next(), c.next(),
                c.next(), c.next());
    }

    /** Every default. */
    public static EpicorSettings defaults() {
        return builder().build();
    }

    /**
     * Binds the {@code epicor} section (null: every default) and adds each of its problems to {@code problems}.
     * Values with a problem are left at their defaults.
     */
    public static EpicorSettings read(JsonNode section, List<String> problems) {
        EpicorSettings settings = SettingsBinder.bind(section, EpicorSettings.class, "epicor", WORDING, problems);
        settings.check(problems);
        return settings;
    }

    /** The rules beyond the JSON types, each problem in the section's wording. */
    void check(List<String> problems) {
        if (exportItnColumn != null && !exportItnColumn.matches("[A-Za-z][A-Za-z0-9_]*")) {
            problems.add(WORDING.problem("epicor.exportItnColumn", "must be an OrderHed column name (e.g. ExportITN_c), was '"
                    + exportItnColumn + "'"));
        }
        range(problems, "pageSize", pageSize, 1, 1000);
        if (eligibilityFilter.isEmpty()) {
            problems.add(WORDING.problem("epicor.eligibilityFilter", "is required"));
        }
        if (baqId != null && !baqId.matches("[A-Za-z0-9_\\-.]+")) {
            problems.add(WORDING.problem("epicor.baqId",
                    "may contain only letters, digits, '_', '-' and '.', was '" + baqId + "'"));
        }
        writeBack.check(problems);
        positive(problems, "connectTimeoutSeconds", connectTimeoutSeconds);
        positive(problems, "readTimeoutSeconds", readTimeoutSeconds);
        range(problems, "maxAttempts", maxAttempts, 1, 10);
        positive(problems, "backoffBaseMillis", backoffBaseMillis);
        positive(problems, "backoffMaxMillis", backoffMaxMillis);
        if (backoffMaxMillis < backoffBaseMillis) {
            problems.add(WORDING.problem("epicor.backoffMaxMillis", "must be at least epicor.backoffBaseMillis"));
        }
        range(problems, "keysPerCall", keysPerCall, 1, 200);
        if (maxPagesPerCycle < 1) {
            problems.add(WORDING.problem("epicor.maxPagesPerCycle", "must be at least 1, was " + maxPagesPerCycle));
        }
        if (sweepEveryHours < 0 || sweepEveryHours > MAX_SWEEP_EVERY_HOURS) {
            problems.add(WORDING.problem("epicor.sweepEveryHours", "must be between 0 (off) and "
                    + MAX_SWEEP_EVERY_HOURS + ", was " + sweepEveryHours));
        }
        range(problems, "preflightEveryHours", preflightEveryHours, 1, MAX_SWEEP_EVERY_HOURS);
        packs.check(problems);
    }

    public Duration connectTimeout() { return Duration.ofSeconds(connectTimeoutSeconds); }
    public Duration readTimeout() { return Duration.ofSeconds(readTimeoutSeconds); }
    public Duration backoffBase() { return Duration.ofMillis(backoffBaseMillis); }
    public Duration backoffMax() { return Duration.ofMillis(backoffMaxMillis); }

    /**
     * How often the poller's reconciliation sweep reads every eligible release (not only the changed ones) and
     * enqueues those the shipment ledger has never seen; null when the sweep is off (0).
     */
    public Duration sweepEvery() { return sweepEveryHours == 0 ? null : Duration.ofHours(sweepEveryHours); }

    /** How long a passed preflight holds before the tenant is checked again. */
    public Duration preflightEvery() { return Duration.ofHours(preflightEveryHours); }

    public static Builder builder() {
        return new Builder(JsonNodeFactory.instance.objectNode());
    }

    public Builder toBuilder() {
        return new Builder(SettingsBinder.toJson(this));
    }

    private static void range(List<String> problems, String key, int value, int min, int max) {
        if (value < min || value > max) {
            problems.add(WORDING.problem("epicor." + key, "must be between " + min + " and " + max + ", was " + value));
        }
    }

    private static void positive(List<String> problems, String key, int value) {
        if (value < 1) {
            problems.add(WORDING.problem("epicor." + key, "must be positive"));
        }
    }

    private static Set<String> trimmed(Set<String> codes) {
        Set<String> out = new LinkedHashSet<>();
        codes.forEach(code -> out.add(code.trim()));
        return Set.copyOf(out);
    }

    // ---------------------------------------------------------------------------------------------

    /**
     * Which Epicor entity and columns receive each tracking fact: {@code {"target": ..., "fields": {fact: column}}}.
     * ORDER_REL_UD writes user-defined columns of OrderRel (SalesOrderSvc/OrderRels); CUST_SHIP writes ShipHead
     * (CustShipSvc/CustShips) of the pack that ships the release. A fact the fields do not name keeps the
     * target's default column; a fact mapped to null (or "") is not written.
     */
    public record WriteBackMapping(Target target, @Expected("a JSON object of fact -> column") Map<String, String> fields) {
        public enum Target { ORDER_REL_UD, CUST_SHIP }

        public static final List<String> FACTS =
                List.of("trackingNumber", "status", "estimatedDelivery", "deliveredAt", "labelLocation",
                        "customsFormsLocation", "shippedService", "shippingCharge");

        public static final WriteBackMapping DEFAULT = new WriteBackMapping(Target.ORDER_REL_UD, null);

        private static final Map<String, String> ORDER_REL_UD_COLUMNS = Map.of("trackingNumber", "TrackingNumber_c",
                "status", "UPSStatus_c", "estimatedDelivery", "EstDeliveryDate_c", "deliveredAt", "DeliveredDate_c",
                "labelLocation", "LabelLocation_c");
        // ShipHead.TrackingNumber is a standard column; every other fact needs a configured UD column.
        private static final Map<String, String> CUST_SHIP_COLUMNS = Map.of("trackingNumber", "TrackingNumber");

        public WriteBackMapping {
            target = Objects.requireNonNullElse(target, Target.ORDER_REL_UD);
            fields = fields == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        }

        /** For the settings reader: the components in declaration order. */
        private WriteBackMapping(SettingsBinder.Components c) {
            this(c.next(), c.next());
        }

        /** Every fact named, in the order trackingNumber, status, estimatedDelivery, deliveredAt, labelLocation. */
        public WriteBackMapping(Target target, String trackingNumber, String status, String estimatedDelivery,
                                String deliveredAt, String labelLocation) {
            this(target, facts(trackingNumber, status, estimatedDelivery, deliveredAt, labelLocation));
        }

        public String trackingNumber() { return column("trackingNumber"); }
        public String status() { return column("status"); }
        public String estimatedDelivery() { return column("estimatedDelivery"); }
        public String deliveredAt() { return column("deliveredAt"); }
        public String labelLocation() { return column("labelLocation"); }
        /** No default column: the forms of international shipments are written back only where one is mapped. */
        public String customsFormsLocation() { return column("customsFormsLocation"); }

        /** Fact name (trackingNumber, status, ...) to Epicor column, only the mapped ones, in a stable order. */
        public Map<String, String> columnsByFact() {
            Map<String, String> columns = new LinkedHashMap<>();
            for (String fact : FACTS) {
                if (column(fact) != null) {
                    columns.put(fact, column(fact));
                }
            }
            return columns;
        }

        private String column(String fact) {
            String column = fields != null && fields.containsKey(fact) ? fields.get(fact)
                    : (target == Target.ORDER_REL_UD ? ORDER_REL_UD_COLUMNS : CUST_SHIP_COLUMNS).get(fact);
            return column == null || column.isBlank() ? null : column.trim();
        }

        void check(List<String> problems) {
            if (fields != null) {
                fields.keySet().stream().filter(name -> !FACTS.contains(name)).forEach(name -> problems.add(
                        WORDING.problem("epicor.writeBack.fields." + name, "is not a fact; use trackingNumber, status, "
                                + "estimatedDelivery, deliveredAt, labelLocation, customsFormsLocation, shippedService "
                                + "or shippingCharge")));
            }
            for (String fact : FACTS) {
                String column = column(fact);
                if (column != null && !column.matches("[A-Za-z][A-Za-z0-9_]*")) {
                    problems.add(WORDING.problem("epicor.writeBack.fields." + fact,
                            "is not an Epicor column name: '" + column + "'"));
                }
            }
            if (columnsByFact().isEmpty()) {
                problems.add(WORDING.problem("epicor.writeBack.fields", "maps no fact to any Epicor column"));
            }
        }

        private static Map<String, String> facts(String... columns) {
            Map<String, String> fields = new LinkedHashMap<>();
            for (int i = 0; i < columns.length; i++) {
                fields.put(FACTS.get(i), columns[i]);
            }
            return fields;
        }
    }

    // ---------------------------------------------------------------------------------------------

    /**
     * The {@code epicor.packs} section (pack mode, {@code epicor.source: PACKS}).
     *
     * @param readyFilter  what marks a pack ready for a label in the shop: an OData filter over ShipHead columns,
     *                     default {@code ShipStatus eq 'FREIGHTED'} (the packer pressed Freight, as for Epicor's
     *                     manifest interface); the poll always adds "not voided, not shipped, no tracking number"
     * @param markShipped  also set ShipHead.ReadyToInvoice (Epicor's "shipped") when writing a label back; default false
     * @param customerFreight the customer's freight charge added to each shipped pack as a misc charge; absent: off
     */
    public record Packs(String readyFilter, Boolean markShipped, CustomerFreight customerFreight) {
        public static final Packs DEFAULT = new Packs(null, null, null);

        public Packs(String readyFilter, Boolean markShipped) {
            this(readyFilter, markShipped, null);
        }

        public Packs {
            readyFilter = readyFilter == null ? PackSettings.DEFAULT_READY_FILTER
                    : readyFilter.trim();
            markShipped = Objects.requireNonNullElse(markShipped, Boolean.FALSE);
        }

        /** For the settings reader: the components in declaration order. */
        private Packs(SettingsBinder.Components c) {
            this(c.next(), c.next(), c.next());
        }

        /** The customer's freight charge, or null when epicor.packs.customerFreight is off (or has a problem). */
        public FreightCharge freightCharge() {
            return customerFreight == null || !customerFreight.valid() ? null : customerFreight.toCharge();
        }

        void check(List<String> problems) {
            if (customerFreight != null) {
                customerFreight.check(problems);
            }
            if (readyFilter.isEmpty()) {
                problems.add(WORDING.problem("epicor.packs.readyFilter", "must not be empty: leave it out for the "
                        + "default (" + PackSettings.DEFAULT_READY_FILTER + ")"));
            } else if (readyFilter.chars().filter(ch -> ch == '(').count()
                    != readyFilter.chars().filter(ch -> ch == ')').count()) {
                problems.add(WORDING.problem("epicor.packs.readyFilter", "has unbalanced parentheses: '"
                        + readyFilter + "'"));
            }
        }
    }

    /**
     * The {@code epicor.packs.customerFreight} section: bill each shipped pack's freight to the customer as a misc
     * charge on the pack (ShipMisc, carried to its invoice), of UPS's freight x (1 + markupPercent/100) + markupAmount,
     * half-up to cents (docs/decisions/0030-pack-mode.md).
     *
     * @param miscCode      the misc charge code (Misc Charge Maintenance) the charge is billed with, e.g. FRT
     * @param markupPercent markup in percent of UPS's freight, default 0
     * @param markupAmount  flat amount added to each pack's charge, default 0
     */
    public record CustomerFreight(String miscCode, BigDecimal markupPercent, BigDecimal markupAmount) {
        public CustomerFreight {
            miscCode = miscCode == null ? "" : miscCode.trim();
            markupPercent = Objects.requireNonNullElse(markupPercent, BigDecimal.ZERO);
            markupAmount = Objects.requireNonNullElse(markupAmount, BigDecimal.ZERO);
        }

        /** For the settings reader: the components in declaration order. */
        private CustomerFreight(SettingsBinder.Components c) {
            this(c.next(), c.next(), c.next());
        }

        boolean valid() {
            return !miscCode.isEmpty() && markupPercent.signum() >= 0 && markupAmount.signum() >= 0;
        }

        FreightCharge toCharge() {
            return new FreightCharge(miscCode, markupPercent, markupAmount);
        }

        void check(List<String> problems) {
            if (miscCode.isEmpty()) {
                problems.add(WORDING.problem("epicor.packs.customerFreight.miscCode", "is required: the misc charge"
                        + " code the freight is billed with (Misc Charge Maintenance, e.g. FRT); leave customerFreight"
                        + " out to charge no freight"));
            }
            if (markupPercent.signum() < 0) {
                problems.add(WORDING.problem("epicor.packs.customerFreight.markupPercent", "must not be negative, was "
                        + markupPercent.toPlainString()));
            }
            if (markupAmount.signum() < 0) {
                problems.add(WORDING.problem("epicor.packs.customerFreight.markupAmount", "must not be negative, was "
                        + markupAmount.toPlainString()));
            }
        }
    }

    // ---------------------------------------------------------------------------------------------

    /**
     * Writes the JSON a user would write for these settings, so what code builds goes through the same reading
     * and checks as CONNECTOR_SETTINGS.
     */
    public static final class Builder {
        private final ObjectNode json;

        private Builder(ObjectNode json) {
            this.json = json;
        }

        public Builder pageSize(int v) { json.put("pageSize", v); return this; }
        public Builder exportItnColumn(String v) { json.put("exportItnColumn", v); return this; }
        public Builder eligibilityFilter(String v) { json.put("eligibilityFilter", v); return this; }
        public Builder source(Source v) { json.put("source", v.name()); return this; }
        public Builder baqId(String v) { json.put("baqId", v); return this; }
        public Builder checkpointMode(CheckpointMode v) { json.put("checkpointMode", v.name()); return this; }
        public Builder weightSource(WeightSource v) { json.put("weightSource", v.name()); return this; }
        public Builder weightUnit(WeightUnit v) { json.put("weightUnit", v.name()); return this; }
        public Builder upsShipViaCodes(Set<String> v) { json.set("upsShipViaCodes", SettingsBinder.valueToJson(v)); return this; }
        public Builder writeBack(WriteBackMapping v) { json.set("writeBack", SettingsBinder.valueToJson(v)); return this; }
        public Builder oauthClientAuth(OAuthClientAuth v) { json.put("oauthClientAuth", v.name()); return this; }
        public Builder connectTimeout(Duration v) { json.put("connectTimeoutSeconds", v.toSeconds()); return this; }
        public Builder readTimeout(Duration v) { json.put("readTimeoutSeconds", v.toSeconds()); return this; }
        public Builder maxAttempts(int v) { json.put("maxAttempts", v); return this; }
        public Builder backoffBase(Duration v) { json.put("backoffBaseMillis", v.toMillis()); return this; }
        public Builder backoffMax(Duration v) { json.put("backoffMaxMillis", v.toMillis()); return this; }
        public Builder keysPerCall(int v) { json.put("keysPerCall", v); return this; }
        public Builder maxPagesPerCycle(int v) { json.put("maxPagesPerCycle", v); return this; }
        public Builder sweepEveryHours(int v) { json.put("sweepEveryHours", v); return this; }
        public Builder preflightEveryHours(int v) { json.put("preflightEveryHours", v); return this; }
        public Builder packs(Packs v) { json.set("packs", SettingsBinder.valueToJson(v)); return this; }

        /** @throws IllegalArgumentException naming every problem, as CONNECTOR_SETTINGS would */
        public EpicorSettings build() {
            List<String> problems = new ArrayList<>();
            EpicorSettings settings = read(json, problems);
            if (!problems.isEmpty()) {
                throw new IllegalArgumentException(String.join("; ", problems));
            }
            return settings;
        }
    }
}

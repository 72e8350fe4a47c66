package com.epicorups.cli.local;

import com.epicorups.core.Json;
import com.epicorups.epicor.pack.PackRequestMessage;
import com.epicorups.model.PackKey;
import com.epicorups.model.ReleaseKey;
import com.epicorups.model.ShipmentRequestMessage;
import com.epicorups.store.LabelPaths;
import com.epicorups.sandbox.epicor.EpicorSandbox;
import com.epicorups.sandbox.epicor.RecordedWrite;
import com.epicorups.sandbox.ups.UpsSandbox;
import com.epicorups.store.AuditEntry;
import com.epicorups.store.AuditOperation;
import com.epicorups.store.AuditOutcome;
import com.epicorups.store.LedgerState;
import com.epicorups.store.ShipmentRecord;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * The outcome of every release a local run saw (in pack mode, every pack: {@code company#PACK#n}), from the same
 * places an operator would look: the messages the poller enqueued, the audit trail, the ledger, and (with the
 * sandboxes) what Epicor and UPS received.
 */
public record RunReport(List<Release> releases, List<Excluded> excludedByFilter, Counts counts,
                        Map<String, Integer> dlqDepths, long elapsedMillis) {

    public enum Outcome { SHIPPED, SKIPPED, FAILED, PENDING }

    /** The key columns of a pack's ShipHead and CartonTrkDtl rows: in every write, not written values. */
    private static final Set<String> PACK_KEY_COLUMNS = Set.of("Company", "PackNum", "CaseNum", "ShipmentType");

    /**
     * @param shipmentRequest the UPS ShipmentRequest body as sent (from the SHIPMENT_CREATE audit entry)
     * @param epicorFields    the last value written to each Epicor field of this release
     */
    public record Release(String key, Outcome outcome, String reasonCode, String message,
                          List<String> trackingNumbers, String ledgerState, String lastStatus,
                          JsonNode shipmentRequest, Map<String, Object> epicorFields, int epicorWrites) {
    }

    /** An OrderRels row the release source (the ReadyToShip BAQ, or the eligibility filter) kept from the poller (sandbox runs only). */
    public record Excluded(String key, Map<String, Object> flags) {
    }

    public record Counts(int releasesSeen, int shipped, int skipped, int failed, int pending,
                         Map<String, Integer> skippedByReason, Map<String, Integer> failedByReason,
                         long epicorCalls, Map<String, Long> epicorCallsByKind,
                         Long upsCalls, Map<String, Integer> upsCallsByOperation, long upsTokenRequests,
                         int upsShipments, int labelsStored) {
    }

    public static RunReport build(LocalEnvironment env, long elapsedMillis) {
        Set<String> keys = new LinkedHashSet<>(enqueuedSubjects(env));
        Set<String> pollSkipped = new LinkedHashSet<>();
        for (AuditEntry e : env.auditLog().all()) {
            if (e.operation() == AuditOperation.RELEASE_SKIPPED) {
                pollSkipped.add(e.subjectKey());
                keys.add(e.subjectKey());
            }
        }
        Map<String, List<Map<String, Object>>> writesByKey = epicorWritesByKey(env);
        List<Release> releases = new ArrayList<>();
        Map<String, Integer> skippedBy = new TreeMap<>();
        Map<String, Integer> failedBy = new TreeMap<>();
        int shipped = 0;
        int skipped = 0;
        int failed = 0;
        int pending = 0;
        for (String key : keys) {
            Release r = release(env, key, pollSkipped.contains(key), writesByKey.getOrDefault(key, List.of()));
            releases.add(r);
            switch (r.outcome()) {
                case SHIPPED -> shipped++;
                case SKIPPED -> {
                    skipped++;
                    skippedBy.merge(r.reasonCode(), 1, Integer::sum);
                }
                case FAILED -> {
                    failed++;
                    failedBy.merge(r.reasonCode(), 1, Integer::sum);
                }
                case PENDING -> pending++;
            }
        }
        Counts counts = counts(env, keys.size(), shipped, skipped, failed, pending, skippedBy, failedBy);
        Map<String, Integer> dlq = new LinkedHashMap<>();
        dlq.put(env.sqs().shipmentRequests().dlqName(), depth(env, env.sqs().shipmentRequests().dlqUrl()));
        dlq.put(env.sqs().trackingUpdates().dlqName(), depth(env, env.sqs().trackingUpdates().dlqUrl()));
        return new RunReport(releases, excluded(env, keys), counts, dlq, elapsedMillis);
    }

    /** Release keys of the shipment requests the poller enqueued, in order (pack requests are not releases). */
    public static List<ReleaseKey> enqueuedKeys(LocalEnvironment env) {
        return enqueuedSubjects(env).stream().filter(k -> !PackKey.isPackKey(k)).map(ReleaseKey::parse).toList();
    }

    /** The ledger keys of the shipment requests the poller enqueued, in order: releases', or packs' in pack mode. */
    public static List<String> enqueuedSubjects(LocalEnvironment env) {
        Set<String> keys = new LinkedHashSet<>();
        for (String body : env.shipmentRequests().sent()) {
            try {
                JsonNode tree = Json.mapper().readTree(body);
                keys.add(tree.has("kind") ? Json.mapper().treeToValue(tree, PackRequestMessage.class).key().asString()
                        : Json.mapper().treeToValue(tree, ShipmentRequestMessage.class).release().key().asString());
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("the poller enqueued a message that is not a shipment request", e);
            }
        }
        return List.copyOf(keys);
    }

    private static Release release(LocalEnvironment env, String key, boolean skippedByPoll,
                                   List<Map<String, Object>> writes) {
        List<AuditEntry> audit = env.auditLog().forSubject(key);
        ShipmentRecord record = (PackKey.isPackKey(key) ? env.ledger().packs().get(PackKey.parse(key))
                : env.ledger().get(ReleaseKey.parse(key))).orElse(null);
        JsonNode request = shipmentRequest(audit);
        Map<String, Object> fields = new LinkedHashMap<>();
        writes.forEach(fields::putAll);
        List<String> numbers = record == null ? List.of() : record.trackingNumbers();
        String state = record == null ? null : record.state().name();
        String status = record == null || record.lastStatus() == null ? null : record.lastStatus().name();
        if (record != null && record.shipped()) {
            return new Release(key, Outcome.SHIPPED, null, lastMessage(audit), numbers, state, status,
                    request, fields, writes.size());
        }
        AuditEntry last = lastDecisive(audit);
        if (skippedByPoll && record == null) {
            AuditEntry skip = audit.stream().filter(e -> e.operation() == AuditOperation.RELEASE_SKIPPED)
                    .reduce((a, b) -> b).orElse(last);
            return new Release(key, Outcome.SKIPPED, skip == null ? null : skip.reasonCode(),
                    skip == null ? null : skip.message(), numbers, state, status, request, fields, writes.size());
        }
        if (last == null) {
            return new Release(key, Outcome.PENDING, "NOT_PROCESSED", "no attempt audited yet", numbers,
                    state, status, request, fields, writes.size());
        }
        Outcome outcome = switch (last.outcome()) {
            case SKIPPED -> Outcome.SKIPPED;
            case FAILED -> Outcome.FAILED;
            case RETRYING -> record != null && record.state() == LedgerState.NEEDS_ATTENTION
                    ? Outcome.FAILED : Outcome.PENDING;
            case SUCCESS -> record != null && record.state() == LedgerState.NEEDS_ATTENTION
                    ? Outcome.FAILED : Outcome.PENDING;
        };
        String reason = last.reasonCode() != null ? last.reasonCode()
                : record != null && record.reasonCode() != null ? record.reasonCode() : "UNKNOWN";
        return new Release(key, outcome, reason, last.message(), numbers, state, status, request,
                fields, writes.size());
    }

    /** The last entry that decided something (not a success of an intermediate step). */
    private static AuditEntry lastDecisive(List<AuditEntry> audit) {
        AuditEntry found = null;
        for (AuditEntry e : audit) {
            if (e.outcome() != AuditOutcome.SUCCESS) {
                found = e;
            }
        }
        return found;
    }

    private static String lastMessage(List<AuditEntry> audit) {
        return audit.stream().filter(e -> e.operation() == AuditOperation.SHIPMENT_CREATE)
                .reduce((a, b) -> b).map(AuditEntry::message).orElse(null);
    }

    private static JsonNode shipmentRequest(List<AuditEntry> audit) {
        for (int i = audit.size() - 1; i >= 0; i--) {
            String body = audit.get(i).details().get("request");
            if (audit.get(i).operation() == AuditOperation.SHIPMENT_CREATE && body != null) {
                try {
                    return Json.mapper().readTree(body);
                } catch (JsonProcessingException e) {
                    // kept truncated in the audit (over 4000 characters): report the text as it is
                    return Json.mapper().getNodeFactory().textNode(body);
                }
            }
        }
        return null;
    }

    private static Map<String, List<Map<String, Object>>> epicorWritesByKey(LocalEnvironment env) {
        Map<String, List<Map<String, Object>>> out = new LinkedHashMap<>();
        env.epicorSandbox().ifPresent(sandbox -> {
            for (RecordedWrite w : sandbox.writes().all()) {
                if (!w.applied() || w.body() == null) {
                    continue;
                }
                if ("CustShips".equals(w.entitySet()) || "CartonTrkDtls".equals(w.entitySet())) {
                    // A pack's writes: its ShipHead's columns, each carton's as "CaseNum n.Column".
                    Object caseNum = w.keys().get("CaseNum") != null ? w.keys().get("CaseNum") : w.body().get("CaseNum");
                    Map<String, Object> fields = new LinkedHashMap<>();
                    w.body().forEach((column, value) -> {
                        if (!PACK_KEY_COLUMNS.contains(column)) {
                            fields.put(caseNum == null ? column : "CaseNum " + caseNum + "." + column, value);
                        }
                    });
                    Object packNum = w.keys().get("PackNum") != null ? w.keys().get("PackNum") : w.body().get("PackNum");
                    out.computeIfAbsent(w.keys().getOrDefault("Company", w.body().get("Company")) + "#PACK#" + packNum,
                            k -> new ArrayList<>()).add(fields);
                    continue;
                }
                if (!"OrderRels".equals(w.entitySet())) {
                    continue;
                }
                String key = w.keys().get("Company") + "#" + w.keys().get("OrderNum") + "#"
                        + w.keys().get("OrderLine") + "#" + w.keys().get("OrderRelNum");
                out.computeIfAbsent(key, k -> new ArrayList<>()).add(w.body());
            }
        });
        return out;
    }

    private static List<Excluded> excluded(LocalEnvironment env, Set<String> seenKeys) {
        List<Excluded> out = new ArrayList<>();
        if (env.assembly().parts().settings().epicor().source().isPacks()) {
            env.epicorSandbox().ifPresent(sandbox -> {
                for (Map<String, Object> row : sandbox.dataset().get("CustShips")) {
                    String key = row.get("Company") + "#PACK#" + row.get("PackNum");
                    if (!seenKeys.contains(key)) {
                        Map<String, Object> flags = new LinkedHashMap<>();
                        for (String f : List.of("ShipStatus", "Voided", "ReadyToInvoice", "TrackingNumber", "ShipViaCode")) {
                            flags.put(f, row.get(f));
                        }
                        out.add(new Excluded(key, flags));
                    }
                }
            });
            return out;
        }
        env.epicorSandbox().ifPresent(sandbox -> {
            for (Map<String, Object> row : sandbox.dataset().get("OrderRels")) {
                String key = row.get("Company") + "#" + row.get("OrderNum") + "#" + row.get("OrderLine") + "#"
                        + row.get("OrderRelNum");
                if (!seenKeys.contains(key)) {
                    Map<String, Object> flags = new LinkedHashMap<>();
                    for (String f : List.of("OpenRelease", "VoidRelease", "FirmRelease", "ReadyToFulfill",
                            "ShipViaCode", "OurReqQty", "DropShip")) {
                        flags.put(f, row.get(f));
                    }
                    out.add(new Excluded(key, flags));
                }
            }
        });
        return out;
    }

    private static Counts counts(LocalEnvironment env, int seen, int shipped, int skipped, int failed, int pending,
                                 Map<String, Integer> skippedBy, Map<String, Integer> failedBy) {
        long epicorCalls;
        Map<String, Long> epicorByKind = new TreeMap<>();
        Long upsCalls;
        Map<String, Integer> upsByOperation = new TreeMap<>();
        long tokens;
        int shipments;
        if (env.sandboxed()) {
            EpicorSandbox epicor = env.epicorSandbox().orElseThrow();
            epicor.requests().countsByKind().forEach((k, v) -> epicorByKind.put(k.name(), v));
            epicorCalls = epicor.requests().size();
            UpsSandbox ups = env.upsSandbox().orElseThrow();
            ups.requests().forEach((k, v) -> upsByOperation.put(k.name(), v));
            upsCalls = upsByOperation.values().stream().mapToLong(Integer::longValue).sum();
            tokens = ups.tokenRequests();
            shipments = ups.shipments().count();
        } else {
            epicorCalls = env.assembly().epicor().client().callCount();
            tokens = env.assembly().ups().clients().http().tokens().tokenRequests();
            upsCalls = null; // real UPS keeps no request log we can read
            shipments = shipped;
        }
        return new Counts(seen, shipped, skipped, failed, pending, skippedBy, failedBy, epicorCalls, epicorByKind,
                upsCalls, upsByOperation, tokens, shipments, countLabels(env.labelDir(), env.startedAt()));
    }

    /**
     * The labels this run stored: the output folder may still hold an earlier run's, and holds the customs forms of
     * international shipments beside their labels (not labels).
     */
    private static int countLabels(Path dir, FileTime since) {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (var files = Files.walk(dir)) {
            return (int) files.filter(Files::isRegularFile).filter(f -> writtenSince(f, since))
                    .filter(f -> !LabelPaths.isCustomsForms(f.getFileName().toString())).count();
        } catch (IOException e) {
            return 0;
        }
    }

    private static boolean writtenSince(Path file, FileTime since) {
        try {
            return Files.getLastModifiedTime(file).compareTo(since) >= 0;
        } catch (IOException e) {
            return false;
        }
    }

    private static int depth(LocalEnvironment env, String url) {
        var d = env.queues().depth(url);
        return d.visible() + d.inFlight() + d.delayed();
    }

    /** Token requests counted today in the token cache (what `connector status` reads on AWS). */
    public static long tokenRequestsToday(LocalEnvironment env) {
        var ups = env.assembly().ups();
        String key = ups.clients().http().tokens().cacheKey(null); // the UpsSecret's merchant id
        return env.tokenCache().dailyRequests(key, LocalDate.now(ZoneOffset.UTC));
    }

    public void write(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Json.mapper().writerWithDefaultPrettyPrinter().writeValue(file.toFile(), this);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the report to " + file + ": " + e.getMessage(), e);
        }
    }

    public RunReport {
        Objects.requireNonNull(releases, "releases");
    }
}

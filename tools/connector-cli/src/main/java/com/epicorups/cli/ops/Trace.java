package com.epicorups.cli.ops;

import com.epicorups.model.ReleaseKey;
import com.epicorups.store.AuditEntry;
import com.epicorups.store.AuditLog;
import com.epicorups.store.ShipmentLedger;
import com.epicorups.store.ShipmentRecord;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The timeline of an order or a release: its audit entries, oldest first, and the ledger state of each release. */
public final class Trace {
    private final AuditLog auditLog;
    private final ShipmentLedger ledger;
    private final ReleaseFinder finder;

    public record Result(String query, List<ReleaseKey> releases, List<AuditEntry> timeline,
                         Map<ReleaseKey, Optional<ShipmentRecord>> ledger) {
    }

    public Trace(AuditLog auditLog, ShipmentLedger ledger, ReleaseFinder finder) {
        this.auditLog = auditLog;
        this.ledger = ledger;
        this.finder = finder;
    }

    /** @param query a release key {@code COMPANY#ORDER#LINE#REL}, or an order {@code ORDER} / {@code COMPANY#ORDER} */
    public Result trace(String query) {
        String q = query.trim();
        ReleaseKey single = ReleaseFinder.parseOrNull(q);
        List<ReleaseKey> keys;
        if (single != null) {
            keys = List.of(single);
        } else {
            String[] parts = q.split("#");
            try {
                if (parts.length == 1) {
                    keys = finder.releasesOf(null, Integer.parseInt(parts[0]));
                } else if (parts.length == 2) {
                    keys = finder.releasesOf(parts[0], Integer.parseInt(parts[1]));
                } else {
                    throw new NumberFormatException();
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + query + "' is neither an order (5001 or EPIC06#5001) nor a "
                        + "release key (EPIC06#5001#1#1)");
            }
        }
        List<AuditEntry> timeline = new ArrayList<>();
        Map<ReleaseKey, Optional<ShipmentRecord>> states = new LinkedHashMap<>();
        for (ReleaseKey key : keys) {
            timeline.addAll(auditLog.forSubject(key.asString()));
            Optional<ShipmentRecord> record = ledger.get(key);
            states.put(key, record);
            // Tracking updates are audited under the tracking number as well.
            record.ifPresent(r -> r.trackingNumbers().forEach(tn -> timeline.addAll(auditLog.forSubject(tn))));
        }
        timeline.sort(Comparator.comparing(AuditEntry::at));
        return new Result(query, keys, timeline, states);
    }

    public static void print(Result result, PrintWriter out) {
        if (result.releases().isEmpty()) {
            out.println("no release found for " + result.query() + " in the ledger or the audit trail");
            return;
        }
        out.println("Releases of " + result.query() + ":");
        result.ledger().forEach((key, record) -> out.println("  " + key.asString() + "  " + record
                .map(r -> r.state() + (r.trackingNumbers().isEmpty() ? "" : " " + r.trackingNumbers())
                        + (r.lastStatus() == null ? "" : " status " + r.lastStatus())
                        + (r.reasonCode() == null ? "" : " reason " + r.reasonCode())
                        + " attempt " + r.attempt())
                .orElse("not in the ledger")));
        out.println();
        out.println("Timeline (" + result.timeline().size() + " audit entries, oldest first):");
        for (AuditEntry e : result.timeline()) {
            StringBuilder line = new StringBuilder("  ").append(e.at()).append("  ")
                    .append(String.format("%-20s %-9s", e.operation(), e.outcome()));
            if (e.reasonCode() != null) {
                line.append(' ').append(e.reasonCode());
            }
            line.append("  ").append(e.subjectKey());
            if (e.message() != null) {
                line.append("  ").append(e.message());
            }
            out.println(line);
            e.details().forEach((k, v) -> {
                if (!"request".equals(k)) {
                    out.println("      " + k + ": " + (v.length() > 160 ? v.substring(0, 160) + "..." : v));
                }
            });
        }
    }
}

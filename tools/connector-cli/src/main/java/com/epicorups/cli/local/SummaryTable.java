package com.epicorups.cli.local;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The table a local run ends with. */
public final class SummaryTable {
    private SummaryTable() {
    }

    public static String render(RunReport report) {
        RunReport.Counts c = report.counts();
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"releases seen", Integer.toString(c.releasesSeen())});
        rows.add(new String[] {"  shipped", Integer.toString(c.shipped())});
        rows.add(new String[] {"  skipped", Integer.toString(c.skipped())});
        c.skippedByReason().forEach((reason, n) -> rows.add(new String[] {"    " + reason, Integer.toString(n)}));
        rows.add(new String[] {"  failed", Integer.toString(c.failed())});
        c.failedByReason().forEach((reason, n) -> rows.add(new String[] {"    " + reason, Integer.toString(n)}));
        if (c.pending() > 0) {
            rows.add(new String[] {"  pending (retry backoff)", Integer.toString(c.pending())});
        }
        rows.add(new String[] {"excluded by eligibility filter", Integer.toString(report.excludedByFilter().size())});
        rows.add(new String[] {"UPS shipments created", Integer.toString(c.upsShipments())});
        rows.add(new String[] {"labels stored", Integer.toString(c.labelsStored())});
        rows.add(new String[] {"Epicor calls", c.epicorCalls() + breakdown(c.epicorCallsByKind())});
        rows.add(new String[] {"UPS calls", (c.upsCalls() == null ? "n/a" : Long.toString(c.upsCalls()))
                + breakdown(c.upsCallsByOperation())});
        rows.add(new String[] {"UPS token requests", Long.toString(c.upsTokenRequests())});
        report.dlqDepths().forEach((q, n) -> rows.add(new String[] {"DLQ " + q, Integer.toString(n)}));
        rows.add(new String[] {"elapsed", String.format("%.1f s", report.elapsedMillis() / 1000.0)});
        int width = rows.stream().mapToInt(r -> r[0].length()).max().orElse(10);
        StringBuilder out = new StringBuilder();
        String rule = "-".repeat(width + 2) + "+" + "-".repeat(40) + "\n";
        out.append(rule);
        for (String[] r : rows) {
            out.append(' ').append(String.format("%-" + width + "s", r[0])).append(" | ").append(r[1]).append('\n');
        }
        out.append(rule);
        return out.toString();
    }

    private static String breakdown(Map<String, ? extends Number> byKind) {
        if (byKind.isEmpty()) {
            return "";
        }
        StringBuilder b = new StringBuilder(" (");
        byKind.forEach((k, v) -> {
            if (b.length() > 2) {
                b.append(", ");
            }
            b.append(k).append(' ').append(v);
        });
        return b.append(')').toString();
    }
}

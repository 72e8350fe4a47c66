package com.epicorups.cli.ops;

import com.epicorups.app.ConnectorAssembly;
import com.epicorups.store.AuditEntry;
import com.epicorups.store.AuditLog;
import com.epicorups.store.AuditOutcome;
import com.epicorups.store.TokenCacheStore;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Queue depths, today's failures by reason, and UPS token requests today against the budget. */
public final class Status {
    private final Queues queues;
    private final AuditLog auditLog;
    private final TokenCacheStore tokenCache;
    private final ConnectorAssembly assembly;
    private final Clock clock;

    /**
     * @param tokens   null when the UPS secret could not be read; {@code tokenError} then says why
     */
    public record Result(Map<String, Queues.Depth> queueDepths, Map<String, Queues.Depth> dlqDepths,
                         LocalDate day, int failuresToday, Map<String, Integer> failuresByReason,
                         Long tokenRequestsToday, Long tokenDailyBudget, String tokenError) {
    }

    public Status(Queues queues, AuditLog auditLog, TokenCacheStore tokenCache, ConnectorAssembly assembly,
                  Clock clock) {
        this.queues = queues;
        this.auditLog = auditLog;
        this.tokenCache = tokenCache;
        this.assembly = assembly;
        this.clock = clock;
    }

    public Result read() {
        Map<String, Queues.Depth> depths = new LinkedHashMap<>();
        Map<String, Queues.Depth> dlqs = new LinkedHashMap<>();
        queues.pairs().values().stream().sorted(java.util.Comparator.comparing(Queues.Pair::name)).forEach(p -> {
            depths.put(p.name(), queues.depth(p.url()));
            dlqs.put(p.name() + "-dlq", queues.depth(p.dlqUrl()));
        });
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        List<AuditEntry> failures = auditLog.forDay(today, AuditOutcome.FAILED);
        Map<String, Integer> byReason = new TreeMap<>();
        failures.forEach(e -> byReason.merge(e.reasonCode() == null ? "UNSPECIFIED" : e.reasonCode(), 1, Integer::sum));
        Long tokens = null;
        Long budget = null;
        String tokenError = null;
        try {
            ConnectorAssembly.UpsSide ups = assembly.ups();
            String key = ups.clients().http().tokens().cacheKey(null); // the UpsSecret's merchant id
            tokens = tokenCache.dailyRequests(key, today);
            budget = ups.settings().tokenDailyBudget();
        } catch (RuntimeException e) {
            tokenError = "cannot read the UPS settings (" + e.getMessage() + ")";
        }
        return new Result(depths, dlqs, today, failures.size(), byReason, tokens, budget, tokenError);
    }

    public static void print(Result r, PrintWriter out) {
        out.printf("%-24s %8s %10s %8s%n", "Queues", "visible", "in flight", "delayed");
        r.queueDepths().forEach((name, d) -> out.printf("  %-22s %8d %10d %8d%n", name, d.visible(), d.inFlight(), d.delayed()));
        r.dlqDepths().forEach((name, d) -> out.printf("  %-22s %8d %10d %8d%n", name, d.visible(), d.inFlight(), d.delayed()));
        out.println();
        out.println("Failures today (" + r.day() + " UTC, audit FAILED): " + r.failuresToday());
        r.failuresByReason().forEach((reason, n) -> out.printf("  %-32s %d%n", reason, n));
        out.println();
        if (r.tokenError() != null) {
            out.println("UPS token requests today: unknown: " + r.tokenError());
        } else {
            out.println("UPS token requests today: " + r.tokenRequestsToday() + " of a daily budget of "
                    + r.tokenDailyBudget());
        }
    }
}

package com.epicorups.port;

import java.time.Instant;
import java.util.List;

/**
 * What the preflight said for one configuration.
 *
 * @param fingerprint the configuration it covers ({@link TenantChecks#fingerprint()}); null when nothing was checked
 * @param ranAt       when the checks ran; null when nothing was checked
 * @param summary     the failed checks with what is missing and what to do, or that all passed
 * @param checks      the checks of the run; empty for a verdict read back from the cache
 * @param fromCache   read from the stored result, without calling the tenant
 */
public record PreflightVerdict(boolean passed, String fingerprint, Instant ranAt, String summary,
                               List<CheckResult> checks, boolean fromCache) {
    public PreflightVerdict {
        checks = checks == null ? List.of() : List.copyOf(checks);
    }

    static PreflightVerdict unchecked() {
        return new PreflightVerdict(true, null, null, "no preflight", List.of(), false);
    }

    public static PreflightVerdict ran(String fingerprint, Instant ranAt, PreflightReport report) {
        return new PreflightVerdict(report.passed(), fingerprint, ranAt, report.summary(), report.checks(), false);
    }
}

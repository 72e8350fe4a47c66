package com.epicorups.port;

import java.util.List;
import java.util.stream.Collectors;

/** Every check of one preflight run, in the order they ran. */
public record PreflightReport(List<CheckResult> checks) {
    public PreflightReport {
        checks = List.copyOf(checks);
    }

    public boolean passed() {
        return checks.stream().allMatch(CheckResult::ok);
    }

    public List<CheckResult> failures() {
        return checks.stream().filter(c -> !c.ok()).toList();
    }

    /** Every failed check on one line each (names and what to do), or that all passed. */
    public String summary() {
        if (passed()) {
            return "all " + checks.size() + " checks passed";
        }
        return failures().stream().map(CheckResult::line).collect(Collectors.joining(" | "));
    }
}

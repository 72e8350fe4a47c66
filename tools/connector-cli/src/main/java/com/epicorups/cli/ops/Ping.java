package com.epicorups.cli.ops;

import com.epicorups.app.ConnectorAssembly;
import com.epicorups.epicor.PingResult;
import com.epicorups.port.CheckResult;
import com.epicorups.port.PreflightVerdict;
import com.epicorups.ups.UpsPing;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks the Epicor and UPS credentials and endpoints the connector would use, each with a precise diagnosis, and runs
 * the Epicor preflight (what the connector needs from the tenant), one line per check.
 */
public final class Ping {
    private final ConnectorAssembly assembly;

    public record Check(String system, boolean ok, String detail) {
    }

    public Ping(ConnectorAssembly assembly) {
        this.assembly = assembly;
    }

    public List<Check> run() {
        List<Check> checks = new ArrayList<>();
        boolean epicorReachable = false;
        try {
            PingResult epicor = assembly.epicorPing().ping();
            checks.add(new Check("Epicor", epicor.ok(), (epicor.ok() ? "" : epicor.problem() + ": ")
                    + epicor.message() + (epicor.httpStatus() > 0 ? " (HTTP " + epicor.httpStatus() + ")" : "")
                    + ", " + epicor.calls() + " call(s)"));
            epicorReachable = epicor.ok();
        } catch (RuntimeException e) {
            checks.add(new Check("Epicor", false, "CONFIGURATION: " + e.getMessage()));
        }
        checks.addAll(preflight(epicorReachable));
        try {
            UpsPing.Result ups = assembly.ups().clients().ping().ping();
            for (UpsPing.Check c : ups.checks()) {
                checks.add(new Check("UPS " + c.step(), c.ok(), c.detail()));
            }
        } catch (RuntimeException e) {
            checks.add(new Check("UPS", false, "CONFIGURATION: " + e.getMessage()));
        }
        return checks;
    }

    /**
     * The Epicor preflight's checks, run now (and stored, so that the next poll trusts a pass): one line each, a failed
     * one naming exactly what is missing and what to do. Not run when Epicor itself cannot be reached.
     */
    private List<Check> preflight(boolean epicorReachable) {
        if (!epicorReachable) {
            return List.of(new Check("Epicor preflight", false, "not run: Epicor answered no call (see above)"));
        }
        try {
            PreflightVerdict verdict = assembly.epicorPreflight().runNow();
            return verdict.checks().stream().map(Ping::line).toList();
        } catch (RuntimeException e) {
            return List.of(new Check("Epicor preflight", false, "could not run: " + e.getMessage()));
        }
    }

    /** One check as ping prints it: {@code Epicor <check>} and what was found, and for a failure what to do. */
    public static Check line(CheckResult c) {
        return new Check("Epicor " + c.name(), c.ok(), c.ok() ? c.detail()
                : c.detail() + (c.fix() == null ? "" : " Fix: " + c.fix()));
    }

    public static boolean print(List<Check> checks, PrintWriter out) {
        boolean ok = true;
        for (Check c : checks) {
            out.printf("%-8s %-24s %s%n", c.ok() ? "OK" : "FAILED", c.system(), c.detail());
            ok &= c.ok();
        }
        return ok;
    }
}

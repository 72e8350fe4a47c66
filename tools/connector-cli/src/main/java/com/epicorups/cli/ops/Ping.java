package com.epicorups.cli.ops;

import com.epicorups.app.ConnectorAssembly;
import com.epicorups.epicor.PingResult;
import com.epicorups.ups.UpsPing;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** Checks the Epicor and UPS credentials and endpoints the connector would use, each with a precise diagnosis. */
public final class Ping {
    private final ConnectorAssembly assembly;

    public record Check(String system, boolean ok, String detail) {
    }

    public Ping(ConnectorAssembly assembly) {
        this.assembly = assembly;
    }

    public List<Check> run() {
        List<Check> checks = new ArrayList<>();
        try {
            PingResult epicor = assembly.epicorPing().ping();
            checks.add(new Check("Epicor", epicor.ok(), (epicor.ok() ? "" : epicor.problem() + ": ")
                    + epicor.message() + (epicor.httpStatus() > 0 ? " (HTTP " + epicor.httpStatus() + ")" : "")
                    + ", " + epicor.calls() + " call(s)"));
        } catch (RuntimeException e) {
            checks.add(new Check("Epicor", false, "CONFIGURATION: " + e.getMessage()));
        }
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

    public static boolean print(List<Check> checks, PrintWriter out) {
        boolean ok = true;
        for (Check c : checks) {
            out.printf("%-8s %-24s %s%n", c.ok() ? "OK" : "FAILED", c.system(), c.detail());
            ok &= c.ok();
        }
        return ok;
    }
}

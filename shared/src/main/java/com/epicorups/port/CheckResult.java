package com.epicorups.port;

import java.util.List;

/**
 * One check of the preflight: what was checked, whether it holds, and when it does not, what is missing (the exact
 * Epicor names) and what to do about it.
 *
 * @param name    what was checked, e.g. "write-back columns on OrderRel"
 * @param missing the names that are missing or refused (columns, codes, sets), empty when the check holds
 * @param detail  what was found, in a sentence
 * @param fix     what a person does to make it hold; null when it holds
 */
public record CheckResult(String name, boolean ok, List<String> missing, String detail, String fix) {
    public CheckResult {
        missing = missing == null ? List.of() : List.copyOf(missing);
    }

    public static CheckResult passed(String name, String detail) {
        return new CheckResult(name, true, List.of(), detail, null);
    }

    public static CheckResult failed(String name, List<String> missing, String detail, String fix) {
        return new CheckResult(name, false, missing, detail, fix);
    }

    /** One line: the check, then what was found and, for a failure, what to do. */
    public String line() {
        return ok ? name + ": " + detail : name + ": " + detail + (fix == null ? "" : " Fix: " + fix);
    }
}

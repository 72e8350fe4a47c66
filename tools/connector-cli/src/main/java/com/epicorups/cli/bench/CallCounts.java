package com.epicorups.cli.bench;

import com.epicorups.sandbox.epicor.EpicorSandbox;
import com.epicorups.sandbox.ups.UpsSandbox;
import java.util.Map;
import java.util.TreeMap;

/**
 * Calls the sandboxes received, by kind, read from their request logs (every request, failed ones included).
 * Snapshots subtract, so a phase's calls are {@code after.minus(before)}.
 */
public record CallCounts(Map<String, Long> epicor, Map<String, Long> ups) {
    public static final String UPS_TOKEN = "TOKEN";

    public CallCounts {
        epicor = Map.copyOf(new TreeMap<>(epicor));
        ups = Map.copyOf(new TreeMap<>(ups));
    }

    public static CallCounts of(EpicorSandbox epicorSandbox, UpsSandbox upsSandbox) {
        Map<String, Long> e = new TreeMap<>();
        epicorSandbox.requests().countsByKind().forEach((k, v) -> e.put(k.name(), v));
        Map<String, Long> u = new TreeMap<>();
        upsSandbox.requests().forEach((k, v) -> u.put(k.name(), v.longValue()));
        return new CallCounts(e, u);
    }

    public static CallCounts none() {
        return new CallCounts(Map.of(), Map.of());
    }

    public CallCounts minus(CallCounts earlier) {
        return new CallCounts(subtract(epicor, earlier.epicor), subtract(ups, earlier.ups));
    }

    public CallCounts plus(CallCounts other) {
        Map<String, Long> e = new TreeMap<>(epicor);
        other.epicor.forEach((k, v) -> e.merge(k, v, Long::sum));
        Map<String, Long> u = new TreeMap<>(ups);
        other.ups.forEach((k, v) -> u.merge(k, v, Long::sum));
        return new CallCounts(e, u);
    }

    public long epicorTotal() {
        return epicor.values().stream().mapToLong(Long::longValue).sum();
    }

    public long upsTotal() {
        return ups.values().stream().mapToLong(Long::longValue).sum();
    }

    public long upsTokens() {
        return ups.getOrDefault(UPS_TOKEN, 0L);
    }

    /** UPS calls other than token requests (tokens are their own target). */
    public long upsApiCalls() {
        return upsTotal() - upsTokens();
    }

    private static Map<String, Long> subtract(Map<String, Long> later, Map<String, Long> earlier) {
        Map<String, Long> out = new TreeMap<>();
        later.forEach((k, v) -> {
            long d = v - earlier.getOrDefault(k, 0L);
            if (d != 0) {
                out.put(k, d);
            }
        });
        return out;
    }
}

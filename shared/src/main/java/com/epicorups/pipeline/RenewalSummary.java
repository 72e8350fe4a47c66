package com.epicorups.pipeline;

import java.util.LinkedHashMap;
import java.util.Map;

/** What one renewal run did: releases considered, numbers sent in how many calls, accepted, rejected, failed. */
public record RenewalSummary(String runId, int releases, int calls, int accepted, int rejected, int failedCalls) {
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("runId", runId);
        map.put("releases", releases);
        map.put("calls", calls);
        map.put("accepted", accepted);
        map.put("rejected", rejected);
        map.put("failedCalls", failedCalls);
        return map;
    }
}

package com.epicorups.pipeline;

import java.util.List;

/** What a replay re-enqueued, and which failures it left alone (already replayed, nothing to replay). */
public record ReplaySummary(int replayed, int alreadyReplayed, int notReplayable, List<String> subjects) {
    public ReplaySummary {
        subjects = List.copyOf(subjects);
    }
}

package com.epicorups.app;

import com.epicorups.config.FunctionTimeout;
import com.epicorups.core.Deadline;
import com.epicorups.pipeline.PipelineSettings;

/** The {@link Deadline} a handler runs its use case under: Lambda's remaining time less the function's reserve. */
public final class InvocationDeadline {
    private InvocationDeadline() {
    }

    /**
     * @param remainingMillis the Lambda context's remaining time; 0 or less (no context, or a hand-made test context
     *                        that does not know it): no deadline
     */
    public static Deadline of(long remainingMillis, FunctionTimeout function, PipelineSettings pipeline) {
        return remainingMillis <= 0 ? Deadline.none() : function.deadline(remainingMillis, pipeline);
    }
}

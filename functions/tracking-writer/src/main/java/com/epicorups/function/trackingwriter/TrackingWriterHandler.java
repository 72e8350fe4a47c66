package com.epicorups.function.trackingwriter;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.epicorups.app.Live;
import com.epicorups.app.Runtime;
import com.epicorups.app.InvocationDeadline;
import com.epicorups.config.FunctionTimeout;
import com.epicorups.core.Deadline;
import com.epicorups.app.UseCaseFactory;
import com.epicorups.pipeline.PipelineSettings;
import com.epicorups.pipeline.SqsBatchProcessor;
import com.epicorups.pipeline.TrackingWriting;

/** tracking-updates → Epicor write-back: the one path into Epicor. */
public class TrackingWriterHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
    /** Set when Lambda built this handler: each invocation runs on the current settings' use cases. */
    private Live<TrackingWriterHandler> live;
    private final TrackingWriting trackingWriting;
    private final SqsBatchProcessor processor;
    private final PipelineSettings pipeline;

    /** Lambda: the use case comes from the per-container composition root. */
    public TrackingWriterHandler() {
        this(Runtime.current());
        this.live = Live.startingWith(this, factory -> new TrackingWriterHandler(factory));
    }

    private TrackingWriterHandler(UseCaseFactory factory) {
        this(factory.trackingWriting(), factory.trackingUpdatesBatch(), factory.settings());
    }

    public TrackingWriterHandler(TrackingWriting trackingWriting) {
        this(trackingWriting, new SqsBatchProcessor(PipelineSettings.defaults().batchConcurrency()));
    }

    public TrackingWriterHandler(TrackingWriting trackingWriting, SqsBatchProcessor processor) {
        this(trackingWriting, processor, PipelineSettings.defaults());
    }

    public TrackingWriterHandler(TrackingWriting trackingWriting, SqsBatchProcessor processor,
                                 PipelineSettings pipeline) {
        this.trackingWriting = trackingWriting;
        this.processor = processor;
        this.pipeline = pipeline;
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        return (live == null ? this : live.get()).handle(event, context);
    }

    private SQSBatchResponse handle(SQSEvent event, Context context) {
        Deadline deadline = InvocationDeadline.of(context == null ? 0 : context.getRemainingTimeInMillis(),
                FunctionTimeout.TRACKING_WRITER, pipeline);
        return Deadline.within(deadline, () -> processor.process(event, trackingWriting));
    }
}

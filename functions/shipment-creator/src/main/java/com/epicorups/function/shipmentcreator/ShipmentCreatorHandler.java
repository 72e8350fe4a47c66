package com.epicorups.function.shipmentcreator;

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
import com.epicorups.pipeline.ShipmentCreation;
import com.epicorups.pipeline.SqsBatchProcessor;

/**
 * shipment-requests → UPS shipments. Each message is one release; the batch is processed concurrently and
 * only messages that failed transiently are reported back for redelivery (ReportBatchItemFailures).
 */
public class ShipmentCreatorHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
    /** Set when Lambda built this handler: each invocation runs on the current settings' use cases. */
    private Live<ShipmentCreatorHandler> live;
    private final ShipmentCreation shipmentCreation;
    private final SqsBatchProcessor processor;
    private final PipelineSettings pipeline;

    /** Lambda: the use case comes from the per-container composition root. */
    public ShipmentCreatorHandler() {
        this(Runtime.current());
        this.live = Live.startingWith(this, factory -> new ShipmentCreatorHandler(factory));
    }

    private ShipmentCreatorHandler(UseCaseFactory factory) {
        this(factory.shipmentCreation(), factory.shipmentRequestsBatch(), factory.settings());
    }

    public ShipmentCreatorHandler(ShipmentCreation shipmentCreation) {
        this(shipmentCreation, new SqsBatchProcessor(PipelineSettings.defaults().batchConcurrency()));
    }

    public ShipmentCreatorHandler(ShipmentCreation shipmentCreation, SqsBatchProcessor processor) {
        this(shipmentCreation, processor, PipelineSettings.defaults());
    }

    public ShipmentCreatorHandler(ShipmentCreation shipmentCreation, SqsBatchProcessor processor,
                                  PipelineSettings pipeline) {
        this.shipmentCreation = shipmentCreation;
        this.processor = processor;
        this.pipeline = pipeline;
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        return (live == null ? this : live.get()).handle(event, context);
    }

    private SQSBatchResponse handle(SQSEvent event, Context context) {
        Deadline deadline = InvocationDeadline.of(context == null ? 0 : context.getRemainingTimeInMillis(),
                FunctionTimeout.SHIPMENT_CREATOR, pipeline);
        return Deadline.within(deadline, () -> processor.process(event, shipmentCreation));
    }
}

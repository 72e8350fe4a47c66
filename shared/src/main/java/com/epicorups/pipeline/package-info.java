/**
 * The use cases of the connector, one per Lambda function, written against the ports
 * ({@code com.epicorups.port}), the stores ({@code com.epicorups.store}) and {@code MessageQueue} only.
 *
 * <ul>
 *   <li>{@link com.epicorups.pipeline.ShipmentCreation}: one shipment-requests message → at most one UPS
 *       shipment (ledger claim, reconcile-by-reference on any non-first attempt, Epicor recheck, address
 *       validation, create, label, ledger SHIPPED, TrackingUpdate), a state machine ({@code AttemptState},
 *       {@code ShipmentSteps}) whose failure policy is one class ({@code CreationFailurePolicy}).</li>
 *   <li>{@link com.epicorups.pipeline.TrackingWriting}: one tracking-updates message → Epicor write-back
 *       (dedupe by event id, never backwards, ledger WRITTEN).</li>
 *   <li>{@link com.epicorups.pipeline.ReleasePoller}: the order poll (one cycle at a time per company, the
 *       changed-since cycle and the reconciliation sweep through one page loop) → shipment-requests messages, read
 *       from a {@code ReleaseSource}.</li>
 *   <li>{@link com.epicorups.pipeline.QuantumViewPolling}, {@link com.epicorups.pipeline.TrackAlertIntake},
 *       {@link com.epicorups.pipeline.SubscriptionRenewal}: the tracking sources.</li>
 *   <li>{@link com.epicorups.pipeline.SqsBatchProcessor}: bounded-concurrency SQS batches with partial batch
 *       failures and visibility backoff; {@link com.epicorups.pipeline.AuditReplay}: operator replays.</li>
 * </ul>
 *
 * Failure rules shared by the queue consumers: a permanent {@code ConnectorException} is audited FAILED with its
 * reason code and the message goes to the DLQ at once (attributes reasonCode, reasonMessage, failedAt,
 * sourceQueue); anything else (transient exceptions, bugs) is a RETRY, i.e. a batch item failure. A message is
 * never acknowledged unless its outcome is recorded somewhere durable (ledger, Epicor, DLQ).
 */
package com.epicorups.pipeline;

package com.epicorups.store;

/** The operations the audit trail records. */
public enum AuditOperation {
    POLL_CYCLE,
    /** The order poller's reconciliation sweep: one entry per invocation that swept, with its counts. */
    POLL_SWEEP,
    /** A run of the Epicor preflight (what the connector needs from the tenant), one entry per run. */
    PREFLIGHT,
    RELEASE_SKIPPED,
    RELEASE_ENQUEUED,
    ADDRESS_VALIDATION,
    SHIPMENT_CREATE,
    SHIPMENT_VOID,
    LABEL_RECOVERY,
    LABEL_STORE,
    TRACKING_UPDATE,
    EPICOR_WRITE,
    TOKEN_REFRESH,
    QUANTUM_VIEW_READ,
    TRACK_ALERT_SUBSCRIBE,
    WEBHOOK_RECEIVED,
    REPLAY
}

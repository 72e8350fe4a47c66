package com.epicorups.store;

/** The operations the audit trail records. */
public enum AuditOperation {
    POLL_CYCLE,
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

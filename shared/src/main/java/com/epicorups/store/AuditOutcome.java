package com.epicorups.store;

public enum AuditOutcome {
    SUCCESS,
    SKIPPED,
    /** Will be retried automatically (transient). */
    RETRYING,
    /** Needs a person: the message is in a DLQ or the release is NEEDS_ATTENTION. */
    FAILED
}

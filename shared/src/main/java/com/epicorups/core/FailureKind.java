package com.epicorups.core;

/** Whether retrying the same work later can succeed without anyone fixing anything. */
public enum FailureKind {
    /** Timeouts, 5xx, throttling, expired tokens, licence exhaustion: retry with backoff. */
    TRANSIENT,
    /** Bad data or a business rule: retrying is useless until a person fixes the cause. */
    PERMANENT
}

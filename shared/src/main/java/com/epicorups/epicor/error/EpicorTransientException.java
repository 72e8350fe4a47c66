package com.epicorups.epicor.error;

import com.epicorups.core.FailureKind;

/** 5xx, 429, timeouts and connection errors: retry with backoff. */
public final class EpicorTransientException extends EpicorException {
    public static final String REASON = "EPICOR_UNAVAILABLE";

    public EpicorTransientException(int httpStatus, String errorType, String message) {
        this(httpStatus, errorType, message, null);
    }

    public EpicorTransientException(int httpStatus, String errorType, String message, Throwable cause) {
        super(FailureKind.TRANSIENT, REASON, httpStatus, errorType, message, cause);
    }
}

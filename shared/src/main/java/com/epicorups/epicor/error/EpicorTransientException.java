package com.epicorups.epicor.error;

import com.epicorups.core.Reason;

/** 5xx, 429, timeouts and connection errors: retry with backoff. */
public final class EpicorTransientException extends EpicorException {
    public EpicorTransientException(int httpStatus, String errorType, String message) {
        this(httpStatus, errorType, message, null);
    }

    public EpicorTransientException(int httpStatus, String errorType, String message, Throwable cause) {
        super(Reason.EPICOR_UNAVAILABLE, httpStatus, errorType, message, cause);
    }
}

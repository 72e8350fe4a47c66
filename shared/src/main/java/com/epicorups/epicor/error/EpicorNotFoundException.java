package com.epicorups.epicor.error;

import com.epicorups.core.FailureKind;

/** 404: the record, entity set or service does not exist (or is outside the API key's scope). */
public final class EpicorNotFoundException extends EpicorException {
    public static final String REASON = "EPICOR_NOT_FOUND";

    public EpicorNotFoundException(int httpStatus, String errorType, String message) {
        this(httpStatus, errorType, message, null);
    }

    public EpicorNotFoundException(int httpStatus, String errorType, String message, Throwable cause) {
        super(FailureKind.PERMANENT, REASON, httpStatus, errorType, message, cause);
    }
}

package com.epicorups.epicor.error;

import com.epicorups.core.Reason;

/** 404: the record, entity set or service does not exist (or is outside the API key's scope). */
public final class EpicorNotFoundException extends EpicorException {
    public EpicorNotFoundException(int httpStatus, String errorType, String message) {
        this(httpStatus, errorType, message, null);
    }

    public EpicorNotFoundException(int httpStatus, String errorType, String message, Throwable cause) {
        super(Reason.EPICOR_NOT_FOUND, httpStatus, errorType, message, cause);
    }
}

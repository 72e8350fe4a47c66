package com.epicorups.epicor.error;

import com.epicorups.core.ConnectorException;
import com.epicorups.core.Reason;

/** An Epicor call failed. Carries what Epicor said (HTTP status, ErrorMessage, ErrorType) when it said anything. */
public abstract class EpicorException extends ConnectorException {
    private final int httpStatus;
    private final String errorType;

    protected EpicorException(Reason reason, int httpStatus, String errorType, String message, Throwable cause) {
        super(reason, message, cause);
        this.httpStatus = httpStatus;
        this.errorType = errorType;
    }

    /** The HTTP status, or 0 when no response arrived. */
    public int httpStatus() {
        return httpStatus;
    }

    /** Epicor's ErrorType (e.g. Ice.Common.BusinessObjectException), or null. */
    public String errorType() {
        return errorType;
    }
}

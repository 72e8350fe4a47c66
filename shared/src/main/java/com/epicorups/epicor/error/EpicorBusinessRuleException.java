package com.epicorups.epicor.error;

import com.epicorups.core.Reason;

/** 400 (and other 4xx): Epicor rejected the request (business rule, BPM, malformed OData). */
public final class EpicorBusinessRuleException extends EpicorException {
    public EpicorBusinessRuleException(int httpStatus, String errorType, String message) {
        this(httpStatus, errorType, message, null);
    }

    public EpicorBusinessRuleException(int httpStatus, String errorType, String message, Throwable cause) {
        super(Reason.EPICOR_BUSINESS_RULE, httpStatus, errorType, message, cause);
    }
}

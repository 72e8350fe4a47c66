package com.epicorups.epicor.error;

import com.epicorups.core.FailureKind;

/** 400 (and other 4xx): Epicor rejected the request (business rule, BPM, malformed OData). */
public final class EpicorBusinessRuleException extends EpicorException {
    public static final String REASON = "EPICOR_BUSINESS_RULE";

    public EpicorBusinessRuleException(int httpStatus, String errorType, String message) {
        this(httpStatus, errorType, message, null);
    }

    public EpicorBusinessRuleException(int httpStatus, String errorType, String message, Throwable cause) {
        super(FailureKind.PERMANENT, REASON, httpStatus, errorType, message, cause);
    }
}

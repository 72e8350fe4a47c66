package com.epicorups.epicor.error;

import com.epicorups.core.FailureKind;

/** 400 mentioning LicenseAccessException / Maximum users exceeded: no licence seat free now; back off and retry. */
public final class EpicorLicenceException extends EpicorException {
    public static final String REASON = "EPICOR_LICENCE";

    public EpicorLicenceException(int httpStatus, String errorType, String message) {
        this(httpStatus, errorType, message, null);
    }

    public EpicorLicenceException(int httpStatus, String errorType, String message, Throwable cause) {
        super(FailureKind.TRANSIENT, REASON, httpStatus, errorType, message, cause);
    }
}

package com.epicorups.epicor.error;

import com.epicorups.core.Reason;

/** 400 mentioning LicenseAccessException / Maximum users exceeded: no licence seat free now; back off and retry. */
public final class EpicorLicenceException extends EpicorException {
    public EpicorLicenceException(int httpStatus, String errorType, String message) {
        this(httpStatus, errorType, message, null);
    }

    public EpicorLicenceException(int httpStatus, String errorType, String message, Throwable cause) {
        super(Reason.EPICOR_LICENCE, httpStatus, errorType, message, cause);
    }
}

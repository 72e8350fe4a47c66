package com.epicorups.epicor.error;

import com.epicorups.core.Reason;

/** 401/403: the API key or the identity (user, password, token) was refused, or is outside the API key's access scope. */
public final class EpicorAuthException extends EpicorException {
    public EpicorAuthException(int httpStatus, String errorType, String message) {
        this(httpStatus, errorType, message, null);
    }

    public EpicorAuthException(int httpStatus, String errorType, String message, Throwable cause) {
        super(Reason.EPICOR_AUTH, httpStatus, errorType, message, cause);
    }
}

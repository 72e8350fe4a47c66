package com.epicorups.ups.auth;

import com.epicorups.core.ConnectorException;
import com.epicorups.core.Reason;

/**
 * The token endpoint could not give us a token. Reason codes: UPS_TOKEN_REJECTED (400/401/403: client
 * id/secret or merchant wrong), UPS_TOKEN_THROTTLED (429, blocked for minutes), UPS_TOKEN_BUDGET_EXHAUSTED
 * (our own daily cap), UPS_TOKEN_UNAVAILABLE (5xx or network after bounded retries), UPS_TOKEN_WAIT_TIMEOUT
 * (another instance holds the refresh lease and did not deliver in time), UPS_TOKEN_BAD_RESPONSE.
 * All of them are alarm-worthy.
 */
public class UpsTokenException extends ConnectorException {
    private final int httpStatus;

    public UpsTokenException(Reason reason, int httpStatus, String message, Throwable cause) {
        super(reason, message, cause);
        this.httpStatus = httpStatus;
    }

    /** The token endpoint's HTTP status, 0 when none arrived. */
    public int httpStatus() {
        return httpStatus;
    }
}

package com.epicorups.ups.transport;

import com.epicorups.core.ConnectorException;
import com.epicorups.core.Reason;
import com.epicorups.ups.wire.UpsError;
import java.util.List;

/**
 * A failed UPS call, classified (UPS_RATE_LIMITED, UPS_UNAVAILABLE, UPS_TIMEOUT, UPS_CONNECTION, UPS_BAD_RESPONSE,
 * UPS_AUTH, UPS_BLOCKED_MERCHANT, UPS_BUSINESS_ERROR); UPS's own error codes are in {@link #errors()}. {@link #httpStatus()} is 0 when no response arrived (timeout, connection).
 * {@link #outcomeUnknown()} is true when the request may have been processed by UPS although we got no
 * answer (a timeout or broken connection after sending, or a 5xx): for a ship POST this means a label may
 * exist and the caller must look it up before trying again.
 */
public class UpsApiException extends ConnectorException {
    private final String operation;
    private final int httpStatus;
    private final List<UpsError> errors;
    private final boolean outcomeUnknown;
    private final String responseBody;

    public UpsApiException(Reason reason, String operation, int httpStatus, List<UpsError> errors,
                           boolean outcomeUnknown, String responseBody, String message, Throwable cause) {
        super(reason, message, cause);
        this.operation = operation;
        this.httpStatus = httpStatus;
        this.errors = errors == null ? List.of() : List.copyOf(errors);
        this.outcomeUnknown = outcomeUnknown;
        this.responseBody = responseBody;
    }

    public String operation() { return operation; }
    public int httpStatus() { return httpStatus; }
    public List<UpsError> errors() { return errors; }
    public boolean outcomeUnknown() { return outcomeUnknown; }
    /** The raw error body (UPS error bodies carry no secrets), null when none arrived. */
    public String responseBody() { return responseBody; }

    public List<String> upsCodes() {
        return errors.stream().map(UpsError::code).filter(c -> c != null).toList();
    }

    public boolean hasCode(String code) {
        return upsCodes().contains(code);
    }
}

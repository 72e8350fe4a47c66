package com.epicorups.core;

import java.util.Objects;

/**
 * Base of every failure the connector classifies. The reason code is stable and specific
 * (for example {@code ADDRESS_REJECTED}, {@code NO_WEIGHT}, {@code EPICOR_AUTH}); it is what the
 * audit trail and DLQ message attributes carry.
 */
public class ConnectorException extends RuntimeException {
    private final FailureKind kind;
    private final String reasonCode;

    public ConnectorException(FailureKind kind, String reasonCode, String message) {
        this(kind, reasonCode, message, null);
    }

    public ConnectorException(FailureKind kind, String reasonCode, String message, Throwable cause) {
        super(message, cause);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.reasonCode = Objects.requireNonNull(reasonCode, "reasonCode");
    }

    public FailureKind kind() {
        return kind;
    }

    public boolean isTransient() {
        return kind == FailureKind.TRANSIENT;
    }

    public String reasonCode() {
        return reasonCode;
    }
}

package com.epicorups.core;

import java.util.Objects;

/**
 * Base of every failure the connector classifies. The {@link Reason} is stable and specific (for example
 * {@link Reason#ADDRESS_REJECTED}, {@link Reason#NO_WEIGHT}, {@link Reason#EPICOR_AUTH}); its code is what the
 * audit trail and DLQ message attributes carry. Whether a retry can help is the reason's own
 * {@link Reason#failureKind()}, unless the raiser knows better for the case at hand (see
 * {@link #ConnectorException(Reason, FailureKind, String, Throwable)}).
 */
public class ConnectorException extends RuntimeException {
    private final Reason reason;
    private final FailureKind kind;

    public ConnectorException(Reason reason, String message) {
        this(reason, message, null);
    }

    public ConnectorException(Reason reason, String message, Throwable cause) {
        this(reason, Objects.requireNonNull(reason, "reason").failureKind(), message, cause);
    }

    /**
     * For a reason that is transient in one case and permanent in another ({@link Reason#EPICOR_PACK_NOT_FOUND}:
     * not yet, or never; {@link Reason#QUEUE_SEND_FAILED}: SQS's fault, or the sender's).
     */
    public ConnectorException(Reason reason, FailureKind kind, String message, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    public FailureKind kind() {
        return kind;
    }

    public boolean isTransient() {
        return kind == FailureKind.TRANSIENT;
    }

    public Reason reason() {
        return reason;
    }

    /** The reason's code, as users see it. */
    public String reasonCode() {
        return reason.code();
    }
}

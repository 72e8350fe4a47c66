package com.epicorups.sandbox.ups;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.Optional;

/**
 * Faults switchable at runtime. Counted faults apply to the next N matching calls; an operation of
 * {@code null} means "any business API call" (the token endpoint has its own switch).
 */
public final class Faults {

    /** What the sandbox does instead of answering normally. */
    public enum Kind { TOO_MANY_REQUESTS, SERVER_ERROR, TIMEOUT }

    record Fault(Kind kind, Operation operation, Duration hold) {
    }

    private final Deque<Fault> pending = new ArrayDeque<>();
    private volatile Duration latency;
    private volatile Duration defaultHold = Duration.ofSeconds(30);
    private int tokenTooManyRequests;
    private int shipTimeoutsAfterCreate;
    private int voidTimeoutsAfterVoid;

    Faults(Duration latency) {
        this.latency = latency;
    }

    /** Every call (token included) is answered this much later. */
    public Faults latency(Duration latency) {
        this.latency = latency;
        return this;
    }

    public Duration latency() {
        return latency;
    }

    /** How long a timed-out call holds its connection before dropping it (default 30 s). */
    public Faults holdFor(Duration hold) {
        this.defaultHold = hold;
        return this;
    }

    /** The next {@code n} business calls get 429 with UPS code 10429. */
    public Faults tooManyRequests(int n) {
        return add(Kind.TOO_MANY_REQUESTS, null, n);
    }

    public Faults tooManyRequests(Operation operation, int n) {
        return add(Kind.TOO_MANY_REQUESTS, operation, n);
    }

    /** The next {@code n} business calls get 500 with UPS code 10004. */
    public Faults serverErrors(int n) {
        return add(Kind.SERVER_ERROR, null, n);
    }

    public Faults serverErrors(Operation operation, int n) {
        return add(Kind.SERVER_ERROR, operation, n);
    }

    /** The next {@code n} business calls are not answered: held for {@link #holdFor} and then dropped. */
    public Faults timeouts(int n) {
        return add(Kind.TIMEOUT, null, n);
    }

    public Faults timeouts(Operation operation, int n) {
        return add(Kind.TIMEOUT, operation, n);
    }

    /** The next {@code n} token requests get 429 / 10429, regardless of the daily quota. */
    public synchronized Faults tokenTooManyRequests(int n) {
        tokenTooManyRequests += n;
        return this;
    }

    /**
     * The next {@code n} ship calls create and remember the shipment (label recoverable, tracking known)
     * but withhold the response: the connection is held for {@link #holdFor} and then dropped.
     */
    public synchronized Faults shipTimeoutAfterCreate(int n) {
        shipTimeoutsAfterCreate += n;
        return this;
    }

    /**
     * The next {@code n} void calls void the shipment but withhold the response: the connection is held for
     * {@link #holdFor} and then dropped (the caller's answer is lost; a retry finds the shipment already voided).
     */
    public synchronized Faults voidTimeoutAfterVoid(int n) {
        voidTimeoutsAfterVoid += n;
        return this;
    }

    public synchronized Faults reset() {
        pending.clear();
        tokenTooManyRequests = 0;
        shipTimeoutsAfterCreate = 0;
        voidTimeoutsAfterVoid = 0;
        latency = Duration.ZERO;
        return this;
    }

    private synchronized Faults add(Kind kind, Operation operation, int n) {
        for (int i = 0; i < n; i++) {
            pending.add(new Fault(kind, operation, null));
        }
        return this;
    }

    synchronized Optional<Fault> takeFor(Operation operation) {
        Iterator<Fault> it = pending.iterator();
        while (it.hasNext()) {
            Fault fault = it.next();
            if (fault.operation() == null || fault.operation() == operation) {
                it.remove();
                return Optional.of(new Fault(fault.kind(), operation, defaultHold));
            }
        }
        return Optional.empty();
    }

    synchronized boolean takeTokenTooManyRequests() {
        if (tokenTooManyRequests > 0) {
            tokenTooManyRequests--;
            return true;
        }
        return false;
    }

    synchronized Optional<Duration> takeVoidTimeoutAfterVoid() {
        if (voidTimeoutsAfterVoid > 0) {
            voidTimeoutsAfterVoid--;
            return Optional.of(defaultHold);
        }
        return Optional.empty();
    }

    synchronized Optional<Duration> takeShipTimeoutAfterCreate() {
        if (shipTimeoutsAfterCreate > 0) {
            shipTimeoutsAfterCreate--;
            return Optional.of(defaultHold);
        }
        return Optional.empty();
    }
}

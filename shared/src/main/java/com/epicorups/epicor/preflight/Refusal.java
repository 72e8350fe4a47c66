package com.epicorups.epicor.preflight;

import com.epicorups.epicor.error.EpicorException;
import java.util.function.Supplier;

/**
 * A call the tenant answered with a refusal (4xx): its status and Epicor's message. A check turns a refusal into a
 * failed result; a call that could not be answered (5xx, timeout, licence exhaustion) says nothing about the tenant
 * and is thrown, so that no verdict is taken from it.
 */
record Refusal(int status, String message) {

    /** A call's answer, or its refusal. */
    record Answer<T>(T value, Refusal refusal) {
        boolean refused() {
            return refusal != null;
        }
    }

    static <T> Answer<T> call(Supplier<T> call) {
        try {
            return new Answer<>(call.get(), null);
        } catch (EpicorException e) {
            if (e.isTransient()) {
                throw e;
            }
            return new Answer<>(null, new Refusal(e.httpStatus(), e.getMessage()));
        }
    }

    /** Epicor answers a service or BAQ outside the caller's rights with 403, or with 401 or 404 on some releases. */
    boolean deniesAccess() {
        return status == 401 || status == 403;
    }

    @Override
    public String toString() {
        return "HTTP " + status + ": " + message;
    }
}

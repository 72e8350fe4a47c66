package com.epicorups.pipeline;

import com.epicorups.core.ConnectorException;
import com.epicorups.core.Reason;
import com.epicorups.logging.CorrelationId;
import com.epicorups.logging.JsonLogger;
import com.epicorups.model.Address;
import com.epicorups.model.ShippableRelease;
import com.epicorups.port.AddressCheck;
import com.epicorups.port.AddressValidation;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.Predicate;

/**
 * The address checks a batch starts on the ship-tos its first attempts were enqueued with, at most batchConcurrency
 * at a time, so that they run while Epicor is re-read instead of after it. A release whose fresh ship-to is the same
 * uses the answer; one whose ship-to changed is checked again. Each distinct ship-to is checked once.
 */
final class EarlyAddressChecks {
    // The use case's logger: its lines read as before the use case was split into parts.
    private static final JsonLogger LOG = JsonLogger.getLogger(ShipmentCreation.class);

    /** None started: every check is a call when it comes to it. */
    static final EarlyAddressChecks NONE = new EarlyAddressChecks(Map.of());

    private final Map<Address, Future<AddressCheck>> checks;

    private EarlyAddressChecks(Map<Address, Future<AddressCheck>> checks) {
        this.checks = checks;
    }

    /**
     * Starts a check of each distinct ship-to of {@code firstAttempts} on {@code pool}, but not for a release
     * {@code refused} before any UPS call (as enqueued: its re-read is refused the same way unless it changed).
     */
    static EarlyAddressChecks start(ExecutorService pool, AddressValidation validation,
                                    List<ReleaseAttempt> firstAttempts, Predicate<ShippableRelease> refused) {
        Map<Address, Future<AddressCheck>> checks = new LinkedHashMap<>();
        for (ReleaseAttempt a : firstAttempts) {
            Address shipTo = a.request().release().shipTo();
            if (shipTo != null && !checks.containsKey(shipTo) && !refused.test(a.request().release())) {
                String correlationId = a.subject();
                checks.put(shipTo, pool.submit(
                        () -> CorrelationId.with(correlationId, () -> validation.validate(shipTo))));
            }
        }
        return new EarlyAddressChecks(checks);
    }

    /**
     * The ship-to's address check: the one started early for the same address when there is one (its failure is
     * thrown here as it was thrown there, so it is classified as if the call were made now), else a call now.
     */
    AddressCheck check(AddressValidation validation, Address shipTo) {
        Future<AddressCheck> early = checks.get(shipTo);
        if (early != null) {
            try {
                return early.get();
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException failure) {
                    throw failure;
                }
                if (e.getCause() instanceof Error error) {
                    throw error;
                }
                LOG.debug("early_address_check_failed", "error", String.valueOf(e.getCause()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ConnectorException(Reason.INTERRUPTED, "interrupted waiting for UPS", e);
            }
        }
        return validation.validate(shipTo);
    }

    /**
     * Waits for the checks still running, those whose release was not shipped to that address (its ship-to changed
     * in Epicor, or it stopped earlier): a UPS call must not outlive the invocation that started it, where Lambda
     * would freeze it mid-flight. Each ends within its own HTTP deadline; their answers and failures are not used.
     */
    void awaitUnfinished() {
        for (Future<AddressCheck> check : checks.values()) {
            try {
                check.get();
            } catch (ExecutionException e) {
                // Nobody used this answer; the release that would have is handled already.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}

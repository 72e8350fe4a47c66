package com.epicorups.pipeline;

import com.epicorups.core.ConnectorException;
import com.epicorups.core.FailureKind;
import com.epicorups.core.Reason;
import com.epicorups.port.Preflight;
import com.epicorups.port.PreflightVerdict;

/**
 * The preflight as the shipment creator asks it, before it claims a release: no label is bought while the tenant
 * lacks something the connector needs. A refusal fails the attempt at its claim stage, where nothing is held yet:
 * the message is retried with the usual backoff, and on its last receive dead-lettered with {@code PREFLIGHT_FAILED}
 * and audited FAILED for a replay; the release has no ledger record, so the reconciliation sweep enqueues it again
 * once the preflight passes.
 */
final class CreationGate {
    static final CreationGate OPEN = new CreationGate(Preflight.NONE);

    private final Preflight preflight;

    CreationGate(Preflight preflight) {
        this.preflight = preflight;
    }

    /** Null when labels may be bought; else what to fail the claim stage with. */
    RuntimeException refusal() {
        PreflightVerdict verdict;
        try {
            verdict = preflight.verdict();
        } catch (RuntimeException e) {
            return e; // the checks could not run (Epicor unavailable): not a verdict, so nothing is bought either
        }
        return verdict.passed() ? null : new ConnectorException(Reason.PREFLIGHT_FAILED, FailureKind.PERMANENT,
                "no label is bought while the Epicor preflight fails: " + verdict.summary(), null);
    }
}

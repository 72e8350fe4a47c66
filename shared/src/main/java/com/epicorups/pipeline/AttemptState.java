package com.epicorups.pipeline;

import com.epicorups.core.Reason;
import com.epicorups.model.ShippableRelease;
import com.epicorups.port.CreatedShipment;
import com.epicorups.port.ReleaseRecheck;
import com.epicorups.store.AuditOperation;
import com.epicorups.store.ClaimResult;
import com.epicorups.store.ShipmentRecord;
import java.time.Instant;
import java.util.Map;

/**
 * Where one release's attempt is on its way to a UPS shipment. A {@link Step} is still to be taken
 * ({@link ShipmentSteps} takes it and returns the next state); an {@link Outcome} is where the attempt ended:
 *
 * <pre>
 * Claim ─ (the preflight refuses: Failed(CLAIM), nothing claimed)
 * Claim → ClaimAnswered ─┬─ ALREADY_SHIPPED → ResendUpdate → Skipped
 *                        ├─ IN_PROGRESS → ClaimTaken
 *                        ├─ RECLAIMED_AFTER_EXPIRY → Reconcile ─ adopted → Created
 *                        │                                       └ nothing at UPS → Reread
 *                        └─ CLAIMED → Reread
 * Reread ─┬─ no longer wanted → Skip → Skipped
 *         └─ shippable → CheckAddress → Create → Created → StoreLabels → RecordShipped → SendUpdate → Done
 * any step that throws → Failed(its stage)
 * </pre>
 *
 * Each step runs in a {@link Stage}: the audit operation it is audited under and what the attempt holds then, which
 * is all the failure policy needs to know about where a failure happened.
 */
sealed interface AttemptState {

    /** What the attempt holds while a stage runs. */
    enum Holding {
        /** No claim of ours: not taken yet, another attempt's, or the release was shipped before. */
        NO_CLAIM,
        /** The ledger claim, and nothing at UPS: releasing it is safe. */
        CLAIM,
        /** The claim, and UPS has or may have a shipment for the release: the claim must be kept. */
        CLAIM_AND_MAYBE_SHIPMENT,
        /** The ledger says SHIPPED (the claim is done with); UPS has the shipment. */
        SHIPPED
    }

    /** Where an attempt can fail. */
    enum Stage {
        /** Claiming the release in the ledger: nothing done yet. */
        CLAIM(AuditOperation.SHIPMENT_CREATE, Holding.NO_CLAIM),
        /** Re-sending the "label created" update of a release the ledger has shipped. */
        ALREADY_SHIPPED(AuditOperation.SHIPMENT_CREATE, Holding.NO_CLAIM),
        /** Asking UPS for a shipment made by an earlier attempt (Label Recovery by reference). */
        RECONCILE(AuditOperation.LABEL_RECOVERY, Holding.CLAIM),
        /** Re-reading the release from Epicor, and skipping it when nobody wants it any more. */
        REREAD(AuditOperation.SHIPMENT_CREATE, Holding.CLAIM),
        /** Checking the ship-to with UPS Address Validation. */
        ADDRESS(AuditOperation.ADDRESS_VALIDATION, Holding.CLAIM),
        /** The UPS create call: from here on UPS may hold a shipment, unless its failure proves otherwise. */
        CREATE(AuditOperation.SHIPMENT_CREATE, Holding.CLAIM_AND_MAYBE_SHIPMENT),
        /** UPS answered with a shipment: auditing it, recording it in the ledger. */
        SHIPMENT_MADE(AuditOperation.SHIPMENT_CREATE, Holding.CLAIM_AND_MAYBE_SHIPMENT),
        /** Storing the shipment's labels. */
        LABELS(AuditOperation.LABEL_STORE, Holding.CLAIM_AND_MAYBE_SHIPMENT),
        /** Sending the "label created" tracking update after the ledger said SHIPPED. */
        UPDATE(AuditOperation.SHIPMENT_CREATE, Holding.SHIPPED);

        private final AuditOperation operation;
        private final Holding holding;

        Stage(AuditOperation operation, Holding holding) {
            this.operation = operation;
            this.holding = holding;
        }

        AuditOperation operation() {
            return operation;
        }

        Holding holding() {
            return holding;
        }
    }

    /** A step still to take. */
    sealed interface Step extends AttemptState {
        Stage stage();
    }

    /** Where the attempt ended. */
    sealed interface Outcome extends AttemptState {
    }

    record Claim() implements Step {
        public Stage stage() {
            return Stage.CLAIM;
        }
    }

    /** @param reread the release as the batch's re-read found it; null: re-read it when it comes to that */
    record ClaimAnswered(ClaimResult claim, ReleaseRecheck reread) implements Step {
        public Stage stage() {
            return Stage.CLAIM;
        }
    }

    record ResendUpdate(ShipmentRecord shipped) implements Step {
        public Stage stage() {
            return Stage.ALREADY_SHIPPED;
        }
    }

    record Reconcile(ReleaseRecheck reread) implements Step {
        public Stage stage() {
            return Stage.RECONCILE;
        }
    }

    record Reread(ReleaseRecheck reread) implements Step {
        public Stage stage() {
            return Stage.REREAD;
        }
    }

    /** Epicor no longer wants the release shipped: audit it and mark it NEEDS_ATTENTION for a later replay. */
    record Skip(Reason reason, String detail) implements Step {
        public Stage stage() {
            return Stage.REREAD;
        }
    }

    /** @param changed whether Epicor's release changed since it was enqueued (revision or ship-to) */
    record CheckAddress(ShippableRelease current, boolean changed) implements Step {
        public Stage stage() {
            return Stage.ADDRESS;
        }
    }

    record Create(ShippableRelease toShip, boolean changed) implements Step {
        public Stage stage() {
            return Stage.CREATE;
        }
    }

    /**
     * @param adopted      found at UPS by reference rather than created now (nothing to audit as created)
     * @param groupDetails audit details of a grouped shipment (empty for one release)
     */
    record Created(CreatedShipment shipment, boolean adopted, boolean changed, Map<String, String> groupDetails)
            implements Step {
        public Stage stage() {
            return Stage.SHIPMENT_MADE;
        }
    }

    record StoreLabels(CreatedShipment shipment, boolean adopted) implements Step {
        public Stage stage() {
            return Stage.LABELS;
        }
    }

    /**
     * @param labelLocation the first stored label, null when UPS returned none
     * @param formsLocation the stored international forms image, null when UPS returned none
     */
    record RecordShipped(CreatedShipment shipment, String labelLocation, String formsLocation, boolean adopted)
            implements Step {
        public Stage stage() {
            return Stage.SHIPMENT_MADE;
        }
    }

    record SendUpdate(ShipmentRecord shipped, CreatedShipment shipment, String labelLocation, String formsLocation,
                      Instant shippedAt, boolean adopted) implements Step {
        public Stage stage() {
            return Stage.UPDATE;
        }
    }

    record Done() implements Outcome {
    }

    record Skipped(Reason reason, String detail) implements Outcome {
    }

    /** Another attempt holds the release's claim. */
    record ClaimTaken(ShipmentRecord holder) implements Outcome {
    }

    record Failed(Stage stage, RuntimeException failure) implements Outcome {
    }
}

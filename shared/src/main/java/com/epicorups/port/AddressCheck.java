package com.epicorups.port;

import com.epicorups.core.Reason;
import com.epicorups.model.Address;

/**
 * The result of UPS Address Validation for a ship-to: VALIDATED with the normalised candidate and the residential
 * classification (a state the ship-to lacked taken from it), or the ship-to as Epicor has it when it was not validated:
 * SKIPPED (outside US/PR, where UPS validates no street), NOT_VALIDATED (ups.addressValidation BEST_EFFORT and UPS found
 * no candidate or could not be asked) or OFF (ups.addressValidation OFF). A rejected or ambiguous address is not a
 * result: it is a permanent ConnectorException (ADDRESS_REJECTED, ADDRESS_AMBIGUOUS) whose message names the fields at
 * fault.
 */
public record AddressCheck(Outcome outcome, Address address, String note) {
    public enum Outcome { VALIDATED, SKIPPED, NOT_VALIDATED, OFF }

    /** Why the address was not validated, for the audit; null when it was. */
    public Reason notValidatedReason() {
        return switch (outcome) {
            case VALIDATED -> null;
            case SKIPPED -> Reason.ADDRESS_VALIDATION_NOT_AVAILABLE;
            case NOT_VALIDATED -> Reason.ADDRESS_NOT_VALIDATED;
            case OFF -> Reason.ADDRESS_VALIDATION_OFF;
        };
    }
}

package com.epicorups.port;

import com.epicorups.model.Address;

/**
 * The result of UPS Address Validation for a ship-to: VALIDATED with the normalised candidate and the
 * residential classification, or SKIPPED (country outside US/PR) with the original address. A rejected or
 * ambiguous address is not a result: it is a permanent ConnectorException (ADDRESS_REJECTED,
 * ADDRESS_AMBIGUOUS) whose message names the fields at fault.
 */
public record AddressCheck(Outcome outcome, Address address, String note) {
    public enum Outcome { VALIDATED, SKIPPED }
}

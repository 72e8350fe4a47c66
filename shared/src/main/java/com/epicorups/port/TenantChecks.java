package com.epicorups.port;

/**
 * What the connector needs from the tenant it talks to, checked there before the first label is bought: the columns it
 * writes back, the source it polls, the codes its configuration names, the permissions of its user. Implemented against
 * Epicor by {@code com.epicorups.epicor.preflight.EpicorTenantChecks}.
 */
public interface TenantChecks {
    /**
     * A digest of the configuration the checks cover (company, identity, source, write-back columns, warehouse and
     * ShipVia codes): a different value means the checks must run again.
     */
    String fingerprint();

    /** Runs every check now; a failed check is a result, a call that could not be made (5xx, timeout) is thrown. */
    PreflightReport run();
}

package com.epicorups.epicor.preflight;

import com.epicorups.epicor.EpicorClient;
import com.epicorups.epicor.pack.FreightCharge;
import com.epicorups.port.CheckResult;
import com.epicorups.port.PreflightReport;
import com.epicorups.port.TenantChecks;
import java.util.ArrayList;
import java.util.List;

/**
 * The Epicor preflight: before the first label of a deployment, and again after a configuration change, everything
 * the connector will need from the tenant is checked there, with Epicor's own means (a service's {@code $metadata},
 * {@code $select} with {@code $top=1}, the Warehses and ShipVias sets, an empty UpdateExt): the release source, the
 * sets and columns it reads, the write-back columns and the right to write them, the warehouse and ShipVia codes of
 * the configuration. About a dozen calls, all reads but the no-op UpdateExt.
 */
public final class EpicorTenantChecks implements TenantChecks {
    private final EpicorClient client;
    private final PreflightConfig config;

    public EpicorTenantChecks(EpicorClient client, PreflightConfig config) {
        this.client = client;
        this.config = config;
    }

    @Override
    public String fingerprint() {
        return config.fingerprint();
    }

    @Override
    public PreflightReport run() {
        List<CheckResult> checks = new ArrayList<>();
        checks.add(new ReleaseSource(client, config.epicor()).check());
        checks.add(new ReadAccess(client, config.epicor()).check());
        checks.add(new WriteBackColumns(client, config.epicor()).check());
        checks.add(new WriteAccess(client, config.epicor()).check());
        ReferenceCodes codes = new ReferenceCodes(client);
        checks.add(codes.check(ReferenceCodes.WAREHOUSES, config.warehouses()));
        checks.add(codes.check(ReferenceCodes.SHIP_VIAS, config.shipVias()));
        FreightCharge charge = config.epicor().packs().freightCharge();
        if (config.epicor().source().isPacks() && charge != null) {
            checks.add(new MiscChargeCode(client).check(charge));
        }
        checks.addAll(config.settingsChecks());
        return new PreflightReport(checks);
    }
}

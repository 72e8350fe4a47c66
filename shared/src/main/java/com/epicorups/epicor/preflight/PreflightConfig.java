package com.epicorups.epicor.preflight;

import com.epicorups.epicor.EpicorSecret;
import com.epicorups.epicor.EpicorSettings;
import com.epicorups.port.CheckResult;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the Epicor preflight checks: the tenant (base URL, company, identity) from the EpicorSecret, the Epicor settings
 * (source, write-back) and, from the UPS settings, the warehouse codes that have a shipper and the ShipVia codes the
 * poll ships, and the checks of the connector's own settings that need no call (UPS services per lane) reported with
 * them.
 *
 * @param warehouses the keys of {@code ups.warehouses}
 * @param shipVias   {@code epicor.upsShipViaCodes} as the poll uses them (the service map's keys by default); empty
 *                   when every release is UPS's
 */
public record PreflightConfig(EpicorSecret secret, EpicorSettings epicor, Set<String> warehouses,
                              Set<String> shipVias, List<CheckResult> settingsChecks) {
    /** Bumped when the checks change, so that a new version checks a tenant again (2: UPS services per lane). */
    static final int CHECKS_VERSION = 2;

    public PreflightConfig {
        warehouses = Set.copyOf(warehouses);
        shipVias = Set.copyOf(shipVias);
        settingsChecks = List.copyOf(settingsChecks);
    }

    /** Without checks of the connector's own settings. */
    public PreflightConfig(EpicorSecret secret, EpicorSettings epicor, Set<String> warehouses, Set<String> shipVias) {
        this(secret, epicor, warehouses, shipVias, List.of());
    }

    /** A digest of everything the checks depend on; secrets are not part of it (a new password checks nothing new). */
    public String fingerprint() {
        EpicorSettings e = epicor;
        String identity = secret.authMode() == EpicorSecret.AuthMode.OAUTH2 ? secret.clientId() : secret.username();
        String text = String.join("|", List.of("v" + CHECKS_VERSION, String.valueOf(secret.baseUrl()),
                secret.company(), secret.authMode().name(), String.valueOf(identity), e.source().name(),
                String.valueOf(e.baqId()),
                e.checkpointMode().name(), e.eligibilityFilter(), e.weightSource().name(),
                e.writeBack().target().name(), e.writeBack().columnsByFact().toString(),
                new TreeSet<>(warehouses).toString(), new TreeSet<>(shipVias).toString(),
                e.source().isPacks() ? e.packs().readyFilter() + "|" + e.packs().freightCharge() : "",
                settingsChecks.stream().map(CheckResult::line).toList().toString()));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 12);
        } catch (NoSuchAlgorithmException e1) {
            throw new IllegalStateException(e1);
        }
    }
}

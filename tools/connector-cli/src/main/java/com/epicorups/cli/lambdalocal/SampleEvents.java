package com.epicorups.cli.lambdalocal;

import com.epicorups.cli.local.LocalConfig;
import com.epicorups.cli.local.LocalEnvironment;
import com.epicorups.model.ReleaseKey;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What the events/ samples carry, and so what a local stack must hold for each of them to pass: the release the
 * SQS samples name, its tracking number, and the Track Alert v2 credentials of the webhook sample. Tests check the
 * events against these values, so an edited event cannot silently stop passing.
 */
public final class SampleEvents {
    /** The release of events/shipment-creator.json and events/tracking-writer.json (in the sample Epicor data). */
    public static final ReleaseKey RELEASE = new ReleaseKey("EPIC06", 5001, 1, 1);
    /** The package of events/tracking-writer.json and events/track-alert-webhook.json (its check digit valid). */
    public static final String TRACKING_NUMBER = "1Z12345E0205271686";
    /**
     * The {@code Authorization: Bearer} value of events/track-alert-webhook.json. Track Alert v2 (the template's
     * default) accepts a delivery only with a bearer the WebhookSecret lists in {@code bearerTokens}.
     */
    public static final String WEBHOOK_BEARER = "sample-track-alert-bearer-change-me";
    /** Its {@code x-api-key}: the OAuth client id UPS's v2 deliveries carry (here the UPS sandbox's client). */
    public static final String WEBHOOK_API_KEY = LocalEnvironment.SANDBOX_UPS_CLIENT_ID;
    /** The warehouse the shipment-creator sample's release ships from (in the sample Epicor data too). */
    public static final String WAREHOUSE = "CHI";

    private SampleEvents() {
    }

    /**
     * CONNECTOR_SETTINGS for the samples: the local run's settings (Track Alert v2, the sandboxes' shipper
     * accounts, warehouses CHI, ATL and RNO, which the sample Epicor data has, so that the preflight passes).
     */
    public static ObjectNode connectorSettings() {
        return LocalConfig.defaultSettings();
    }
}

package com.epicorups.ups;

import com.epicorups.store.TokenCacheStore;
import com.epicorups.ups.address.UpsAddressValidation;
import com.epicorups.ups.auth.UpsTokenProvider;
import com.epicorups.ups.quantumview.UpsQuantumView;
import com.epicorups.ups.rate.RateQuotes;
import com.epicorups.ups.ship.UpsShippingClient;
import com.epicorups.ups.track.UpsTrackingClient;
import com.epicorups.ups.trackalert.UpsTrackAlertClient;
import com.epicorups.ups.transport.UpsHttp;
import java.net.http.HttpClient;
import java.time.Clock;

/**
 * Wires the UPS clients for one UpsSecret and the ups settings: one HttpClient, one token provider, one transport.
 * Build once per Lambda container.
 */
public final class UpsClients {
    private final UpsHttp http;
    /** The shipments' date (today in ups.eventTimeZone) and the Rating answers' age are read from it. */
    private final Clock clock;
    private final RateQuotes rateQuotes;

    public UpsClients(UpsSecret secret, UpsSettings settings, TokenCacheStore tokenStore) {
        this(secret, settings, tokenStore, Clock.systemUTC());
    }

    public UpsClients(UpsSecret secret, UpsSettings settings, TokenCacheStore tokenStore, Clock clock) {
        HttpClient client = UpsHttp.newHttpClient(settings);
        this.http = new UpsHttp(secret, settings, client, new UpsTokenProvider(secret, settings, client, tokenStore));
        this.clock = clock;
        this.rateQuotes = new RateQuotes(clock);
    }

    public UpsClients(UpsHttp http) {
        this.http = http;
        this.clock = Clock.systemUTC();
        this.rateQuotes = new RateQuotes(clock);
    }

    public UpsHttp http() { return http; }
    public UpsAddressValidation addressValidation() { return new UpsAddressValidation(http); }
    public UpsShippingClient shipping() { return new UpsShippingClient(http, clock, rateQuotes); }
    public UpsTrackingClient tracking() { return new UpsTrackingClient(http); }
    public UpsQuantumView quantumView() { return new UpsQuantumView(http); }
    /** @param v1Credential WebhookSecret.credential (needed only for Track Alert v1) */
    public UpsTrackAlertClient trackAlert(String v1Credential) { return new UpsTrackAlertClient(http, v1Credential); }
    public UpsPing ping() { return new UpsPing(http); }
}

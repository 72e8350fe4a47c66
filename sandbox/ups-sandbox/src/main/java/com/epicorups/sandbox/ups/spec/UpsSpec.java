package com.epicorups.sandbox.ups.spec;

import java.util.Optional;

/** The vendored UPS specs and the path prefix under which the sandbox serves each one. */
public enum UpsSpec {
    OAUTH("OAuthClientCredentials.yaml", "", "/security/v1/oauth/"),
    ADDRESS_VALIDATION("AddressValidation.yaml", "/api", "/api/addressvalidation/"),
    SHIPPING("Shipping.yaml", "/api", "/api/shipments/", "/api/labels/"),
    TRACKING("Tracking.yaml", "/api", "/api/track/v1/details/", "/api/track/v1/reference/", "/api/track/v1/shipment/"),
    QUANTUM_VIEW("QuantumView.yaml", "/api", "/api/quantumview/"),
    RATING("Rating.yaml", "/api", "/api/rating/"),
    TRACK_ALERT_V2("UPSTrackAlert.yaml", "/api/track/v2", "/api/track/v2/subscription/"),
    TRACK_ALERT_V1("UPSTrackAlert-v1.yaml", "/api/track/v1", "/api/track/v1/subscription/");

    private final String resource;
    private final String basePath;
    private final String[] prefixes;

    UpsSpec(String resource, String basePath, String... prefixes) {
        this.resource = resource;
        this.basePath = basePath;
        this.prefixes = prefixes;
    }

    public String resource() {
        return "/ups-openapi/" + resource;
    }

    /** Server base path the sandbox mounts the spec's paths under (replaces the spec's absolute UPS hosts). */
    public String basePath() {
        return basePath;
    }

    public static Optional<UpsSpec> forPath(String path) {
        for (UpsSpec spec : values()) {
            for (String prefix : spec.prefixes) {
                if (path.startsWith(prefix)) {
                    return Optional.of(spec);
                }
            }
        }
        return Optional.empty();
    }
}

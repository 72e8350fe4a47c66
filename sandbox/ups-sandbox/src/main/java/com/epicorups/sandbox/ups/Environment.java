package com.epicorups.sandbox.ups;

/**
 * Which UPS host the sandbox plays. Production ({@code onlinetools.ups.com}) is the default. CIE
 * ({@code wwwcie.ups.com}, UPS's test environment) differs where UPS documents it: street-level Address Validation
 * answers only for New York and California addresses (AddressValidation.yaml, operation description), and Track
 * Alert creates no subscription, refuses every tracking number but its two test numbers with VSS215 and answers
 * those with a burst of events (UPSTrackAlert.yaml, servers and FAQ).
 */
public enum Environment {
    PRODUCTION,
    CIE;

    /** The numbers CIE's Track Alert accepts (UPSTrackAlert.yaml FAQ "Can I test this process?"). */
    public static final java.util.List<String> CIE_TEST_TRACKING_NUMBERS =
            java.util.List.of("1ZCIETST0111111114", "1ZCIETST0422222228");
}

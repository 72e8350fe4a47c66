package com.epicorups.ups;

import com.epicorups.core.Reason;
import com.epicorups.model.Address;
import com.epicorups.ups.address.UpsAddressValidation;
import com.epicorups.ups.auth.UpsTokenException;
import com.epicorups.ups.transport.UpsApiException;
import com.epicorups.ups.transport.UpsErrorClassifier;
import com.epicorups.ups.transport.UpsHttp;
import com.epicorups.ups.track.UpsTrackingClient;
import com.epicorups.core.ConnectorException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A connectivity check for operators: gets a token, tracks a number that does not exist (a harmless read)
 * and, when a US/PR warehouse is configured, validates its address. Each failure says which credential,
 * URL or API product is wrong.
 */
public final class UpsPing {
    /** The outcome of one step. */
    public record Check(String step, boolean ok, String detail) {
    }

    /** All steps; ok when every step passed. */
    public record Result(boolean ok, List<Check> checks) {
        public Result {
            checks = List.copyOf(checks);
        }
    }

    static final String UNKNOWN_NUMBER = "1Z0000000000000000";
    private static final Pattern CLIENT_ID_INVALID =
            Pattern.compile("(?i)client\\s*id\\s+is\\s+invalid");
    private static final Pattern CLIENT_SECRET_INVALID =
            Pattern.compile("(?i)client\\s*secret\\s+is\\s+invalid");

    private final UpsHttp http;

    public UpsPing(UpsHttp http) {
        this.http = http;
    }

    public Result ping() {
        List<Check> checks = new ArrayList<>();
        try {
            http.tokens().accessToken();
            checks.add(new Check("token", true, "UPS issued a token for client " + http.clientId()));
        } catch (UpsTokenException e) {
            checks.add(new Check("token", false, explainToken(e)));
            return new Result(false, checks);
        }
        checks.add(run("tracking", () -> new UpsTrackingClient(http).track(UNKNOWN_NUMBER),
                UpsTrackingClient.OPERATION));
        UpsSettings.Warehouse covered = http.settings().warehouses().values().stream()
                .filter(w -> "US".equals(w.countryCode()) || "PR".equals(w.countryCode())).findFirst().orElse(null);
        if (covered != null) {
            Address a = new Address(covered.shipperName(), null, covered.lines(), covered.city(), covered.stateProvince(),
                    covered.postalCode(), covered.countryCode(), null, null, null);
            checks.add(run("addressValidation", () -> {
                try {
                    new UpsAddressValidation(http).validate(a);
                } catch (UpsApiException e) {
                    throw e;
                } catch (ConnectorException e) {
                    // The API answered: the product works even if the warehouse address is ambiguous.
                }
            }, UpsAddressValidation.OPERATION));
        }
        return new Result(checks.stream().allMatch(Check::ok), checks);
    }

    private Check run(String step, Runnable call, String operation) {
        try {
            call.run();
            return new Check(step, true, "UPS " + UpsErrorClassifier.productFor(operation) + " API answered");
        } catch (UpsApiException e) {
            return new Check(step, false, explainApi(e, operation));
        } catch (UpsTokenException e) {
            return new Check(step, false, explainToken(e));
        }
    }

    private String explainToken(UpsTokenException e) {
        if (e.httpStatus() == 401) {
            String said = e.getMessage() == null ? "" : e.getMessage();
            if (CLIENT_ID_INVALID.matcher(said).find()) {
                // UPS is known to say this also for an existing app that lacks API products, so the secret
                // stays a suspect too; the client id is named first.
                return "UPS rejected the client id / client secret, saying the client id is invalid (HTTP 401 from the "
                        + "token endpoint): check UpsSecret.clientId (" + http.clientId() + ") and that the app "
                        + "exists in this environment (" + http.baseUrl() + ") with its API products, then "
                        + "UpsSecret.clientSecret";
            }
            if (CLIENT_SECRET_INVALID.matcher(said).find()) {
                return "UPS knows the client id but rejected the client secret (HTTP 401 from the token endpoint): "
                        + "check UpsSecret.clientSecret for client " + http.clientId();
            }
            return "UPS rejected the client id / client secret (HTTP 401 from the token endpoint): check UpsSecret.clientId and clientSecret";
        }
        if (e.httpStatus() == 403) {
            return "UPS refused the token for this merchant (HTTP 403): check UpsSecret.merchantId / the warehouse account is linked to the app";
        }
        if (e.httpStatus() == 0 && e.reason() == Reason.UPS_TOKEN_UNAVAILABLE) {
            return "cannot reach the UPS token endpoint: check UpsSecret.baseUrl (" + http.baseUrl() + "): " + e.getMessage();
        }
        return e.reasonCode() + ": " + e.getMessage();
    }

    private String explainApi(UpsApiException e, String operation) {
        String product = UpsErrorClassifier.productFor(operation);
        if (e.hasCode("250002") || e.reason() == Reason.UPS_AUTH) {
            return "the UPS app lacks the " + product + " API product (or the credentials are for another environment): " + e.getMessage();
        }
        if (e.reason() == Reason.UPS_CONNECTION || e.reason() == Reason.UPS_TIMEOUT) {
            return "cannot reach UPS at " + http.baseUrl() + ": check UpsSecret.baseUrl: " + e.getMessage();
        }
        if (e.httpStatus() == 404) {
            return "UPS answered 404 for the " + product + " API: check UpsSecret.baseUrl points at UPS (" + http.baseUrl() + ")";
        }
        return e.reasonCode() + ": " + e.getMessage();
    }
}

package com.epicorups.ups.transport;

import com.epicorups.core.Reason;
import com.epicorups.ups.wire.UpsError;
import java.util.List;
import java.util.Set;

/** Maps an HTTP status and UPS error codes to a failure kind and reason code. */
public final class UpsErrorClassifier {
    /** Codes meaning "get a new token and try again once". */
    public static final Set<String> TOKEN_CODES = Set.of("250002", "251004", "UJ0001");

    private UpsErrorClassifier() {
    }

    public static boolean isTokenProblem(int status, List<UpsError> errors) {
        return status == 401 || errors.stream().anyMatch(e -> TOKEN_CODES.contains(e.code()));
    }

    public static boolean isTransient(int status, List<UpsError> errors) {
        return status == 429 || status >= 500
                || errors.stream().anyMatch(e -> "10429".equals(e.code()) || "10004".equals(e.code()));
    }

    public static UpsApiException classify(String operation, int status, List<UpsError> errors, String body,
                                           boolean mutating) {
        String codes = errors.isEmpty() ? "no UPS error code" : errors.toString();
        if (status == 429 || errors.stream().anyMatch(e -> "10429".equals(e.code()))) {
            return new UpsApiException(Reason.UPS_RATE_LIMITED, operation, status, errors,
                    false, body, "UPS " + operation + " throttled (HTTP " + status + ", " + codes + ")", null);
        }
        if (status >= 500 || errors.stream().anyMatch(e -> "10004".equals(e.code()))) {
            return new UpsApiException(Reason.UPS_UNAVAILABLE, operation, status, errors,
                    mutating, body, "UPS " + operation + " unavailable (HTTP " + status + ", " + codes + ")", null);
        }
        if (isTokenProblem(status, errors)) {
            String hint = errors.stream().anyMatch(e -> "250002".equals(e.code()))
                    ? ": the token was refused; the UPS app may lack the " + productFor(operation)
                    + " API product, or the credentials belong to another environment"
                    : ": the token was refused even after a refresh";
            return new UpsApiException(Reason.UPS_AUTH, operation, status, errors, false,
                    body, "UPS " + operation + " authentication failed (HTTP " + status + ", " + codes + ")" + hint, null);
        }
        if (status == 403) {
            return new UpsApiException(Reason.UPS_BLOCKED_MERCHANT, operation, status,
                    errors, false, body, "UPS " + operation + " refused: blocked merchant (HTTP 403, " + codes + ")", null);
        }
        return new UpsApiException(Reason.UPS_BUSINESS_ERROR, operation, status, errors,
                false, body, "UPS " + operation + " rejected the request (HTTP " + status + ", " + codes + ")", null);
    }

    /** The Developer-Portal product name an operation needs. */
    public static String productFor(String operation) {
        if (operation == null) {
            return "required";
        }
        if (operation.startsWith("ship") || operation.startsWith("void") || operation.startsWith("labelRecovery")) {
            return "Shipping";
        }
        if (operation.startsWith("addressValidation")) {
            return "Address Validation - Street Level";
        }
        if (operation.startsWith("trackAlert")) {
            return "Track Alert";
        }
        if (operation.startsWith("track")) {
            return "Tracking";
        }
        if (operation.startsWith("quantumView")) {
            return "Quantum View";
        }
        return "required";
    }
}

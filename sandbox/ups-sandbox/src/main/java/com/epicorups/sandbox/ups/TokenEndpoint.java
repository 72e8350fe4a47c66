package com.epicorups.sandbox.ups;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/** UPS's OAuth client-credentials endpoint: checks the Basic credentials, the quota and the merchant id, issues tokens. */
final class TokenEndpoint {

    private final TokenService tokens;
    private final Faults faults;
    private final Set<String> shipperNumbers;
    private final Predicate<HttpCall> specValidation;
    private final List<String> issuedTokenMerchantIds = new CopyOnWriteArrayList<>();

    TokenEndpoint(TokenService tokens, Faults faults, Set<String> shipperNumbers, Predicate<HttpCall> specValidation) {
        this.tokens = tokens;
        this.faults = faults;
        this.shipperNumbers = shipperNumbers;
        this.specValidation = specValidation;
    }

    List<String> issuedTokenMerchantIds() {
        return List.copyOf(issuedTokenMerchantIds);
    }

    void issue(HttpCall call) {
        String authorization = call.header("Authorization");
        String clientId = null;
        String secret = null;
        if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()),
                        StandardCharsets.UTF_8);
                int colon = decoded.indexOf(':');
                if (colon > 0) {
                    clientId = decoded.substring(0, colon);
                    secret = decoded.substring(colon + 1);
                }
            } catch (IllegalArgumentException ignored) {
                // malformed base64: treated as missing credentials
            }
        }
        if (!tokens.credentialsValid(clientId, secret)) {
            // "ClientId is Invalid" is UPS's wording for an unknown client; the wrong-secret wording is the
            // sandbox's own (UPS does not document it), so an operator tool can tell which credential is wrong.
            call.respond(401, tokens.clientKnown(clientId)
                    ? Json.error("10401", "ClientSecret is Invalid for this ClientId")
                    : Json.error("10401", "ClientId is Invalid"));
            return;
        }
        if (faults.takeTokenTooManyRequests() || !tokens.withinQuota(clientId)) {
            call.respond(429, Json.error("10429", "Too Many Requests"));
            return;
        }
        if (!specValidation.test(call)) {
            return;
        }
        Map<String, String> form = formFields(call.body());
        if (!"client_credentials".equals(form.get("grant_type"))) {
            call.respond(400, Json.error("10400", "Invalid/Missing grant_type"));
            return;
        }
        String merchant = call.header("x-merchant-id");
        if (merchant != null && !merchant.isBlank() && !shipperNumbers.contains(merchant.toUpperCase(Locale.ROOT))) {
            call.respond(403, Json.error("10403", "Blocked Merchant"));
            return;
        }
        TokenService.Issued issued = tokens.issue(clientId);
        issuedTokenMerchantIds.add(merchant == null ? "" : merchant.trim().toUpperCase(Locale.ROOT));
        ObjectNode out = Json.object();
        out.put("token_type", "Bearer");
        out.put("issued_at", String.valueOf(issued.issuedAt().toEpochMilli()));
        out.put("client_id", clientId);
        out.put("access_token", issued.accessToken());
        out.put("scope", "");
        out.put("expires_in", String.valueOf(Math.max(0, tokens.lifetime().toSeconds() - 1)));
        out.put("refresh_count", "0");
        out.put("status", "approved");
        call.respond(200, out);
    }

    private static Map<String, String> formFields(String body) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return out;
    }
}

package com.epicorups.epicor;

import com.epicorups.epicor.PingResult.Problem;
import com.epicorups.epicor.error.EpicorAuthException;
import com.epicorups.epicor.error.EpicorErrors;
import com.epicorups.epicor.error.EpicorException;
import com.epicorups.epicor.error.EpicorLicenceException;
import com.epicorups.epicor.error.EpicorNotFoundException;
import com.epicorups.epicor.error.EpicorTransientException;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Locale;

/**
 * One read ({@code GET Erp.BO.SalesOrderSvc/SalesOrders?$top=1&$select=OrderNum}, after a token in TOKEN/OAUTH2
 * mode) that proves base URL, API key, identity and company, and names the one that is wrong. No retries.
 */
public final class EpicorPing {
    private final EpicorClient client;

    public EpicorPing(EpicorClient client) {
        this.client = client;
    }

    public PingResult ping() {
        int before = client.callCount();
        EpicorSecret s = client.secret();
        if (s.authMode() != EpicorSecret.AuthMode.BASIC) {
            try {
                client.refreshIdentity();
            } catch (EpicorTransientException e) {
                boolean tokenResource = s.authMode() == EpicorSecret.AuthMode.TOKEN;
                if (e.httpStatus() == 0) {
                    return result(tokenResource ? Problem.BASE_URL : Problem.IDENTITY,
                            (tokenResource ? "base URL " + s.baseUrl() : "OAuth2 token URL " + s.tokenUrl())
                                    + " is not reachable: " + e.getMessage(), 0, before);
                }
                return result(Problem.UNAVAILABLE, e.getMessage(), e.httpStatus(), before);
            } catch (EpicorNotFoundException e) {
                return result(Problem.BASE_URL, "no Epicor TokenResource.svc under " + s.baseUrl() + ": " + e.getMessage(),
                        404, before);
            } catch (EpicorAuthException e) {
                return result(mentionsApiKey(e.getMessage()) ? Problem.API_KEY : Problem.IDENTITY,
                        e.getMessage(), e.httpStatus(), before);
            } catch (EpicorException e) {
                return result(e instanceof EpicorLicenceException ? Problem.UNAVAILABLE : Problem.IDENTITY,
                        e.getMessage(), e.httpStatus(), before);
            }
        }
        HttpResponse<String> response;
        try {
            response = client.rawGet(EpicorFields.SALES_ORDERS,
                    new OData.Query().top(1).select(List.of("OrderNum")));
        } catch (EpicorTransientException e) {
            return result(e.httpStatus() == 0 ? Problem.BASE_URL : Problem.UNAVAILABLE,
                    "base URL " + s.baseUrl() + ": " + e.getMessage(), e.httpStatus(), before);
        }
        int status = response.statusCode();
        String body = response.body() == null ? "" : response.body();
        if (status == 200) {
            return result(Problem.NONE, "Epicor answered for company " + s.company() + " as the configured identity",
                    200, before);
        }
        EpicorException e = EpicorErrors.fromResponse(status, body, "GET SalesOrders");
        boolean epicorJson = body.trim().startsWith("{") && body.contains("ErrorMessage");
        String lower = e.getMessage().toLowerCase(Locale.ROOT);
        if (status == 401) {
            return result(mentionsApiKey(lower) ? Problem.API_KEY : Problem.IDENTITY, e.getMessage(), status, before);
        }
        if (lower.contains("company")) {
            return result(Problem.COMPANY, "company '" + s.company() + "': " + e.getMessage(), status, before);
        }
        if (status == 404) {
            // Epicor answers 404 both for a wrong instance path and for a service outside the API key's scope:
            // TokenResource.svc exists under every correct root whatever the scope, so probe it.
            if (!epicorJson || !rootExists(s)) {
                return result(Problem.BASE_URL, "no Epicor REST v2 service at " + s.odataRoot() + " (HTTP 404, and "
                        + s.tokenResourceUrl() + " does not exist either): check the base URL and instance", status, before);
            }
            return result(Problem.PERMISSION, "Erp.BO.SalesOrderSvc not found for this API key (access scope?): "
                    + e.getMessage(), status, before);
        }
        if (status == 403) {
            return result(Problem.PERMISSION, e.getMessage(), status, before);
        }
        if (e.isTransient()) {
            return result(Problem.UNAVAILABLE, e.getMessage(), status, before);
        }
        return result(Problem.COMPANY, e.getMessage(), status, before);
    }

    private boolean rootExists(EpicorSecret s) {
        try {
            return client.probeStatus(java.net.URI.create(s.tokenResourceUrl())) != 404;
        } catch (EpicorTransientException e) {
            return false;
        }
    }

    private static boolean mentionsApiKey(String message) {
        String m = message.toLowerCase(Locale.ROOT);
        return m.contains("api key") || m.contains("apikey") || m.contains("api-key");
    }

    private PingResult result(Problem p, String message, int status, int before) {
        return new PingResult(p, message, status, client.callCount() - before);
    }
}

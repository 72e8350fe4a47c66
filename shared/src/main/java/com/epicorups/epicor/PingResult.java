package com.epicorups.epicor;

/**
 * What {@link EpicorPing} found. {@code problem} names the one setting to fix; {@code message} says why,
 * quoting Epicor where it said something.
 */
public record PingResult(Problem problem, String message, int httpStatus, int calls) {
    public enum Problem {
        /** Base URL, API key, identity and company all work. */
        NONE,
        /** Unknown host, connection refused, or no Epicor REST service at {root}/api/v2/odata. */
        BASE_URL,
        /** Epicor refused the x-api-key. */
        API_KEY,
        /** User/password, token or OAuth2 client refused. */
        IDENTITY,
        /** The company in the path does not exist or the user may not use it. */
        COMPANY,
        /** Authenticated, but the API key's access scope or the user's security denies SalesOrderSvc. */
        PERMISSION,
        /** Epicor is reachable but failing (5xx, timeout, no licence seat): try again later. */
        UNAVAILABLE
    }

    public boolean ok() {
        return problem == Problem.NONE;
    }
}

package com.epicorups.epicor.error;

import com.epicorups.core.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;

/**
 * Turns an Epicor error response into a typed exception. Epicor's body is
 * {@code {"HttpStatus","ReasonPhrase","ErrorMessage","ErrorType","ErrorDetails":[{"Message",...}]}};
 * anything else (HTML from IIS, empty) is kept as a short excerpt.
 */
public final class EpicorErrors {
    private static final int EXCERPT = 300;

    private EpicorErrors() {
    }

    public static EpicorException fromResponse(int status, String body, String what) {
        String errorType = null;
        String message = null;
        JsonNode json = parse(body);
        if (json != null) {
            message = text(json, "ErrorMessage");
            errorType = text(json, "ErrorType");
            JsonNode details = json.get("ErrorDetails");
            if (details != null && details.isArray() && !details.isEmpty()) {
                String first = text(details.get(0), "Message");
                if (first != null && (message == null || !message.contains(first))) {
                    message = message == null ? first : message + " (" + first + ")";
                }
            }
            if (message == null) {
                message = text(json, "ReasonPhrase");
            }
        }
        if (message == null) {
            message = body == null || body.isBlank() ? "(no body)" : excerpt(body);
        }
        String full = what + ": Epicor answered HTTP " + status + ": " + message;
        if (status == 401 || status == 403) {
            return new EpicorAuthException(status, errorType, full);
        }
        if (status == 404) {
            return new EpicorNotFoundException(status, errorType, full);
        }
        if (status == 400 && mentionsLicence(body)) {
            return new EpicorLicenceException(status, errorType, full);
        }
        if (status == 408 || status == 429 || status >= 500) {
            return new EpicorTransientException(status, errorType, full);
        }
        return new EpicorBusinessRuleException(status, errorType, full);
    }

    static boolean mentionsLicence(String body) {
        if (body == null) {
            return false;
        }
        String b = body.toLowerCase(Locale.ROOT);
        return b.contains("licenseaccessexception") || b.contains("maximum users exceeded");
    }

    private static JsonNode parse(String body) {
        if (body == null || body.isBlank() || !body.trim().startsWith("{")) {
            return null;
        }
        try {
            return Json.mapper().readTree(body);
        } catch (Exception e) {
            return null;
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        return v == null || v.isNull() || v.asText().isBlank() ? null : v.asText();
    }

    private static String excerpt(String body) {
        String oneLine = body.replaceAll("\\s+", " ").trim();
        return oneLine.length() <= EXCERPT ? oneLine : oneLine.substring(0, EXCERPT) + "...";
    }
}

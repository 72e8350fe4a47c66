package com.epicorups.ups.quantumview;

import com.epicorups.core.ConnectorException;
import com.epicorups.core.Json;
import com.epicorups.core.Reason;
import com.epicorups.logging.JsonLogger;
import com.epicorups.model.TrackingUpdate;
import com.epicorups.port.QuantumView;
import com.epicorups.port.QuantumViewBatch;
import com.epicorups.ups.transport.UpsApiException;
import com.epicorups.ups.transport.UpsHttp;
import com.epicorups.ups.wire.Nodes;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Quantum View unread events ({@code POST /api/quantumview/v3/events}, RequestAction QVEvents, the
 * configured subscription), following Bookmark (top level of the request) until none remains. QV reads
 * are consume-once: when a later page fails, the pages already read are returned (never dropped) with a
 * retryAfter so the poller comes back soon.
 */
public final class UpsQuantumView implements QuantumView {
    private static final JsonLogger LOG = JsonLogger.getLogger(UpsQuantumView.class);
    public static final String OPERATION = "quantumView";
    static final String PATH = "/api/quantumview/v3/events";
    static final Duration PARTIAL_RETRY = Duration.ofSeconds(60);

    private final UpsHttp http;
    private final QuantumViewMapper mapper;

    public UpsQuantumView(UpsHttp http) {
        this.http = http;
        this.mapper = new QuantumViewMapper(http.settings().eventTimeZone());
    }

    @Override
    public QuantumViewBatch readUnread() {
        String subscription = http.settings().quantumViewSubscription();
        if (subscription == null) {
            throw new ConnectorException(Reason.QUANTUM_VIEW_NOT_CONFIGURED,
                    "ups.quantumViewSubscription is not configured: name the Quantum View subscription to read");
        }
        List<TrackingUpdate> updates = new ArrayList<>();
        List<String> raw = new ArrayList<>();
        String bookmark = null;
        int pages = 0;
        int maxPages = http.settings().quantumViewMaxPages();
        while (pages < maxPages) {
            UpsHttp.UpsResponse response;
            try {
                response = http.post(OPERATION, PATH, request(subscription, bookmark), null, UpsHttp.Retry.IDEMPOTENT);
            } catch (UpsApiException e) {
                Duration retry = minimumRetry(parse(e.responseBody()));
                if (retry != null) {
                    return new QuantumViewBatch(updates, raw, pages, retry);
                }
                if (pages == 0) {
                    throw e;
                }
                LOG.warn("quantum_view_page_failed", e, "page", pages + 1, "pagesRead", pages);
                return new QuantumViewBatch(updates, raw, pages, PARTIAL_RETRY);
            }
            pages++;
            raw.add(response.body());
            JsonNode json = response.json();
            updates.addAll(mapper.map(json));
            Duration retry = minimumRetry(json);
            if (retry != null) {
                return new QuantumViewBatch(updates, raw, pages, retry);
            }
            bookmark = Nodes.text(json.path("QuantumViewResponse"), "Bookmark");
            if (bookmark == null) {
                return new QuantumViewBatch(updates, raw, pages, null);
            }
        }
        LOG.warn("quantum_view_pages_left", "pages", pages, "next", "continues at the next poll");
        return new QuantumViewBatch(updates, raw, pages, Duration.ZERO);
    }

    static ObjectNode request(String subscription, String bookmark) {
        ObjectNode root = Json.mapper().createObjectNode();
        ObjectNode qv = root.putObject("QuantumViewRequest");
        ObjectNode req = qv.putObject("Request");
        req.put("RequestAction", "QVEvents");
        req.putObject("TransactionReference").put("CustomerContext", "epicor-ups-connector");
        qv.putArray("SubscriptionRequest").addObject().put("Name", subscription);
        if (bookmark != null) {
            qv.put("Bookmark", bookmark);
        }
        return root;
    }

    /** UPS's MinimumRetrySeconds anywhere in an error, or null. */
    static Duration minimumRetry(JsonNode json) {
        if (json == null) {
            return null;
        }
        List<JsonNode> found = json.findValues("MinimumRetrySeconds");
        long max = -1;
        for (JsonNode n : found) {
            try {
                max = Math.max(max, Long.parseLong(n.asText().trim()));
            } catch (NumberFormatException ignored) {
                // a malformed hint is no hint
            }
        }
        return max > 0 ? Duration.ofSeconds(max) : null;
    }

    private static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            return Json.mapper().readTree(body);
        } catch (Exception e) {
            return null;
        }
    }
}

package com.epicorups.function.webhook;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.epicorups.app.Runtime;
import com.epicorups.logging.CorrelationId;
import com.epicorups.pipeline.TrackAlertIntake;
import com.epicorups.pipeline.WebhookResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The Track Alert webhook behind API Gateway: hands headers and body to the intake and maps its answer.
 * Headers are passed on case-insensitively; they are never logged (they carry the credential).
 */
public class TrackAlertWebhookHandler
        implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {
    private final TrackAlertIntake trackAlertIntake;

    /** Lambda: the use case comes from the per-container composition root. */
    public TrackAlertWebhookHandler() {
        this(Runtime.current().trackAlertIntake());
    }

    public TrackAlertWebhookHandler(TrackAlertIntake trackAlertIntake) {
        this.trackAlertIntake = trackAlertIntake;
    }

    @Override
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent event, Context context) {
        String requestId = event.getRequestContext() != null && event.getRequestContext().getRequestId() != null
                ? event.getRequestContext().getRequestId() : "webhook";
        WebhookResponse response = CorrelationId.with(requestId,
                () -> trackAlertIntake.receive(headers(event), body(event)));
        return new APIGatewayProxyResponseEvent()
                .withStatusCode(response.statusCode())
                .withHeaders(Map.of("Content-Type", "application/json"))
                .withBody(response.body());
    }

    static Map<String, String> headers(APIGatewayProxyRequestEvent event) {
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (event.getMultiValueHeaders() != null) {
            for (Map.Entry<String, List<String>> e : event.getMultiValueHeaders().entrySet()) {
                if (e.getKey() != null && e.getValue() != null && !e.getValue().isEmpty()) {
                    headers.put(e.getKey(), e.getValue().get(0));
                }
            }
        }
        if (event.getHeaders() != null) {
            event.getHeaders().forEach((k, v) -> {
                if (k != null && v != null) {
                    headers.put(k, v);
                }
            });
        }
        return headers;
    }

    static String body(APIGatewayProxyRequestEvent event) {
        String body = event.getBody();
        if (body != null && Boolean.TRUE.equals(event.getIsBase64Encoded())) {
            return new String(Base64.getDecoder().decode(body), StandardCharsets.UTF_8);
        }
        return body;
    }
}

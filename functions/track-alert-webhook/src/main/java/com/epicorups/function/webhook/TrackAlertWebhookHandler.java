package com.epicorups.function.webhook;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.epicorups.app.Live;
import com.epicorups.app.Runtime;
import com.epicorups.logging.CorrelationId;
import com.epicorups.pipeline.TrackAlertIntake;
import com.epicorups.pipeline.WebhookCall;
import com.epicorups.pipeline.WebhookResponse;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The Track Alert webhook behind API Gateway: hands the call (method, headers, body as sent, caller's address) to
 * the intake and maps its answer.
 * Headers are passed on case-insensitively; they are never logged (they carry the credential).
 */
public class TrackAlertWebhookHandler
        implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {
    /** Set when Lambda built this handler: each invocation runs on the current settings' use cases. */
    private Live<TrackAlertWebhookHandler> live;
    private final TrackAlertIntake trackAlertIntake;

    /** Lambda: the use case comes from the per-container composition root. */
    public TrackAlertWebhookHandler() {
        this(Runtime.current().trackAlertIntake());
        this.live = Live.startingWith(this, factory -> new TrackAlertWebhookHandler(factory.trackAlertIntake()));
    }

    public TrackAlertWebhookHandler(TrackAlertIntake trackAlertIntake) {
        this.trackAlertIntake = trackAlertIntake;
    }

    @Override
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent event, Context context) {
        return (live == null ? this : live.get()).handle(event, context);
    }

    private APIGatewayProxyResponseEvent handle(APIGatewayProxyRequestEvent event, Context context) {
        String requestId = event.getRequestContext() != null && event.getRequestContext().getRequestId() != null
                ? event.getRequestContext().getRequestId() : "webhook";
        WebhookCall call = new WebhookCall(event.getHttpMethod(), headers(event), event.getBody(),
                Boolean.TRUE.equals(event.getIsBase64Encoded()), sourceIp(event));
        WebhookResponse response = CorrelationId.with(requestId, () -> trackAlertIntake.receive(call));
        Map<String, String> responseHeaders = new TreeMap<>(response.headers());
        responseHeaders.put("Content-Type", "application/json");
        return new APIGatewayProxyResponseEvent()
                .withStatusCode(response.statusCode())
                .withHeaders(responseHeaders)
                .withBody(response.body());
    }

    private static String sourceIp(APIGatewayProxyRequestEvent event) {
        return event.getRequestContext() == null || event.getRequestContext().getIdentity() == null ? null
                : event.getRequestContext().getIdentity().getSourceIp();
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

}

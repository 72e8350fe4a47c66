package com.epicorups.function.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.epicorups.app.Runtime;
import com.epicorups.core.Reason;
import com.epicorups.model.TrackingSource;
import com.epicorups.model.TrackingStatus;
import com.epicorups.model.TrackingUpdate;
import com.epicorups.pipeline.TrackAlertIntake;
import com.epicorups.port.TrackAlertReceiver;
import com.epicorups.port.WebhookVerdict;
import com.epicorups.store.memory.InMemoryAuditLog;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class TrackAlertWebhookHandlerTest {
    private final List<String> queued = new CopyOnWriteArrayList<>();
    private final List<String> bodiesSeen = new CopyOnWriteArrayList<>();
    private final InMemoryAuditLog audit = new InMemoryAuditLog();

    private final TrackAlertReceiver receiver = (headers, body) -> {
        bodiesSeen.add(body);
        if (!"test-credential-value".equals(headers.get("credential"))) {
            return WebhookVerdict.rejected(401, Reason.WEBHOOK_UNAUTHENTICATED, "credential header missing or wrong");
        }
        return WebhookVerdict.accepted(new TrackingUpdate("ta-1", TrackingSource.TRACK_ALERT, null, null,
                List.of("1Z999AA10123456784"), TrackingStatus.IN_TRANSIT, "On the Way", Instant.now(), null, null,
                null));
    };

    private TrackAlertWebhookHandler handler() {
        return new TrackAlertWebhookHandler(new TrackAlertIntake(receiver, (body, attributes) -> {
            queued.add(body);
            return "q";
        }, audit, Clock.systemUTC()));
    }

    @Test
    void acceptsTheSampleCallDecodingItsBodyAndMatchingHeadersIgnoringCase() {
        APIGatewayProxyRequestEvent event = EventLoader.loadApiGatewayRestEvent("events/apigw-track-alert.json");

        APIGatewayProxyResponseEvent response = handler().handleRequest(event, null);

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(response.getHeaders()).containsEntry("Content-Type", "application/json");
        assertThat(bodiesSeen).singleElement().asString().startsWith("{\"trackingNumber\"").contains("1Z999AA10123456784");
        assertThat(queued).singleElement().asString().contains("\"eventId\":\"ta-1\"");
    }

    @Test
    void rejectsAWrongCredentialWithTheVerdictsStatus() {
        APIGatewayProxyRequestEvent event = EventLoader.loadApiGatewayRestEvent("events/apigw-track-alert.json");
        event.setHeaders(Map.of("Credential", "not-it"));
        event.setMultiValueHeaders(Map.of("Credential", List.of("not-it")));

        APIGatewayProxyResponseEvent response = handler().handleRequest(event, null);

        assertThat(response.getStatusCode()).isEqualTo(401);
        assertThat(response.getBody()).isEqualTo("{\"error\":\"WEBHOOK_UNAUTHENTICATED\"}");
        assertThat(queued).isEmpty();
        assertThat(audit.all()).singleElement().satisfies(e -> assertThat(e.toString()).doesNotContain("not-it"));
    }

    @Test
    void theLambdaConstructorWithoutEnvironmentNamesTheMissingVariables() {
        Runtime.reset();
        // No wiring and no environment: the ServiceLoader-found LambdaUseCaseFactory reads the (empty) function
        // environment and must say which variables are missing rather than fail later on a null.
        // The constructor throws the ConfigException itself (Lambda's init error), not a ServiceLoader wrapper.
        assertThatThrownBy(TrackAlertWebhookHandler::new)
                .isExactlyInstanceOf(com.epicorups.config.ConfigException.class)
                .hasMessageContaining("TOKEN_CACHE_TABLE is missing")
                .hasMessageContaining("SHIPMENT_REQUESTS_QUEUE_URL is missing");
    }

    @Test
    void onlyAPostIsLookedAtAGetWithAValidCredentialAndBodyIsAnswered405AndNothingIsParsedOrQueued() {
        for (String method : List.of("GET", "PUT", "DELETE")) {
            APIGatewayProxyRequestEvent event = EventLoader.loadApiGatewayRestEvent("events/apigw-track-alert.json");
            event.setHttpMethod(method);

            APIGatewayProxyResponseEvent response = handler().handleRequest(event, null);

            assertThat(response.getStatusCode()).as(method).isEqualTo(405);
            assertThat(response.getHeaders()).containsEntry("Allow", "POST");
            assertThat(response.getBody()).isEqualTo("{\"error\":\"WEBHOOK_METHOD_NOT_ALLOWED\"}");
        }
        assertThat(bodiesSeen).as("nothing parsed, not even authenticated").isEmpty();
        assertThat(queued).isEmpty();
        assertThat(audit.all()).as("the first refused call of the minute is audited; the others are counted")
                .isNotEmpty().allSatisfy(e -> assertThat(e.reasonCode()).isEqualTo("WEBHOOK_METHOD_NOT_ALLOWED"));
    }

    @Test
    void aBodyMarkedBase64ThatIsNotIsAnswered400AndAuditedInsteadOfThrowing() {
        APIGatewayProxyRequestEvent event = EventLoader.loadApiGatewayRestEvent("events/apigw-track-alert.json");
        event.setIsBase64Encoded(true);
        event.setBody("this is % not * base64 {\"trackingNumber\":\"1Z\"}");

        APIGatewayProxyResponseEvent response = handler().handleRequest(event, null);

        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(response.getBody()).isEqualTo("{\"error\":\"WEBHOOK_MALFORMED\"}");
        assertThat(bodiesSeen).isEmpty();
        assertThat(queued).isEmpty();
        assertThat(audit.all()).singleElement().satisfies(e -> {
            assertThat(e.reasonCode()).isEqualTo("WEBHOOK_MALFORMED");
            assertThat(e.message()).contains("not valid base64");
        });
    }
}

package com.epicorups.ups.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.epicorups.core.Json;
import com.epicorups.core.Reason;
import com.epicorups.model.TrackingSource;
import com.epicorups.model.TrackingStatus;
import com.epicorups.port.CreatedShipment;
import com.epicorups.port.SubscriptionResult;
import com.epicorups.port.WebhookVerdict;
import com.epicorups.sandbox.ups.Operation;
import com.epicorups.sandbox.ups.Status;
import com.epicorups.sandbox.ups.TrackAlert;
import com.epicorups.sandbox.ups.TrackingNumbers;
import com.epicorups.ups.UpsClients;
import com.epicorups.ups.UpsSettings;
import com.epicorups.ups.UpsSettings.TrackAlertVersion;
import com.epicorups.ups.trackalert.TrackAlertWebhookReceiver;
import com.epicorups.ups.trackalert.UpsTrackAlertClient;
import com.epicorups.ups.trackalert.WebhookSecret;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Track Alert subscriptions through the real client, and webhook deliveries the sandbox POSTs (as UPS does) to a
 * tiny JDK HttpServer whose handler feeds the body and headers into the connector's TrackAlertWebhookReceiver.
 */
class TrackAlertSandboxTest {
    @RegisterExtension
    static final UpsSandboxExtension ups = new UpsSandboxExtension();

    private static final String V1_CREDENTIAL = "v1-shared-secret-7f3a";
    private static final String V1_PREVIOUS = "v1-old-secret-0c1d";
    private static final String V2_BEARER = "v2-static-bearer-91be";
    private static final String V2_API_KEY = UpsSandboxExtension.CLIENT_ID;

    private HttpServer webhook;
    private volatile TrackAlertWebhookReceiver receiver;
    private final List<WebhookVerdict> verdicts = new CopyOnWriteArrayList<>();
    private final List<String> userAgents = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startWebhook() throws IOException {
        webhook = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        webhook.setExecutor(Executors.newSingleThreadExecutor());
        webhook.createContext("/ups/track-alert", exchange -> {
            String body;
            try (InputStream in = exchange.getRequestBody()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            Map<String, String> headers = new LinkedHashMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k, v.isEmpty() ? null : v.get(0)));
            userAgents.add(exchange.getRequestHeaders().getFirst("User-Agent"));
            WebhookVerdict verdict = receiver.receive(headers, body);
            verdicts.add(verdict);
            exchange.sendResponseHeaders(verdict.httpStatus(), -1);
            exchange.close();
        });
        webhook.start();
    }

    @AfterEach
    void stopWebhook() {
        webhook.stop(0);
    }

    private String webhookUrl() {
        return "http://127.0.0.1:" + webhook.getAddress().getPort() + "/ups/track-alert";
    }

    private static List<String> validNumbers(int n, long seed) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(TrackingNumbers.create(UpsSandboxExtension.CHI_ACCOUNT, "03", seed + i));
        }
        return out;
    }

    private String shipOne(UpsClients clients) {
        CreatedShipment c = clients.shipping().create(List.of(Releases.release("CHI", "UPS GROUND", Releases.NEW_YORK)));
        return c.trackingNumbers().get(0);
    }

    @Test
    void v2SubscribesTwoHundredFiftyNumbersInChunksOfAHundred() {
        UpsClients clients = ups.clients();
        List<String> numbers = validNumbers(250, 4_100_000L);
        int before = ups.sandbox().requests(Operation.TRACK_ALERT_SUBSCRIBE);

        SubscriptionResult result = new UpsTrackAlertClient(clients.http(), null, ups.clock()).subscribe(numbers);

        assertThat(ups.sandbox().requests(Operation.TRACK_ALERT_SUBSCRIBE) - before).isEqualTo(3);
        assertThat(result.accepted()).containsExactlyElementsOf(numbers);
        assertThat(result.rejected()).isEmpty();
        assertThat(result.expiresAt()).isEqualTo(ups.clock().instant().plus(Duration.ofDays(14)));
        assertThat(ups.sandbox().trackAlert().subscription(numbers.get(249)).orElseThrow().version()).isEqualTo("v2");
    }

    @Test
    void invalidNumbersAreRejectedAndValidOnesStillSubscribed() {
        UpsClients clients = ups.clients();
        List<String> good = validNumbers(2, 4_300_000L);
        String badCheckDigit = good.get(0).substring(0, 17) + (char) ('0' + (good.get(0).charAt(17) - '0' + 1) % 10);
        List<String> input = List.of(good.get(0), badCheckDigit, "NOT-A-NUMBER", good.get(1));

        SubscriptionResult result = clients.trackAlert(null).subscribe(input);

        assertThat(result.accepted()).containsExactlyElementsOf(good);
        assertThat(result.rejected()).containsOnlyKeys(badCheckDigit, "NOT-A-NUMBER");
    }

    @Test
    void aChunkWithNoValidNumberIsRejectedAsAWhole() {
        String bad = validNumbers(1, 4_400_000L).get(0).substring(0, 17) + "X";

        SubscriptionResult result = ups.clients().trackAlert(null).subscribe(List.of(bad));

        assertThat(result.accepted()).isEmpty();
        assertThat(result.rejected()).containsKey(bad);
        assertThat(result.rejected().get(bad)).contains("VSS210");
    }

    @Test
    void v1SubscriptionCarriesOurWebhookAndUpsDeliveriesAreAccepted() {
        receiver = new TrackAlertWebhookReceiver(TrackAlertVersion.V1,
                new WebhookSecret(V1_CREDENTIAL, V1_PREVIOUS, null, List.of()));
        UpsSettings settings = ups.settingsBuilder().trackAlertVersion(TrackAlertVersion.V1)
                .trackAlertWebhookUrl(webhookUrl()).build();
        UpsClients clients = ups.clients(settings);
        String tn = shipOne(clients);

        SubscriptionResult result = clients.trackAlert(V1_CREDENTIAL).subscribe(List.of(tn));
        assertThat(result.accepted()).containsExactly(tn);
        assertThat(ups.sandbox().trackAlert().subscription(tn).orElseThrow().version()).isEqualTo("v1");

        ups.clock().advance(Duration.ofHours(2));
        ups.sandbox().shipments().advance(tn, Status.PICKED_UP);
        ups.clock().advance(Duration.ofHours(20));
        ups.sandbox().shipments().advance(tn, Status.DELIVERED);

        assertThat(verdicts).hasSize(2).allMatch(WebhookVerdict::isAccepted);
        assertThat(userAgents).containsOnly("UPSPubSubTrackingService");
        assertThat(verdicts.get(0).update().status()).isEqualTo(TrackingStatus.PICKED_UP);
        assertThat(verdicts.get(1).update().status()).isEqualTo(TrackingStatus.DELIVERED);
        assertThat(verdicts.get(1).update().deliveredAt()).isEqualTo(ups.clock().instant());
        assertThat(verdicts.get(1).update().source()).isEqualTo(TrackingSource.TRACK_ALERT);
        assertThat(verdicts.get(1).update().trackingNumbers()).containsExactly(tn);
        assertThat(ups.sandbox().trackAlert().deliveries()).filteredOn(d -> d.trackingNumber().equals(tn))
                .allMatch(d -> d.httpStatus() == 200);
    }

    @Test
    void v1PreviousCredentialIsAcceptedDuringRotationAndAWrongOneRejected() {
        receiver = new TrackAlertWebhookReceiver(TrackAlertVersion.V1,
                new WebhookSecret(V1_CREDENTIAL, V1_PREVIOUS, null, List.of()));
        String tn = validNumbers(1, 4_500_000L).get(0);
        TrackAlert ta = ups.sandbox().trackAlert();

        assertThat(ta.deliverEvent(webhookUrl(), TrackAlert.v1Headers(V1_PREVIOUS), tn, Status.IN_TRANSIT)).isEqualTo(200);
        assertThat(ta.deliverEvent(webhookUrl(), TrackAlert.v1Headers("guessed-secret"), tn, Status.IN_TRANSIT))
                .isEqualTo(401);
        assertThat(ta.deliverEvent(webhookUrl(), Map.of(), tn, Status.IN_TRANSIT)).isEqualTo(401);

        assertThat(verdicts.get(0).update().status()).isEqualTo(TrackingStatus.IN_TRANSIT);
        assertThat(verdicts.get(1).rejectReason()).isEqualTo(Reason.WEBHOOK_UNAUTHENTICATED);
        assertThat(verdicts.get(1).detail()).doesNotContain("guessed-secret");
    }

    @Test
    void v2PortalWebhookDeliversWithBearerAndApiKey() {
        receiver = new TrackAlertWebhookReceiver(TrackAlertVersion.V2,
                new WebhookSecret(null, null, V2_API_KEY, List.of(V2_BEARER)));
        ups.sandbox().trackAlert().webhookV2(webhookUrl(), V2_BEARER, V2_API_KEY);
        UpsClients clients = ups.clients();
        String tn = shipOne(clients);
        assertThat(clients.trackAlert(null).subscribe(List.of(tn)).accepted()).containsExactly(tn);

        ups.clock().advance(Duration.ofHours(1));
        ups.sandbox().shipments().advance(tn, Status.PICKED_UP);
        ups.sandbox().shipments().advance(tn, Status.OUT_FOR_DELIVERY);
        ups.sandbox().shipments().advance(tn, Status.EXCEPTION);
        ups.sandbox().shipments().advance(tn, Status.RETURNED);

        assertThat(verdicts).allMatch(WebhookVerdict::isAccepted).extracting(v -> v.update().status())
                .containsExactly(TrackingStatus.PICKED_UP, TrackingStatus.OUT_FOR_DELIVERY, TrackingStatus.EXCEPTION,
                        TrackingStatus.RETURNED);
    }

    private static String activityType(String eventBody) {
        try {
            return Json.mapper().readTree(eventBody).at("/activityStatus/type").asText();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void theDeliveryDaysTypeDScansBecomeDeliveredOnlyAtTheDelivery() {
        receiver = new TrackAlertWebhookReceiver(TrackAlertVersion.V2,
                new WebhookSecret(null, null, V2_API_KEY, List.of(V2_BEARER)));
        ups.sandbox().trackAlert().webhookV2(webhookUrl(), V2_BEARER, V2_API_KEY);
        UpsClients clients = ups.clients();
        String tn = shipOne(clients);
        assertThat(clients.trackAlert(null).subscribe(List.of(tn)).accepted()).containsExactly(tn);

        ups.sandbox().shipments().advance(tn, Status.IN_TRANSIT);
        ups.sandbox().shipments().advance(tn, Status.LOADED_ON_DELIVERY_VEHICLE);
        ups.sandbox().shipments().advance(tn, Status.OUT_FOR_DELIVERY);
        ups.clock().advance(Duration.ofHours(3));
        ups.sandbox().shipments().advance(tn, Status.DELIVERED);

        assertThat(ups.sandbox().trackAlert().deliveries()).filteredOn(d -> d.trackingNumber().equals(tn))
                .extracting(d -> activityType(d.body()))
                .containsExactly("I", "D", "D", "D");
        assertThat(verdicts).allMatch(WebhookVerdict::isAccepted).extracting(v -> v.update().status())
                .containsExactly(TrackingStatus.IN_TRANSIT, TrackingStatus.OUT_FOR_DELIVERY,
                        TrackingStatus.OUT_FOR_DELIVERY, TrackingStatus.DELIVERED);
        assertThat(verdicts.subList(0, 3)).allMatch(v -> v.update().deliveredAt() == null);
        assertThat(verdicts.get(3).update().deliveredAt()).isEqualTo(ups.clock().instant());
    }

    @Test
    void v2DeliveryWithWrongApiKeyOrBearerIsRejected() {
        receiver = new TrackAlertWebhookReceiver(TrackAlertVersion.V2,
                new WebhookSecret(null, null, V2_API_KEY, List.of(V2_BEARER)));
        String tn = validNumbers(1, 4_600_000L).get(0);
        TrackAlert ta = ups.sandbox().trackAlert();

        assertThat(ta.deliverEvent(webhookUrl(), TrackAlert.v2Headers(V2_BEARER, V2_API_KEY), tn, Status.DELIVERED))
                .isEqualTo(200);
        assertThat(ta.deliverEvent(webhookUrl(), TrackAlert.v2Headers(V2_BEARER, "someone-else"), tn, Status.DELIVERED))
                .isEqualTo(401);
        assertThat(ta.deliverEvent(webhookUrl(), TrackAlert.v2Headers("forged", V2_API_KEY), tn, Status.DELIVERED))
                .isEqualTo(401);
        assertThat(ta.deliverEvent(webhookUrl(), TrackAlert.v1Headers(V2_BEARER), tn, Status.DELIVERED)).isEqualTo(401);

        assertThat(verdicts.get(0).update().status()).isEqualTo(TrackingStatus.DELIVERED);
        assertThat(verdicts.subList(1, 4)).allMatch(v -> Reason.WEBHOOK_UNAUTHENTICATED.equals(v.rejectReason()));
    }
}

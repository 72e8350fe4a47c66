package com.epicorups.aws;

import com.epicorups.testing.MutableClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.epicorups.core.ConnectorException;
import com.epicorups.core.FailureKind;
import com.epicorups.testing.aws.AwsEmulator;
import com.epicorups.testing.aws.AwsEmulatorExtension;
import com.epicorups.testing.aws.ProvisionedResources;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

@ExtendWith(AwsEmulatorExtension.class)
class SecretsProviderTest {
    private final AwsEmulator aws;
    private final ProvisionedResources resources;
    private final CallCounter calls = new CallCounter();
    private final DeadEndpointSwitch secretsManager = new DeadEndpointSwitch();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-27T10:00:00Z"));
    private SecretsManagerClient client;
    private SecretsProvider secrets;

    record UpsSecret(String baseUrl, String clientId, String clientSecret) {
    }

    SecretsProviderTest(AwsEmulator aws, ProvisionedResources resources) {
        this.aws = aws;
        this.resources = resources;
    }

    @BeforeEach
    void setUp() {
        client = aws.secretsManagerBuilder()
                .overrideConfiguration(c -> c.addExecutionInterceptor(calls).addExecutionInterceptor(secretsManager))
                .build();
        secrets = new SecretsProvider(client, Duration.ofMinutes(5), clock);
        put(resources.upsSecretId(), "{\"baseUrl\":\"https://wwwcie.ups.com\",\"clientId\":\"id-1\","
                + "\"clientSecret\":\"s3cr3t-1\",\"extra\":true}");
    }

    @AfterEach
    void tearDown() {
        client.close();
    }

    @Test
    void aSecondReadWithinTheTtlMakesNoCall() {
        UpsSecret first = secrets.get(resources.upsSecretId(), UpsSecret.class);
        assertThat(first).isEqualTo(new UpsSecret("https://wwwcie.ups.com", "id-1", "s3cr3t-1"));
        assertThat(calls.count("GetSecretValue")).isEqualTo(1);

        clock.advance(Duration.ofMinutes(4).plusSeconds(59));
        assertThat(secrets.json(resources.upsSecretId()).get("clientId").asText()).isEqualTo("id-1");
        assertThat(calls.count("GetSecretValue")).isEqualTo(1);

        put(resources.upsSecretId(), "{\"clientId\":\"id-2\",\"clientSecret\":\"s3cr3t-2\"}");
        clock.advance(Duration.ofSeconds(1));
        assertThat(secrets.json(resources.upsSecretId()).get("clientId").asText()).as("TTL over").isEqualTo("id-2");
        assertThat(calls.count("GetSecretValue")).isEqualTo(2);
    }

    @Test
    void invalidateForcesARereadAfterARotation() {
        assertThat(secrets.json(resources.upsSecretId()).get("clientSecret").asText()).isEqualTo("s3cr3t-1");
        put(resources.upsSecretId(), "{\"clientId\":\"id-1\",\"clientSecret\":\"rotated\"}");
        assertThat(secrets.json(resources.upsSecretId()).get("clientSecret").asText()).as("cached").isEqualTo("s3cr3t-1");

        secrets.invalidate(resources.upsSecretId());
        assertThat(secrets.json(resources.upsSecretId()).get("clientSecret").asText()).isEqualTo("rotated");
        assertThat(calls.count("GetSecretValue")).isEqualTo(2);
    }

    @Test
    void aMissingSecretIsPermanentAndAMalformedOneNeverShowsItsText() {
        assertThatThrownBy(() -> secrets.json("no-such-secret-" + resources.runId()))
                .isInstanceOfSatisfying(ConnectorException.class, e -> {
                    assertThat(e.reasonCode()).isEqualTo("SECRET_NOT_FOUND");
                    assertThat(e.kind()).isEqualTo(FailureKind.PERMANENT);
                });
        put(resources.webhookSecretId(), "{\"credential\": topsecretvalue");
        assertThatThrownBy(() -> secrets.json(resources.webhookSecretId()))
                .isInstanceOfSatisfying(ConnectorException.class, e -> {
                    assertThat(e.reasonCode()).isEqualTo("SECRET_MALFORMED");
                    assertThat(e.getMessage()).doesNotContain("topsecretvalue");
                });
    }

    private void put(String secretId, String json) {
        aws.secretsManager().putSecretValue(r -> r.secretId(secretId).secretString(json));
    }

    @Test
    void whileSecretsManagerIsUnreachableTheLastValueIsUsedForAnHourPastItsTtlThenTheFailureShows() {
        assertThat(secrets.json(resources.upsSecretId()).get("clientId").asText()).isEqualTo("id-1");
        secretsManager.down();
        clock.advance(Duration.ofMinutes(6));
        assertThat(secrets.json(resources.upsSecretId()).get("clientId").asText()).as("stale, not a 500")
                .isEqualTo("id-1");
        int tried = calls.count("GetSecretValue");
        clock.advance(Duration.ofSeconds(10));
        assertThat(secrets.json(resources.upsSecretId()).get("clientId").asText()).isEqualTo("id-1");
        assertThat(calls.count("GetSecretValue")).as("not asked again within 30 s").isEqualTo(tried);

        clock.advance(Duration.ofMinutes(60));
        assertThatThrownBy(() -> secrets.json(resources.upsSecretId()))
                .isInstanceOfSatisfying(ConnectorException.class, e -> assertThat(e.reason().code())
                        .isEqualTo("SECRET_UNAVAILABLE"));

        secretsManager.up();
        put(resources.upsSecretId(), "{\"clientId\":\"id-3\",\"clientSecret\":\"s3cr3t-3\"}");
        assertThat(secrets.json(resources.upsSecretId()).get("clientId").asText()).isEqualTo("id-3");
    }

    @Test
    void withoutAValueReadBeforeAnUnreachableSecretsManagerIsAFailure() {
        secretsManager.down();
        assertThatThrownBy(() -> secrets.json(resources.upsSecretId()))
                .isInstanceOfSatisfying(ConnectorException.class, e -> assertThat(e.reason().code())
                        .isEqualTo("SECRET_UNAVAILABLE"));
    }
}

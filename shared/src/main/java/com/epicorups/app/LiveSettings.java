package com.epicorups.app;

import com.epicorups.aws.SecretsProvider;
import com.epicorups.config.AwsResources;
import com.epicorups.config.DeploySettings;
import com.epicorups.logging.JsonLogger;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * The environment the functions run with: the process environment with the DeploySettings secret's variables in
 * place of its own (docs/decisions/0031-settings-reach-the-live-functions.md). The secret is read at most once per
 * {@link #TTL}; a read older than that (a SnapStart snapshot restored later, a warm container after a deploy) is
 * repeated before the next invocation uses it. Without DEPLOY_SETTINGS_ID (local run, tests) it is the environment.
 */
public final class LiveSettings {
    private static final JsonLogger LOG = JsonLogger.getLogger(LiveSettings.class);
    /** How long a read of the deploy settings is used before the secret is read again. */
    public static final Duration TTL = Duration.ofSeconds(60);

    private final Map<String, String> environment;
    private final Optional<String> secretId;
    private final Function<String, com.fasterxml.jackson.databind.JsonNode> secret;
    private Map<String, String> overlay;

    LiveSettings(Map<String, String> environment, Function<String, com.fasterxml.jackson.databind.JsonNode> secret) {
        this.environment = Map.copyOf(environment);
        this.secretId = Optional.ofNullable(environment.get(DeploySettings.SECRET_VARIABLE)).filter(v -> !v.isBlank());
        this.secret = secret;
    }

    /** Reads the secret through its own client (the AWS parts are built from what it says). */
    public static LiveSettings fromEnvironment(Map<String, String> environment, Clock clock) {
        if (environment.get(DeploySettings.SECRET_VARIABLE) == null) {
            return new LiveSettings(environment, id -> {
                throw new IllegalStateException("no deploy settings secret");
            });
        }
        AwsResources resources = AwsResources.from(environment);
        SecretsManagerClient client = client(resources.endpointOverride(), resources.region());
        SecretsProvider provider = new SecretsProvider(client, TTL, clock);
        return new LiveSettings(environment, provider::json);
    }

    private static SecretsManagerClient client(Optional<URI> endpoint, Optional<String> region) {
        var builder = SecretsManagerClient.builder().httpClient(UrlConnectionHttpClient.create());
        region.map(Region::of).ifPresent(builder::region);
        endpoint.ifPresent(builder::endpointOverride);
        AwsParts.processEnvironmentKeys().ifPresent(builder::credentialsProvider);
        return builder.build();
    }

    /** The variables to build the connector from now; a change from the last call is logged (settings_changed). */
    public synchronized Map<String, String> environment() {
        if (secretId.isEmpty()) {
            return environment;
        }
        Map<String, String> current = DeploySettings.overlay(secret.apply(secretId.get()));
        if (overlay != null && !overlay.equals(current)) {
            LOG.info("settings_changed", "secretId", secretId.get(), "changed", changedKeys(overlay, current));
        }
        overlay = current;
        return DeploySettings.over(environment, current);
    }

    private static java.util.List<String> changedKeys(Map<String, String> before, Map<String, String> after) {
        java.util.TreeSet<String> keys = new java.util.TreeSet<>(before.keySet());
        keys.addAll(after.keySet());
        keys.removeIf(key -> java.util.Objects.equals(before.get(key), after.get(key)));
        return java.util.List.copyOf(keys);
    }
}

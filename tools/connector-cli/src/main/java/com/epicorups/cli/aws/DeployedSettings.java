package com.epicorups.cli.aws;

import com.epicorups.config.AwsResources;
import com.epicorups.config.DeploySettings;
import com.epicorups.core.Json;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.Map;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * The settings the deployed functions run with (the DeploySettings secret, docs/decisions/0031), for the operator
 * commands: {@code connector ping --stack prod} checks the ShipVia map the live functions use, not the operator's
 * shell variables.
 */
public final class DeployedSettings {
    private DeployedSettings() {
    }

    /** The environment with the deploy settings secret's variables in place, when it names the secret. */
    public static Map<String, String> over(Map<String, String> env) {
        String secretId = env.get(DeploySettings.SECRET_VARIABLE);
        if (secretId == null || secretId.isBlank()) {
            return env;
        }
        AwsResources resources = AwsResources.from(env);
        var builder = SecretsManagerClient.builder().httpClientBuilder(UrlConnectionHttpClient.builder());
        resources.region().map(Region::of).ifPresent(builder::region);
        resources.endpointOverride().ifPresent(builder::endpointOverride);
        AwsConnection.credentials(env).ifPresent(builder::credentialsProvider);
        try (SecretsManagerClient secrets = builder.build()) {
            String document = secrets.getSecretValue(r -> r.secretId(secretId)).secretString();
            return DeploySettings.over(env, DeploySettings.overlay(Json.mapper().readTree(document)));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the deploy settings secret " + secretId + " is not JSON: "
                    + e.getOriginalMessage(), e);
        }
    }
}

package com.epicorups.ups.trackalert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.epicorups.core.Json;
import org.junit.jupiter.api.Test;

class WebhookSecretTest {
    @Test
    void theSecretTheStackCreatesIsRead() throws Exception {
        WebhookSecret secret = WebhookSecret.parse(Json.mapper().readTree(
                "{\"apiKey\":\"\",\"bearerTokens\":[\"\", \"b1\"],\"credential\":\"generated-credential\"}"));

        assertThat(secret.apiKey()).as("blank means not set").isNull();
        assertThat(secret.bearerTokens()).containsExactly("b1");
        assertThat(secret.credential()).isEqualTo("generated-credential");
        assertThat(secret.jwt()).isNull();
        assertThat(secret.toString()).doesNotContain("generated-credential").doesNotContain("b1");
    }

    @Test
    void anUnknownKeyIsNamedWithTheKeyItWasMeantToBeAndNoValue() {
        assertThatThrownBy(() -> WebhookSecret.parse(Json.mapper().readTree(
                "{\"credential\":\"c\",\"bearerToken\":[\"never-printed\"],\"jwtLeewaySeconds\":\"a minute\"}")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("WebhookSecret has an unknown key \"bearerToken\": did you mean \"bearerTokens\"?; "
                        + "WebhookSecret 'jwtLeewaySeconds' must be a whole number, was \"a minute\"");
    }
}

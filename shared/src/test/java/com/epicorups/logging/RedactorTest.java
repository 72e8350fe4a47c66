package com.epicorups.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class RedactorTest {
    private final Redactor redactor = new Redactor();

    @Test
    void masksEveryOccurrence() {
        redactor.register("hunter2");

        assertThat(redactor.redact("pw=hunter2, again hunter2")).isEqualTo("pw=***, again ***");
    }

    @Test
    void masksTheLongerSecretWhole() {
        redactor.register("abc");
        redactor.register("abcdef-123");

        assertThat(redactor.redact("x abcdef-123 y abc")).isEqualTo("x *** y ***");
    }

    @Test
    void masksJsonEscapedAndUrlEncodedForms() {
        redactor.register("p\"a ss/+");

        assertThat(redactor.redact("{\"password\":\"p\\\"a ss/+\"}")).isEqualTo("{\"password\":\"***\"}");
        assertThat(redactor.redact("password=p%22a+ss%2F%2B")).isEqualTo("password=***");
        assertThat(redactor.redact("password=p%22a%20ss%2F%2B")).isEqualTo("password=***");
    }

    @Test
    void masksBasicAuthCredentials() {
        redactor.registerBasicCredentials("manager", "Epicor123!");
        String header = "Basic " + Base64.getEncoder().encodeToString("manager:Epicor123!".getBytes(StandardCharsets.UTF_8));

        assertThat(redactor.redact("Authorization: " + header)).isEqualTo("Authorization: Basic ***");
        assertThat(redactor.redact("user manager")).isEqualTo("user manager");
    }

    @Test
    void ignoresNullAndBlankSecretsAndLeavesOtherTextAlone() {
        redactor.register(null);
        redactor.register("  ");

        assertThat(redactor.redact("nothing to hide")).isEqualTo("nothing to hide");
        assertThat(redactor.redact(null)).isNull();
    }

    @Test
    void clearForgetsSecrets() {
        redactor.register("token-value");
        redactor.clear();

        assertThat(redactor.redact("token-value")).isEqualTo("token-value");
    }
}

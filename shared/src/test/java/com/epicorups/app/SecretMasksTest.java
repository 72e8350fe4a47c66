package com.epicorups.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.epicorups.core.Json;
import com.epicorups.logging.Redactor;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** The credentials of the three secrets are masked once a client is built from them; names and URLs are not. */
class SecretMasksTest {
    private final Redactor redactor = new Redactor();

    @Test
    void epicorSecretsCredentialsAndTheirBasicHeaderAreMaskedItsNamesAreNot() throws Exception {
        SecretMasks.register(Json.mapper().readTree("""
                {"baseUrl":"https://erp.example.com/EpicorLive","company":"EPIC06","apiKey":"ak-123","authMode":"BASIC",
                 "username":"svc-ups","password":"pw-456","plant":"MfgSys"}"""), redactor);
        String basic = Base64.getEncoder().encodeToString("svc-ups:pw-456".getBytes(StandardCharsets.UTF_8));

        assertThat(redactor.redact("x-api-key ak-123, Basic " + basic + ", password pw-456"))
                .isEqualTo("x-api-key ***, Basic ***, password ***");
        assertThat(redactor.redact("EPIC06 svc-ups MfgSys https://erp.example.com/EpicorLive"))
                .isEqualTo("EPIC06 svc-ups MfgSys https://erp.example.com/EpicorLive");
    }

    @Test
    void upsAndWebhookSecretsCredentialsAreMasked() throws Exception {
        SecretMasks.register(Json.mapper().readTree("""
                {"baseUrl":"https://wwwcie.ups.com","clientId":"cid","clientSecret":"cs-789","merchantId":"A1B2C3"}"""),
                redactor);
        SecretMasks.register(Json.mapper().readTree("""
                {"credential":"cred-1","previousCredential":"cred-0","apiKey":"","bearerTokens":["bt-1"," ","bt-2"]}"""),
                redactor);
        String basic = Base64.getEncoder().encodeToString("cid:cs-789".getBytes(StandardCharsets.UTF_8));

        assertThat(redactor.redact("cs-789 " + basic + " cred-1 cred-0 bt-1 bt-2 A1B2C3 cid"))
                .isEqualTo("*** *** *** *** *** *** A1B2C3 cid");
    }
}

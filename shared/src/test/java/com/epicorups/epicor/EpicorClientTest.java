package com.epicorups.epicor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.epicorups.core.FailureKind;
import com.epicorups.epicor.error.EpicorAuthException;
import com.epicorups.epicor.error.EpicorBusinessRuleException;
import com.epicorups.epicor.error.EpicorException;
import com.epicorups.epicor.error.EpicorLicenceException;
import com.epicorups.epicor.error.EpicorNotFoundException;
import com.epicorups.epicor.error.EpicorTransientException;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.Test;

class EpicorClientTest extends EpicorTestSupport {
    private static final OData.Query ONE = new OData.Query().select(List.of("OrderNum")).top(1);

    @Test
    void basicModeSendsApiKeyBasicAuthAndAcceptOnEveryCall() {
        fake.order(5001, 100);
        EpicorClient c = client(settings());
        c.startCycle();
        List<JsonNode> rows = c.getRows(EpicorFields.SALES_ORDERS, ONE);
        assertThat(rows).singleElement().satisfies(r -> assertThat(r.path("OrderNum").asInt()).isEqualTo(5001));
        RecordedRequest r = fake.requests.get(0);
        assertThat(fake.requests).hasSize(1); // Basic needs no token call
        assertThat(r.getHeader("x-api-key")).isEqualTo(FakeEpicor.API_KEY);
        assertThat(r.getHeader("Authorization")).isEqualTo("Basic " + Base64.getEncoder()
                .encodeToString("integration:s3cret".getBytes(StandardCharsets.UTF_8)));
        assertThat(r.getHeader("Accept")).isEqualTo("application/json");
        assertThat(r.getHeader("CallSettings")).isNull();
        assertThat(r.getPath()).startsWith("/EpicorLive/api/v2/odata/EPIC06/Erp.BO.SalesOrderSvc/SalesOrders?");
        assertThat(c.callCount()).isEqualTo(1);
    }

    @Test
    void callSettingsCarriesCompanyAndPlantWhenAPlantIsConfigured() {
        fake.order(5001, 100);
        EpicorClient c = client(secret(b -> b.plant("MfgSys")), settings());
        c.getRows(EpicorFields.SALES_ORDERS, ONE);
        assertThat(fake.requests.get(0).getHeader("CallSettings")).isEqualTo("{\"Company\":\"EPIC06\",\"Plant\":\"MfgSys\"}");
    }

    @Test
    void tokenModeGetsATokenFromTokenResourceWithHeaderCredentialsAndUsesItAsBearer() {
        fake.order(5001, 100);
        EpicorClient c = client(secret(b -> b.authMode(EpicorSecret.AuthMode.TOKEN)), settings());
        c.startCycle();
        c.getRows(EpicorFields.SALES_ORDERS, ONE);
        c.startCycle(); // a new cycle always gets a fresh token
        c.getRows(EpicorFields.SALES_ORDERS, ONE);

        RecordedRequest token = fake.requests.get(0);
        assertThat(token.getMethod()).isEqualTo("POST");
        assertThat(token.getPath()).isEqualTo("/EpicorLive/TokenResource.svc/");
        assertThat(token.getHeader("username")).isEqualTo(FakeEpicor.USER);
        assertThat(token.getHeader("password")).isEqualTo(FakeEpicor.PASSWORD);
        assertThat(token.getHeader("Accept")).isEqualTo("application/json");
        assertThat(token.getHeader("Authorization")).isNull();
        assertThat(fake.requests.get(1).getHeader("Authorization")).isEqualTo("Bearer tok-1");
        assertThat(fake.requests.get(3).getHeader("Authorization")).isEqualTo("Bearer tok-2");
        assertThat(c.callCount()).isEqualTo(4);
    }

    @Test
    void callsMadeAtTheSameTimeWithoutATokenWaitForOneTokenRequest() {
        fake.order(5001, 100);
        EpicorClient c = client(secret(b -> b.authMode(EpicorSecret.AuthMode.TOKEN)), settings());
        // A slow token reply: both calls find no token while the first request is out.
        fake.onRequest = req -> {
            if (req.getPath().endsWith("/TokenResource.svc/")) {
                try {
                    Thread.sleep(300);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };

        com.epicorups.core.Concurrently.both(() -> c.getRows(EpicorFields.SALES_ORDERS, ONE),
                () -> c.getRows(EpicorFields.SALES_ORDERS, ONE));

        assertThat(fake.requests).extracting(RecordedRequest::getPath)
                .filteredOn(p -> p.endsWith("/TokenResource.svc/")).hasSize(1);
        assertThat(fake.requests).extracting(r -> r.getHeader("Authorization")).filteredOn(a -> a != null)
                .containsExactly("Bearer tok-1", "Bearer tok-1");
    }

    @Test
    void anExpiredTokenIsRenewedOnceAndTheCallRetriedOnce() {
        fake.order(5001, 100);
        EpicorClient c = client(secret(b -> b.authMode(EpicorSecret.AuthMode.TOKEN)), settings());
        c.startCycle();
        fake.validTokens.clear(); // Epicor expired it
        List<JsonNode> rows = c.getRows(EpicorFields.SALES_ORDERS, ONE);
        assertThat(rows).hasSize(1);
        assertThat(fake.requests).extracting(RecordedRequest::getPath).containsExactly(
                "/EpicorLive/TokenResource.svc/",
                fake.requests.get(1).getPath(),
                "/EpicorLive/TokenResource.svc/",
                fake.requests.get(3).getPath());
        assertThat(fake.requests.get(1).getHeader("Authorization")).isEqualTo("Bearer tok-1");
        assertThat(fake.requests.get(3).getHeader("Authorization")).isEqualTo("Bearer tok-2");
        assertThat(c.callCount()).isEqualTo(4);
    }

    @Test
    void aSecond401AfterRenewalIsAnAuthFailureNotALoop() {
        fake.interceptors.add(r -> r.getPath().contains("/api/v2/")
                ? FakeEpicor.error(401, "Unauthorized", "User account is locked", "Ice.Common.AuthenticationException") : null);
        EpicorClient c = client(secret(b -> b.authMode(EpicorSecret.AuthMode.TOKEN)), settings());
        c.startCycle();
        assertThatThrownBy(() -> c.getRows(EpicorFields.SALES_ORDERS, ONE))
                .isInstanceOfSatisfying(EpicorAuthException.class, e -> {
                    assertThat(e.kind()).isEqualTo(FailureKind.PERMANENT);
                    assertThat(e.reasonCode()).isEqualTo("EPICOR_AUTH");
                    assertThat(e.httpStatus()).isEqualTo(401);
                    assertThat(e.getMessage()).contains("User account is locked");
                });
        assertThat(c.callCount()).isEqualTo(4); // token, 401, token, 401
    }

    @Test
    void basicModeDoesNotRetryA401() {
        EpicorClient c = client(secret(b -> b.password("wrong")), settings());
        assertThatThrownBy(() -> c.getRows(EpicorFields.SALES_ORDERS, ONE)).isInstanceOf(EpicorAuthException.class)
                .hasMessageContaining("invalid user name or password");
        assertThat(c.callCount()).isEqualTo(1);
    }

    @Test
    void oauth2WithBasicClientAuthenticationPostsAFormAndReusesTheTokenUntilItExpires() throws Exception {
        fake.order(5001, 100);
        EpicorClient c = client(secret(b -> b.authMode(EpicorSecret.AuthMode.OAUTH2).clientId("conn id")
                .clientSecret("p@ss").scope("epicor_erp").tokenUrl(server.url("/oauth/token").toString())), settings());
        c.startCycle();
        c.getRows(EpicorFields.SALES_ORDERS, ONE);
        c.startCycle();
        c.getRows(EpicorFields.SALES_ORDERS, ONE);
        RecordedRequest token = fake.requests.get(0);
        assertThat(token.getMethod()).isEqualTo("POST");
        assertThat(token.getHeader("Content-Type")).isEqualTo("application/x-www-form-urlencoded");
        assertThat(token.getHeader("Authorization")).isEqualTo("Basic " + Base64.getEncoder()
                .encodeToString("conn+id:p%40ss".getBytes(StandardCharsets.UTF_8)));
        assertThat(token.getHeader("x-api-key")).isNull();
        assertThat(token.getBody().readUtf8()).isEqualTo("grant_type=client_credentials&scope=epicor_erp");
        assertThat(fake.requests.get(1).getHeader("Authorization")).isEqualTo("Bearer oauth-1");
        assertThat(fake.tokensIssued.get()).isEqualTo(1);
        assertThat(c.callCount()).isEqualTo(3);
    }

    @Test
    void oauth2WithBodyClientCredentials() {
        fake.order(5001, 100);
        EpicorClient c = client(secret(b -> b.authMode(EpicorSecret.AuthMode.OAUTH2).clientId("cid")
                .clientSecret("sec").tokenUrl(server.url("/oauth/token").toString())),
                settings(b -> b.oauthClientAuth(EpicorSettings.OAuthClientAuth.BODY)));
        c.getRows(EpicorFields.SALES_ORDERS, ONE);
        RecordedRequest token = fake.requests.get(0);
        assertThat(token.getHeader("Authorization")).isNull();
        assertThat(token.getBody().readUtf8()).isEqualTo("grant_type=client_credentials&client_id=cid&client_secret=sec");
        fake.validTokens.clear();
        c.getRows(EpicorFields.SALES_ORDERS, ONE); // 401 -> new token -> retry
        assertThat(fake.tokensIssued.get()).isEqualTo(2);
    }

    @Test
    void transientFailuresAreRetriedWithBackoffUpToMaxAttempts() {
        fake.order(5001, 100);
        AtomicInteger failures = new AtomicInteger(2);
        fake.interceptors.add(r -> failures.getAndDecrement() > 0
                ? FakeEpicor.error(503, "Service Unavailable", "Server is being upgraded", "Ice.Common.ServerException") : null);
        EpicorClient c = client(settings(b -> b.maxAttempts(3)));
        assertThat(c.getRows(EpicorFields.SALES_ORDERS, ONE)).hasSize(1);
        assertThat(c.callCount()).isEqualTo(3);
        assertThat(sleeps).hasSize(2);

        failures.set(5);
        assertThatThrownBy(() -> c.getRows(EpicorFields.SALES_ORDERS, ONE))
                .isInstanceOfSatisfying(EpicorTransientException.class, e -> {
                    assertThat(e.reasonCode()).isEqualTo("EPICOR_UNAVAILABLE");
                    assertThat(e.isTransient()).isTrue();
                    assertThat(e.httpStatus()).isEqualTo(503);
                    assertThat(e.getMessage()).contains("Server is being upgraded");
                });
        assertThat(c.callCount()).isEqualTo(6);
    }

    @Test
    void licenceExhaustionIsTransientAndRetried() {
        AtomicInteger failures = new AtomicInteger(1);
        fake.order(5001, 100);
        fake.interceptors.add(r -> failures.getAndDecrement() > 0 ? FakeEpicor.error(400, "Bad Request",
                "Maximum users exceeded. License type: Default", "Ice.Common.LicenseAccessException") : null);
        EpicorClient c = client(settings());
        assertThat(c.getRows(EpicorFields.SALES_ORDERS, ONE)).hasSize(1);
        assertThat(c.callCount()).isEqualTo(2);

        fake.interceptors.clear();
        fake.interceptors.add(r -> FakeEpicor.error(400, "Bad Request", "Ice.Common.LicenseAccessException: no seats",
                "Ice.Common.LicenseAccessException"));
        assertThatThrownBy(() -> c.getRows(EpicorFields.SALES_ORDERS, ONE))
                .isInstanceOfSatisfying(EpicorLicenceException.class, e -> {
                    assertThat(e.reasonCode()).isEqualTo("EPICOR_LICENCE");
                    assertThat(e.kind()).isEqualTo(FailureKind.TRANSIENT);
                });
    }

    @Test
    void businessRuleRejectionsArePermanentAndNotRetried() {
        fake.interceptors.add(r -> FakeEpicor.error(400, "Bad Request", "Release is closed and cannot be changed.",
                "Ice.Common.BusinessObjectException"));
        EpicorClient c = client(settings());
        assertThatThrownBy(() -> c.getRows(EpicorFields.SALES_ORDERS, ONE))
                .isInstanceOfSatisfying(EpicorBusinessRuleException.class, e -> {
                    assertThat(e.reasonCode()).isEqualTo("EPICOR_BUSINESS_RULE");
                    assertThat(e.kind()).isEqualTo(FailureKind.PERMANENT);
                    assertThat(e.errorType()).isEqualTo("Ice.Common.BusinessObjectException");
                    assertThat(e.getMessage()).contains("Release is closed and cannot be changed.");
                });
        assertThat(c.callCount()).isEqualTo(1);
    }

    @Test
    void notFoundAndForbiddenAreTyped() {
        EpicorClient c = client(settings());
        assertThatThrownBy(() -> c.get(OData.keyed(EpicorFields.ORDER_RELS, "EPIC06", 1, 1, 1), null))
                .isInstanceOfSatisfying(EpicorNotFoundException.class, e -> assertThat(e.httpStatus()).isEqualTo(404));
        fake.interceptors.add(r -> FakeEpicor.error(403, "Forbidden", "Access to Erp.BO.PartSvc is not in the API key scope", null));
        assertThatThrownBy(() -> c.getRows(EpicorFields.PARTS, ONE))
                .isInstanceOfSatisfying(EpicorAuthException.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(403);
                    assertThat(e.reasonCode()).isEqualTo("EPICOR_AUTH");
                    assertThat(e.getMessage()).contains("API key scope");
                });
    }

    @Test
    void aReadTimeoutIsTransient() {
        fake.interceptors.add(r -> new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));
        EpicorClient c = client(settings(b -> b.readTimeout(Duration.ofSeconds(1)).maxAttempts(2)));
        assertThatThrownBy(() -> c.getRows(EpicorFields.SALES_ORDERS, ONE))
                .isInstanceOfSatisfying(EpicorTransientException.class, e -> {
                    assertThat(e.httpStatus()).isZero();
                    assertThat(e.getMessage()).contains("did not answer within");
                });
        assertThat(c.callCount()).isEqualTo(2);
    }

    @Test
    void aRefusedConnectionIsTransient() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        int closedPort = port;
        EpicorClient c = client(secret(b -> b.baseUrl("http://127.0.0.1:" + closedPort + "/EpicorLive")), settings(b -> b.maxAttempts(1)));
        assertThatThrownBy(() -> c.getRows(EpicorFields.SALES_ORDERS, ONE)).isInstanceOf(EpicorTransientException.class)
                .hasMessageContaining("cannot connect");
    }

    @Test
    void stringLiteralsAreEscapedAndKeysQuoted() {
        assertThat(OData.literal("O'Brien")).isEqualTo("'O''Brien'");
        assertThat(OData.keyed("Erp.BO.SalesOrderSvc/OrderRels", "EPIC06", 5001, 1, 1))
                .isEqualTo("Erp.BO.SalesOrderSvc/OrderRels('EPIC06',5001,1,1)");
        assertThat(OData.keyed("Erp.BO.PartSvc/Parts", "EPIC06", "A/B C'D"))
                .isEqualTo("Erp.BO.PartSvc/Parts('EPIC06','A%2FB%20C''D')");
        fake.part("O'Brien Widget", "1", "LB");
        EpicorClient c = client(settings());
        List<JsonNode> rows = c.getRows(EpicorFields.PARTS, new OData.Query()
                .filter("PartNum eq " + OData.literal("O'Brien Widget")).top(1));
        assertThat(rows).singleElement().satisfies(r -> assertThat(r.path("PartNum").asText()).isEqualTo("O'Brien Widget"));
        assertThat(fake.requests.get(0).getRequestUrl().queryParameter("$filter")).isEqualTo("PartNum eq 'O''Brien Widget'");
    }

    @Test
    void errorsWithoutAnEpicorBodyKeepAnExcerpt() {
        fake.interceptors.add(r -> new MockResponse().setResponseCode(502).setBody("<html><body>Bad Gateway</body></html>"));
        EpicorClient c = client(settings(b -> b.maxAttempts(1)));
        assertThatThrownBy(() -> c.getRows(EpicorFields.SALES_ORDERS, ONE)).isInstanceOf(EpicorException.class)
                .hasMessageContaining("HTTP 502").hasMessageContaining("Bad Gateway");
    }
}

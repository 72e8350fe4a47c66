package com.epicorups.epicor;

import static org.assertj.core.api.Assertions.assertThat;

import com.epicorups.epicor.PingResult.Problem;
import java.net.ServerSocket;
import okhttp3.mockwebserver.MockResponse;
import org.junit.jupiter.api.Test;

class EpicorPingTest extends EpicorTestSupport {
    private PingResult ping(EpicorSecret secret) {
        return new EpicorPing(client(secret, settings())).ping();
    }

    @Test
    void okWhenEverythingWorks() {
        fake.order(5001, 100);
        PingResult r = ping(secret());
        assertThat(r.ok()).isTrue();
        assertThat(r.calls()).isEqualTo(1);
        assertThat(fake.requests.get(0).getPath())
                .isEqualTo("/EpicorLive/api/v2/odata/EPIC06/Erp.BO.SalesOrderSvc/SalesOrders?$top=1&$select=OrderNum");
    }

    @Test
    void okInTokenModeAfterGettingAToken() {
        PingResult r = ping(secret(b -> b.authMode(EpicorSecret.AuthMode.TOKEN)));
        assertThat(r.problem()).isEqualTo(Problem.NONE);
        assertThat(r.calls()).isEqualTo(2);
    }

    @Test
    void refusedConnectionOrUnknownHostIsTheBaseUrl() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        int closed = port;
        PingResult refused = ping(secret(b -> b.baseUrl("http://127.0.0.1:" + closed + "/EpicorLive")));
        assertThat(refused.problem()).isEqualTo(Problem.BASE_URL);
        assertThat(refused.message()).contains("cannot connect");
        PingResult unknown = ping(secret(b -> b.baseUrl("http://epicor.nonexistent.invalid/EpicorLive")));
        assertThat(unknown.problem()).isEqualTo(Problem.BASE_URL);
        PingResult tokenRefused = ping(secret(b -> b.baseUrl("http://127.0.0.1:" + closed + "/EpicorLive")
                .authMode(EpicorSecret.AuthMode.TOKEN)));
        assertThat(tokenRefused.problem()).isEqualTo(Problem.BASE_URL);
    }

    @Test
    void a404WithoutAnEpicorBodyIsTheBaseUrl() {
        PingResult r = ping(secret(b -> b.baseUrl(server.url("/WrongInstance").toString())));
        assertThat(r.problem()).isEqualTo(Problem.BASE_URL);
        assertThat(r.httpStatus()).isEqualTo(404);
        PingResult token = ping(secret(b -> b.baseUrl(server.url("/WrongInstance").toString())
                .authMode(EpicorSecret.AuthMode.TOKEN)));
        assertThat(token.problem()).isEqualTo(Problem.BASE_URL);
    }

    @Test
    void a404WithAnEpicorBodyIsTheBaseUrlWhenTokenResourceIsMissingToo() {
        fake.interceptors.add(r -> r.getPath().startsWith("/WrongInstance/")
                ? FakeEpicor.error(404, "Not Found", "No resource at " + r.getPath(), null) : null);
        PingResult r = ping(secret(b -> b.baseUrl(server.url("/WrongInstance").toString())));
        assertThat(r.problem()).isEqualTo(Problem.BASE_URL);
        assertThat(r.calls()).isEqualTo(2);
    }

    @Test
    void a401MentioningTheApiKeyIsTheApiKey() {
        PingResult r = ping(secret(b -> b.apiKey("wrong-key")));
        assertThat(r.problem()).isEqualTo(Problem.API_KEY);
        assertThat(r.message()).contains("Invalid or missing API Key");
    }

    @Test
    void anyOther401IsTheIdentity() {
        assertThat(ping(secret(b -> b.password("nope"))).problem()).isEqualTo(Problem.IDENTITY);
        PingResult token = ping(secret(b -> b.password("nope").authMode(EpicorSecret.AuthMode.TOKEN)));
        assertThat(token.problem()).isEqualTo(Problem.IDENTITY);
        assertThat(token.message()).contains("Incorrect user name or password");
    }

    @Test
    void anUnknownCompanyIsTheCompany() {
        PingResult r = ping(secret(b -> b.company("NOPE")));
        assertThat(r.problem()).isEqualTo(Problem.COMPANY);
        assertThat(r.message()).contains("NOPE");
    }

    @Test
    void scopeAndOutagesAreNamedToo() {
        fake.interceptors.add(r -> r.getPath().contains("/api/v2/")
                ? FakeEpicor.error(404, "Not Found", "Service Erp.BO.SalesOrderSvc not found", null) : null);
        PingResult scope = ping(secret());
        assertThat(scope.problem()).isEqualTo(Problem.PERMISSION);
        assertThat(scope.calls()).isEqualTo(2); // the read and the TokenResource.svc probe
        fake.interceptors.clear();
        fake.interceptors.add(r -> new MockResponse().setResponseCode(503).setBody(""));
        assertThat(ping(secret()).problem()).isEqualTo(Problem.UNAVAILABLE);
    }
}

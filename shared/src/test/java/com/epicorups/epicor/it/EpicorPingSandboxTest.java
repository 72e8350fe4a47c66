package com.epicorups.epicor.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.epicorups.epicor.EpicorPing;
import com.epicorups.epicor.EpicorSecret.AuthMode;
import com.epicorups.epicor.PingResult;
import com.epicorups.epicor.PingResult.Problem;
import com.epicorups.sandbox.epicor.EpicorDataset;
import java.net.ServerSocket;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** EpicorPing names the one setting that is wrong, for each identity. */
class EpicorPingSandboxTest extends SandboxSupport {

    @BeforeEach
    void startSandbox() {
        start(EpicorDataset.sample());
    }

    @ParameterizedTest
    @EnumSource(AuthMode.class)
    void everythingRight(AuthMode mode) {
        PingResult result = ping(mode, b -> b);
        assertThat(result.problem()).as(result.message()).isEqualTo(Problem.NONE);
        assertThat(result.ok()).isTrue();
        assertThat(result.calls()).isEqualTo(mode == AuthMode.BASIC ? 1 : 2);
    }

    @ParameterizedTest
    @EnumSource(AuthMode.class)
    void wrongApiKey(AuthMode mode) {
        PingResult result = ping(mode, b -> b.apiKey("not-the-key"));
        // OAUTH2: the IdP never sees Epicor's API key, so the token comes back and Epicor refuses the key
        assertThat(result.problem()).as(result.message()).isEqualTo(Problem.API_KEY);
        assertThat(result.message().toLowerCase()).contains("api key");
        assertThat(result.httpStatus()).isEqualTo(401);
    }

    @ParameterizedTest
    @EnumSource(value = AuthMode.class, names = {"BASIC", "TOKEN"})
    void wrongPassword(AuthMode mode) {
        PingResult result = ping(mode, b -> b.password("wrong"));
        assertThat(result.problem()).as(result.message()).isEqualTo(Problem.IDENTITY);
        assertThat(result.httpStatus()).isEqualTo(401);
    }

    @org.junit.jupiter.api.Test
    void wrongOAuthClientSecret() {
        PingResult result = ping(AuthMode.OAUTH2, b -> b.clientSecret("wrong"));
        assertThat(result.problem()).as(result.message()).isEqualTo(Problem.IDENTITY);
    }

    @ParameterizedTest
    @EnumSource(AuthMode.class)
    void wrongCompany(AuthMode mode) {
        PingResult result = ping(mode, b -> b.company("NOPE01"));
        assertThat(result.problem()).as(result.message()).isEqualTo(Problem.COMPANY);
        assertThat(result.message()).contains("NOPE01");
    }

    @ParameterizedTest
    @EnumSource(AuthMode.class)
    void wrongInstanceInTheBaseUrl(AuthMode mode) {
        String wrongInstance = sandbox.rootUrl().replace("/EpicorSandbox", "/EpicorLive");
        PingResult result = ping(mode, b -> b.baseUrl(wrongInstance));
        assertThat(result.problem()).as(result.message()).isEqualTo(Problem.BASE_URL);
    }

    @ParameterizedTest
    @EnumSource(value = AuthMode.class, names = {"BASIC", "TOKEN"})
    void nothingListeningAtTheBaseUrl(AuthMode mode) throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        PingResult result = ping(mode, b -> b.baseUrl("http://127.0.0.1:" + closedPort + "/EpicorSandbox"));
        assertThat(result.problem()).as(result.message()).isEqualTo(Problem.BASE_URL);
        assertThat(result.message()).contains(String.valueOf(closedPort));
    }

    private PingResult ping(AuthMode mode, UnaryOperator<com.epicorups.epicor.EpicorSecret.Builder> customise) {
        return new EpicorPing(client(secret(mode, customise), settings(b -> b.maxAttempts(1)))).ping();
    }
}

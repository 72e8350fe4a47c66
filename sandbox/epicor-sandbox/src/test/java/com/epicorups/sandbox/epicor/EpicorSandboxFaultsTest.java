package com.epicorups.sandbox.epicor;

import static com.epicorups.sandbox.epicor.EpicorErrorAssert.assertEpicorError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class EpicorSandboxFaultsTest {

  private static final String REL = "Erp.BO.SalesOrderSvc/OrderRels('EPIC06',5001,1,1)";
  @RegisterExtension
  final SampleSandbox sample = new SampleSandbox();
  private EpicorSandbox sandbox;
  private TestHttp http;

  @BeforeEach
  void handles() {
    sandbox = sample.sandbox();
    http = sample.http();
  }

  private TestHttp.Reply read() {
    return http.get(http.api("Erp.BO.SalesOrderSvc/SalesOrders?$top=1"));
  }

  @Test
  void failNextWith401HitsExactlyNCalls() {
    sandbox.faults().failNextWith401(2);
    assertEpicorError(read(), 401, EpicorApiException.UNAUTHORIZED_EXCEPTION);
    assertEpicorError(read(), 401, EpicorApiException.UNAUTHORIZED_EXCEPTION);
    assertThat(read().status()).isEqualTo(200);
  }

  @Test
  void licenceExhaustionIs400WithLicenseAccessException() {
    sandbox.faults().licenceExhaustion(1);
    String message = assertEpicorError(read(), 400, EpicorApiException.LICENSE_EXCEPTION);
    assertThat(message).contains("Maximum users exceeded");
    assertThat(read().status()).isEqualTo(200);
  }

  @Test
  void serverErrorIs500WithAGenericMessage() {
    sandbox.faults().serverError(1);
    String message = assertEpicorError(read(), 500, EpicorApiException.SERVER_EXCEPTION);
    assertThat(message).doesNotContain("Exception");
    assertThat(read().status()).isEqualTo(200);
  }

  @Test
  void faultedWritesAreNotApplied() {
    long before = http.get(http.api(REL)).json().get("SysRevID").asLong();
    sandbox.faults().serverError(1);
    assertThat(http.patch(http.api(REL), "{\"UPSStatus_c\":\"X\"}").status()).isEqualTo(500);
    assertThat(http.get(http.api(REL)).json().get("SysRevID").asLong()).isEqualTo(before);
  }

  @Test
  void timeoutNextHoldsTheReplyPastTheClientTimeoutButTheWriteLands() {
    sandbox.faults().timeoutHold(Duration.ofSeconds(2)).timeoutNext(1);
    http.timeout = Duration.ofMillis(300);
    assertThatThrownBy(() -> http.patch(http.api(REL), "{\"UPSStatus_c\":\"IN_TRANSIT\"}"))
        .hasCauseInstanceOf(HttpTimeoutException.class);
    http.timeout = Duration.ofSeconds(10);
    assertThat(http.get(http.api(REL)).json().get("UPSStatus_c").asText()).isEqualTo("IN_TRANSIT");
    assertThat(sandbox.writes().all()).singleElement().extracting(RecordedWrite::status).isEqualTo(204);
  }

  @Test
  void latencyDelaysEveryCall() {
    sandbox.faults().latency(Duration.ofMillis(250));
    long start = System.nanoTime();
    assertThat(read().status()).isEqualTo(200);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(250));
    sandbox.faults().latency(Duration.ZERO);
    start = System.nanoTime();
    read();
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(250));
  }

  @Test
  void concurrentRequestsAreServedInParallel() {
    sandbox.faults().latency(Duration.ofMillis(300));
    long start = System.nanoTime();
    List<CompletableFuture<Integer>> calls = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      calls.add(CompletableFuture.supplyAsync(() -> read().status()));
    }
    calls.forEach(c -> assertThat(c.join()).isEqualTo(200));
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1500));
    assertThat(sandbox.requests().count(RequestKind.READ_SET)).isEqualTo(8);
  }
}

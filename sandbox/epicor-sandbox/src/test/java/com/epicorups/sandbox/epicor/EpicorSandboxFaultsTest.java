package com.epicorups.sandbox.epicor;

import static com.epicorups.sandbox.epicor.EpicorErrorAssert.assertEpicorError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
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
  void timeoutNextHoldsTheReplyPastTheClientTimeoutButTheWriteLands() throws InterruptedException {
    // Held far longer than the client waits, whatever the machine's load; the sandbox's close ends the hold.
    sandbox.faults().timeoutHold(Duration.ofMinutes(2)).timeoutNext(1);
    http.timeout = Duration.ofMillis(300);
    assertThatThrownBy(() -> http.patch(http.api(REL), "{\"UPSStatus_c\":\"IN_TRANSIT\"}"))
        .hasCauseInstanceOf(HttpTimeoutException.class);
    http.timeout = TestHttp.TIMEOUT;
    awaitWrites(1);
    assertThat(http.get(http.api(REL)).json().get("UPSStatus_c").asText()).isEqualTo("IN_TRANSIT");
    assertThat(sandbox.writes().all()).singleElement().extracting(RecordedWrite::status).isEqualTo(204);
  }

  /** The client gave up on its own clock; the sandbox may not have processed the call yet. */
  private void awaitWrites(int n) throws InterruptedException {
    for (int i = 0; i < 600 && sandbox.writes().all().size() < n; i++) {
      Thread.sleep(100);
    }
  }

  @Test
  void latencyDelaysEveryCall() {
    List<Duration> waited = new CopyOnWriteArrayList<>();
    try (EpicorSandbox recording = EpicorSandbox.builder().dataset(EpicorDataset.sample())
        .sleeper(d -> {
          waited.add(d);
          Thread.sleep(d.toMillis());
        }).build().start()) {
      TestHttp client = new TestHttp(recording);
      recording.faults().latency(Duration.ofMillis(250));
      long start = System.nanoTime();
      assertThat(client.get(client.api("Erp.BO.SalesOrderSvc/SalesOrders?$top=1")).status()).isEqualTo(200);
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(250));
      assertThat(waited).containsExactly(Duration.ofMillis(250));

      recording.faults().latency(Duration.ZERO);
      assertThat(client.get(client.api("Erp.BO.SalesOrderSvc/SalesOrders?$top=1")).status()).isEqualTo(200);
      assertThat(waited).as("no wait once the latency is zero").containsExactly(Duration.ofMillis(250));
    }
  }

  @Test
  void concurrentRequestsAreServedInParallel() throws InterruptedException {
    // Each read waits in the sandbox until all eight are waiting there: served one after the other, they never would.
    Hold eight = sandbox.faults().holdNext("SalesOrders", 8);
    List<CompletableFuture<Integer>> calls = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      calls.add(CompletableFuture.supplyAsync(() -> read().status()));
    }
    boolean allHeldAtOnce = eight.awaitHeld(Duration.ofSeconds(60));
    eight.release();
    assertThat(allHeldAtOnce).as("eight calls in the sandbox at the same time").isTrue();
    calls.forEach(c -> assertThat(c.join()).isEqualTo(200));
    assertThat(sandbox.requests().count(RequestKind.READ_SET)).isEqualTo(8);
  }

  @Test
  void holdNextKeepsTheMatchingCallWaitingUntilReleasedAfterItsWriteLanded() throws InterruptedException {
    Hold hold = sandbox.faults().holdNext("OrderRels(", 1);
    CompletableFuture<Integer> patch = CompletableFuture.supplyAsync(
        () -> http.patch(http.api(REL), "{\"UPSStatus_c\":\"DELIVERED\"}").status());

    assertThat(hold.awaitHeld(Duration.ofSeconds(60))).isTrue();
    assertThat(read().status()).as("other calls pass").isEqualTo(200);
    assertThat(patch).as("still waiting for its answer").isNotDone();
    assertThat(sandbox.writes().all()).singleElement().extracting(RecordedWrite::status).isEqualTo(204);

    hold.release();
    assertThat(patch.join()).isEqualTo(204);
    assertThat(http.get(http.api(REL)).status()).as("the hold took one call").isEqualTo(200);
  }
}

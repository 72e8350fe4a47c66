package com.epicorups.sandbox.epicor;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Failures to inject into API calls (everything under /api/v2), switchable at runtime. Each counted
 * fault hits the next n API calls; latency applies to every request, token calls included.
 */
public final class Faults {

  private final AtomicInteger unauthorized = new AtomicInteger();
  private final AtomicInteger licence = new AtomicInteger();
  private final AtomicInteger serverErrors = new AtomicInteger();
  private final AtomicInteger timeouts = new AtomicInteger();
  private volatile Duration latency;
  private volatile Duration timeoutHold = Duration.ofSeconds(30);
  private final List<Hold> holds = new CopyOnWriteArrayList<>();
  private final List<Targeted> targetedErrors = new CopyOnWriteArrayList<>();
  private final Runnable expireTokens;

  Faults(Duration latency, Runnable expireTokens) {
    this.latency = latency;
    this.expireTokens = expireTokens;
  }

  /** The next n API calls answer 401 as if the credentials or token were rejected. */
  public Faults failNextWith401(int n) {
    unauthorized.set(n);
    return this;
  }

  /** The next n API calls answer 400 Ice.Common.LicenseAccessException "Maximum users exceeded". */
  public Faults licenceExhaustion(int n) {
    licence.set(n);
    return this;
  }

  /** The next n API calls answer 500 with a generic message. */
  public Faults serverError(int n) {
    serverErrors.set(n);
    return this;
  }

  /**
   * The next n API calls of {@code method} whose path or query contains {@code fragment} (as sent) answer 500 with a
   * generic message, unprocessed: one write of a sequence fails while the others land.
   */
  public Faults serverErrorOn(String method, String fragment, int n) {
    targetedErrors.add(new Targeted(method.toUpperCase(java.util.Locale.ROOT), Objects.requireNonNull(fragment),
        new AtomicInteger(n)));
    return this;
  }

  private record Targeted(String method, String fragment, AtomicInteger left) {
  }

  /**
   * The next n API calls are processed (a write does land) but the reply is held for
   * {@link #timeoutHold(Duration)} (30 s by default), past a client's read timeout.
   */
  public Faults timeoutNext(int n) {
    timeouts.set(n);
    return this;
  }

  public Faults timeoutHold(Duration hold) {
    this.timeoutHold = Objects.requireNonNull(hold);
    return this;
  }

  /**
   * The next {@code calls} API calls whose path or query contains {@code fragment} (as sent, e.g. {@code "OrderRels?"})
   * are processed, recorded, and then wait to be answered until the returned hold is released: a test acts while
   * those callers wait (two pollers that overlap, calls served at the same time).
   */
  public Hold holdNext(String fragment, int calls) {
    Hold hold = new Hold(Objects.requireNonNull(fragment), calls);
    holds.add(hold);
    return hold;
  }

  /** Delay added to every request. */
  public Faults latency(Duration latency) {
    this.latency = Objects.requireNonNull(latency);
    return this;
  }

  /** Every token issued so far (TokenResource and OAuth) is expired from now on. */
  public Faults expireAllTokens() {
    expireTokens.run();
    return this;
  }

  /** Clears all counted faults and latency, and releases every hold. */
  public Faults reset() {
    holds.forEach(Hold::release);
    holds.clear();
    targetedErrors.clear();
    unauthorized.set(0);
    licence.set(0);
    serverErrors.set(0);
    timeouts.set(0);
    latency = Duration.ZERO;
    return this;
  }

  Duration latency() {
    return latency;
  }

  Duration timeoutHoldDuration() {
    return timeoutHold;
  }

  /** The hold that takes a call to {@code target} (path and query), or null. */
  Hold takeHold(String target) {
    for (Hold hold : holds) {
      if (hold.take(target)) {
        return hold;
      }
    }
    return null;
  }

  boolean takeUnauthorized() {
    return take(unauthorized);
  }

  boolean takeLicence() {
    return take(licence);
  }

  boolean takeServerError() {
    return take(serverErrors);
  }

  /** Whether a targeted server error takes this call ({@code target}: path and query). */
  boolean takeServerError(String method, String target) {
    return targetedErrors.stream().anyMatch(t -> t.method().equals(method) && target.contains(t.fragment())
        && take(t.left()));
  }

  boolean takeTimeout() {
    return take(timeouts);
  }

  private static boolean take(AtomicInteger counter) {
    return counter.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0;
  }
}

package com.epicorups.sandbox.epicor;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * API calls kept waiting for their answer until a test lets them go ({@link Faults#holdNext}): each is processed (a
 * write lands) and recorded first, then waits. A test can act while its callers wait, and know that they do; no
 * sleep decides the order. A call still held after {@link #MAX_HOLD} is answered anyway, so a test that forgot to
 * release it ends instead of hanging.
 */
public final class Hold {
  /** The longest a call is held. */
  public static final Duration MAX_HOLD = Duration.ofMinutes(2);

  private final String fragment;
  private final AtomicInteger toTake;
  private final CountDownLatch held;
  private final CountDownLatch released = new CountDownLatch(1);

  Hold(String fragment, int calls) {
    if (calls < 1) {
      throw new IllegalArgumentException("calls must be >= 1");
    }
    this.fragment = fragment;
    this.toTake = new AtomicInteger(calls);
    this.held = new CountDownLatch(calls);
  }

  /** Waits until every call this hold takes is being held at once; false when they were not within {@code max}. */
  public boolean awaitHeld(Duration max) throws InterruptedException {
    return held.await(max.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Lets the held calls be answered, and any call this hold takes from now on pass at once. */
  public void release() {
    released.countDown();
  }

  /** Whether this hold takes a call to {@code target} (path and query): the next calls that contain its fragment. */
  boolean take(String target) {
    return target.contains(fragment) && toTake.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0;
  }

  void hold() throws InterruptedException {
    held.countDown();
    released.await(MAX_HOLD.toMillis(), TimeUnit.MILLISECONDS);
  }
}

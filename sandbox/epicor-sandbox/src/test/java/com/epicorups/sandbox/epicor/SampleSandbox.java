package com.epicorups.sandbox.epicor;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The sandbox on the sample dataset, child-set filters read as OData reads them (CHILD: these tests check the query
 * engine; ChildSetFilterTest checks the modes), with a {@link TestHttp} for it, started once per class when registered on a
 * static field, or once per test (fresh faults and writes) when registered on an instance field.
 */
final class SampleSandbox implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {
  private EpicorSandbox sandbox;
  private TestHttp http;
  private boolean perClass;

  @Override
  public void beforeAll(ExtensionContext context) {
    perClass = true;
    start();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    stop();
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    if (!perClass) {
      start();
    }
  }

  @Override
  public void afterEach(ExtensionContext context) {
    if (!perClass) {
      stop();
    }
  }

  EpicorSandbox sandbox() {
    return sandbox;
  }

  TestHttp http() {
    return http;
  }

  /** The OrderNum/OrderLine/OrderRelNum of each row in a response's {@code value}, in order. */
  static List<String> releaseKeys(JsonNode body) {
    List<String> keys = new ArrayList<>();
    body.get("value").forEach(r -> keys.add(r.get("OrderNum").asInt() + "/" + r.get("OrderLine").asInt() + "/"
        + r.get("OrderRelNum").asInt()));
    return keys;
  }

  private void start() {
    sandbox = EpicorSandbox.builder().dataset(EpicorDataset.sample()).childSetFilter(ChildSetFilter.CHILD).build().start();
    http = new TestHttp(sandbox);
  }

  private void stop() {
    if (sandbox != null) {
      sandbox.close();
      sandbox = null;
    }
  }
}

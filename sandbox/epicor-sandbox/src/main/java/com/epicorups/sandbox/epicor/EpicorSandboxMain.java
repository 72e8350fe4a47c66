package com.epicorups.sandbox.epicor;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the sandbox standalone: {@code java ... EpicorSandboxMain [--port N] [--data file.json]
 * [--api-key K] [--user name:password] [--oauth-client id:secret] [--top-cap N] [--latency-ms N]
 * [--instance Name] [--child-set-filter CHILD|PARENT|REFUSE]}.
 * Without --data it serves the bundled sample.
 */
public final class EpicorSandboxMain {

  private EpicorSandboxMain() {}

  public static void main(String[] args) throws InterruptedException {
    EpicorSandbox.Builder builder = EpicorSandbox.builder().port(8090);
    EpicorDataset dataset = null;
    for (int i = 0; i < args.length; i++) {
      String value = i + 1 < args.length ? args[i + 1] : null;
      switch (args[i]) {
        case "--port" -> builder.port(Integer.parseInt(require(args[i], value)));
        case "--data" -> dataset = EpicorDataset.load(Path.of(require(args[i], value)));
        case "--api-key" -> builder.apiKey(require(args[i], value));
        case "--user" -> {
          String[] p = pair(args[i], value);
          builder.user(p[0], p[1]);
        }
        case "--oauth-client" -> {
          String[] p = pair(args[i], value);
          builder.oauthClient(p[0], p[1]);
        }
        case "--top-cap" -> builder.defaultTopCap(Integer.parseInt(require(args[i], value)));
        case "--latency-ms" -> builder.latency(Duration.ofMillis(Long.parseLong(require(args[i], value))));
        case "--instance" -> builder.instance(require(args[i], value));
        case "--child-set-filter" -> builder.childSetFilter(ChildSetFilter.parse(require(args[i], value)));
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
      i++;
    }
    EpicorSandbox sandbox = builder.dataset(dataset == null ? EpicorDataset.sample() : dataset).build().start();
    System.out.println("Epicor sandbox serving " + sandbox.dataset().source() + " at " + sandbox.rootUrl()
        + " (companies " + sandbox.dataset().companies() + ")");
    CountDownLatch stop = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      sandbox.close();
      stop.countDown();
    }));
    stop.await();
  }

  private static String require(String option, String value) {
    if (value == null) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return value;
  }

  private static String[] pair(String option, String value) {
    String v = require(option, value);
    int colon = v.indexOf(':');
    if (colon < 1) {
      throw new IllegalArgumentException(option + " expects name:secret");
    }
    return new String[] {v.substring(0, colon), v.substring(colon + 1)};
  }
}

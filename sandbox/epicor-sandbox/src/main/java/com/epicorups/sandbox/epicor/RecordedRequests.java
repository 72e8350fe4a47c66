package com.epicorups.sandbox.epicor;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Every request the sandbox received, in order. */
public final class RecordedRequests {
  private final List<RecordedRequest> requests = new ArrayList<>();

  synchronized void add(RecordedRequest request) {
    requests.add(request);
  }

  public synchronized List<RecordedRequest> all() {
    return List.copyOf(requests);
  }

  public synchronized long count(RequestKind kind) {
    return requests.stream().filter(r -> r.kind() == kind).count();
  }

  public synchronized Map<RequestKind, Long> countsByKind() {
    Map<RequestKind, Long> counts = new EnumMap<>(RequestKind.class);
    for (RecordedRequest r : requests) {
      counts.merge(r.kind(), 1L, Long::sum);
    }
    return counts;
  }

  public synchronized int size() {
    return requests.size();
  }

  public synchronized void clear() {
    requests.clear();
  }

  synchronized List<RecordedRequest> snapshot() {
    return new ArrayList<>(requests);
  }
}

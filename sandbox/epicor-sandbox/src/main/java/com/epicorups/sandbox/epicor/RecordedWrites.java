package com.epicorups.sandbox.epicor;

import java.util.ArrayList;
import java.util.List;

/** Every write the sandbox received, in order. */
public final class RecordedWrites {
  private final List<RecordedWrite> writes = new ArrayList<>();

  synchronized void add(RecordedWrite write) {
    writes.add(write);
  }

  public synchronized List<RecordedWrite> all() {
    return List.copyOf(writes);
  }

  /** Writes to one entity set (e.g. "OrderRels"). */
  public synchronized List<RecordedWrite> to(String entitySet) {
    return writes.stream().filter(w -> w.entitySet().equals(entitySet)).toList();
  }

  public synchronized int size() {
    return writes.size();
  }

  public synchronized void clear() {
    writes.clear();
  }
}

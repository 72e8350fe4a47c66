package com.epicorups.sandbox.epicor;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One write (PATCH/POST/DELETE) the server received, whether it was applied or rejected: status is
 * the HTTP status answered (204/201 applied, 4xx rejected).
 */
public record RecordedWrite(
    String method, String path, String entitySet, Map<String, Object> keys, Map<String, Object> body, int status) {

  public RecordedWrite {
    keys = Collections.unmodifiableMap(new LinkedHashMap<>(keys));
    body = body == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(body));
  }

  public boolean applied() {
    return status >= 200 && status < 300;
  }
}

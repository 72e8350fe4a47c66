package com.epicorups.sandbox.epicor;

import java.util.List;
import java.util.Map;

/**
 * One request as received. Header names are lower-case; the Authorization value keeps only its
 * scheme ("Basic", "Bearer") and the TokenResource password header is masked.
 */
public record RecordedRequest(
    RequestKind kind, String method, String path, String query, Map<String, List<String>> headers, int status) {

  public RecordedRequest {
    headers = Map.copyOf(headers);
  }

  /** First value of a header (name case-insensitive), or null. */
  public String header(String name) {
    List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
    return values == null || values.isEmpty() ? null : values.get(0);
  }
}

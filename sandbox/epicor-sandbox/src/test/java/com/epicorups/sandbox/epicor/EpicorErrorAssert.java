package com.epicorups.sandbox.epicor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;

final class EpicorErrorAssert {
  private EpicorErrorAssert() {}

  /** Asserts Epicor's error envelope and returns its ErrorMessage. */
  static String assertEpicorError(TestHttp.Reply reply, int status, String errorType) {
    assertThat(reply.status()).as(reply.body()).isEqualTo(status);
    JsonNode body = reply.json();
    assertThat(body.get("HttpStatus").asInt()).isEqualTo(status);
    assertThat(body.get("ErrorType").asText()).isEqualTo(errorType);
    assertThat(body.get("ReasonPhrase").asText()).isNotBlank();
    assertThat(body.get("ErrorDetails").isArray()).isTrue();
    assertThat(body.get("CorrelationId").asText()).hasSize(36);
    return body.get("ErrorMessage").asText();
  }
}

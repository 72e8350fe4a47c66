package com.epicorups.sandbox.epicor;

/** What a received request was, for counting. */
public enum RequestKind {
  TOKEN_RESOURCE,
  OAUTH_TOKEN,
  READ_SET,
  READ_ENTITY,
  READ_BAQ,
  WRITE,
  METADATA,
  OTHER
}

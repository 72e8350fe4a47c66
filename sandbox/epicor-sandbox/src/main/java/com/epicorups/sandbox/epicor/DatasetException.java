package com.epicorups.sandbox.epicor;

/** A dataset file (or an edit through the dataset API) that does not fit Epicor's schema. */
public class DatasetException extends IllegalArgumentException {
  public DatasetException(String message) {
    super(message);
  }

  public DatasetException(String message, Throwable cause) {
    super(message, cause);
  }
}

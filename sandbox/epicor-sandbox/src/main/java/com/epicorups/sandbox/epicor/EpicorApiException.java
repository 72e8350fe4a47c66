package com.epicorups.sandbox.epicor;

/** An error the sandbox answers with Epicor's JSON error body. */
final class EpicorApiException extends RuntimeException {
  static final String BO_EXCEPTION = "Ice.Common.BusinessObjectException";
  static final String LICENSE_EXCEPTION = "Ice.Common.LicenseAccessException";
  static final String NOT_FOUND_EXCEPTION = "Ice.Common.RecordNotFoundException";
  static final String UNAUTHORIZED_EXCEPTION = "Ice.Common.UnauthorizedAccessException";
  static final String SERVER_EXCEPTION = "Ice.Common.ServerException";

  private final int status;
  private final String errorType;

  EpicorApiException(int status, String errorType, String message) {
    super(message);
    this.status = status;
    this.errorType = errorType;
  }

  static EpicorApiException badRequest(String message) {
    return new EpicorApiException(400, BO_EXCEPTION, message);
  }

  static EpicorApiException notFound(String message) {
    return new EpicorApiException(404, NOT_FOUND_EXCEPTION, message);
  }

  static EpicorApiException unauthorized(String message) {
    return new EpicorApiException(401, UNAUTHORIZED_EXCEPTION, message);
  }

  static EpicorApiException forbidden(String message) {
    return new EpicorApiException(403, UNAUTHORIZED_EXCEPTION, message);
  }

  int status() {
    return status;
  }

  String errorType() {
    return errorType;
  }

  String reasonPhrase() {
    return switch (status) {
      case 401 -> "Unauthorized";
      case 403 -> "Forbidden";
      case 404 -> "Not Found";
      case 405 -> "Method Not Allowed";
      case 409 -> "Conflict";
      case 500 -> "Internal Server Error";
      default -> "REST API Exception";
    };
  }
}

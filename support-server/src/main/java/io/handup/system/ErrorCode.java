package io.handup.system;

import java.util.Locale;

/** The error codes of the wire protocol, each with the HTTP status it maps to. */
public enum ErrorCode {
  BAD_REQUEST(400),
  UNKNOWN_TYPE(400),
  UNAUTHENTICATED(401),
  FORBIDDEN(403),
  NOT_FOUND(404),
  CONFLICT(409),
  REPORTING_LINE(409),
  TOO_LARGE(413),
  RATE_LIMITED(429),
  /** Not in the design's list: Redis could not be reached; the client may retry. */
  UNAVAILABLE(503);

  private final int httpStatus;

  ErrorCode(int httpStatus) {
    this.httpStatus = httpStatus;
  }

  public int httpStatus() {
    return httpStatus;
  }

  /** The code as it appears on the wire, e.g. {@code reporting_line}. */
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static ErrorCode fromWire(String code) {
    return valueOf(code.toUpperCase(Locale.ROOT));
  }
}

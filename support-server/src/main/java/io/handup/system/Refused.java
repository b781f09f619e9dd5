package io.handup.system;

/**
 * A request the caller may not make, or that the current state does not allow. It carries the
 * protocol's error code; it is an answer to the user, never a bug, so it has no stack trace.
 */
public class Refused extends RuntimeException {

  private final ErrorCode code;

  public Refused(ErrorCode code, String message) {
    super(message, null, false, false);
    this.code = code;
  }

  public ErrorCode code() {
    return code;
  }
}

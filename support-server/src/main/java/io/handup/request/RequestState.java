package io.handup.request;

/** Where a help request is in its life. */
public enum RequestState {
  QUEUED,
  OFFERED,
  CLAIMED,
  RESOLVED,
  CANCELLED,
  EXPIRED;

  public boolean isOpen() {
    return this == QUEUED || this == OFFERED || this == CLAIMED;
  }

  public boolean isWaiting() {
    return this == QUEUED || this == OFFERED;
  }
}

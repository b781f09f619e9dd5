package io.handup.dispatch;

/** A specialist's presence on the floor. */
public enum SpecialistStatus {
  AVAILABLE,
  AWAY,
  OFFLINE
}

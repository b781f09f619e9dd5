package io.handup.dispatch;

/** A specialist's presence on the floor. */
public enum SpecialistStatus {
  AVAILABLE,
  AWAY,
  OFFLINE,
  /**
   * Off the floor for knowledge work: sent by a rotation cap until a set time, or by choice. Never
   * offered anything.
   */
  OFF_FLOOR
}

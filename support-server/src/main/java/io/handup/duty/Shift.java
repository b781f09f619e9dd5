package io.handup.duty;

import io.handup.system.Times;
import java.time.Instant;

/**
 * One shift on the duty roster.
 *
 * @param id the shift's start in epoch milliseconds: a specialist's shifts never overlap, so it is
 *     unique per specialist
 */
record Shift(String id, String specialistId, String start, String end) {

  static Shift of(String specialistId, long start, long end) {
    return new Shift(
        String.valueOf(start),
        specialistId,
        Times.iso(Instant.ofEpochMilli(start)),
        Times.iso(Instant.ofEpochMilli(end)));
  }

  /** Parses a roster member {@code <start>:<end>}. */
  static Shift member(String specialistId, String member) {
    int colon = member.indexOf(':');
    return of(
        specialistId,
        Long.parseLong(member.substring(0, colon)),
        Long.parseLong(member.substring(colon + 1)));
  }

  long startMillis() {
    return Long.parseLong(id);
  }

  long endMillis() {
    return Instant.parse(end).toEpochMilli();
  }
}

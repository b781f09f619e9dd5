package io.handup.system;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** The one time format on the wire: ISO-8601 UTC, always with milliseconds. */
public final class Times {

  private static final DateTimeFormatter ISO_MILLIS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private Times() {}

  public static String iso(Instant instant) {
    return instant == null ? null : ISO_MILLIS.format(instant);
  }
}

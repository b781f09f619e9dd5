package io.handup.report;

import io.handup.system.ErrorCode;
import io.handup.system.Refused;
import io.handup.system.Times;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The requests a report covers: those raised in [from, to), with days counted in {@code zone}.
 *
 * @param from the first instant counted
 * @param to the first instant no longer counted
 */
record ReportRange(Instant from, Instant to, ZoneId zone) {

  /** A year, leap day included; longer ranges would load too much at once. */
  static final int MAX_DAYS = 366;

  private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

  /**
   * Reads {@code from} and {@code to} as dates (both days inclusive) or ISO-8601 instants ({@code
   * to} exclusive); either defaults to today.
   */
  static ReportRange parse(String from, String to, ZoneId zone, Instant now) {
    LocalDate today = LocalDate.ofInstant(now, zone);
    Instant start = blank(from) ? startOf(today, zone) : bound("from", from, zone, false);
    Instant end = blank(to) ? startOf(today.plusDays(1), zone) : bound("to", to, zone, true);
    if (!start.isBefore(end)) {
      throw new Refused(
          ErrorCode.BAD_REQUEST,
          "'from' must come before 'to': from counts from "
              + Times.iso(start)
              + ", to up to "
              + Times.iso(end));
    }
    if (end.isAfter(start.atZone(zone).plusDays(MAX_DAYS).toInstant())) {
      throw new Refused(
          ErrorCode.BAD_REQUEST, "A report covers at most " + MAX_DAYS + " days; narrow the range");
    }
    return new ReportRange(start, end, zone);
  }

  /** The range cut at midnights, so a long range is read from Redis one day at a time. */
  List<ReportRange> days() {
    List<ReportRange> days = new ArrayList<>();
    Instant start = from;
    while (start.isBefore(to)) {
      Instant midnight = startOf(LocalDate.ofInstant(start, zone).plusDays(1), zone);
      Instant end = midnight.isBefore(to) ? midnight : to;
      days.add(new ReportRange(start, end, zone));
      start = end;
    }
    return days;
  }

  private static Instant bound(String name, String text, ZoneId zone, boolean end) {
    String value = text.trim();
    try {
      if (DATE.matcher(value).matches()) {
        LocalDate day = LocalDate.parse(value);
        return startOf(end ? day.plusDays(1) : day, zone);
      }
      return Instant.parse(value);
    } catch (DateTimeException e) {
      throw new Refused(
          ErrorCode.BAD_REQUEST,
          "'"
              + name
              + "' must be a date (YYYY-MM-DD) or an ISO-8601 instant such as"
              + " 2025-01-31T08:00:00Z, not '"
              + (value.length() > 40 ? value.substring(0, 40) + "…" : value)
              + "'");
    }
  }

  private static Instant startOf(LocalDate day, ZoneId zone) {
    return day.atStartOfDay(zone).toInstant();
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}

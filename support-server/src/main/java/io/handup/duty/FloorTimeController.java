package io.handup.duty;

import io.handup.directory.User;
import io.handup.system.ErrorCode;
import io.handup.system.Refused;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/reports/floor-time}: each specialist's time on and off the floor of the caller's
 * floor. Under {@code /api/reports/}, so for managers and administrators (SecurityConfiguration).
 */
@RestController
class FloorTimeController {

  private static final int MAX_DAYS = 92;

  private final FloorTime floorTime;
  private final Clock clock;

  FloorTimeController(FloorTime floorTime, Clock clock) {
    this.floorTime = floorTime;
    this.clock = clock;
  }

  /** {@code from} and {@code to} are days (both included) or instants; default today. */
  @GetMapping("/api/reports/floor-time")
  Map<String, Object> floorTime(
      @AuthenticationPrincipal User user,
      @RequestParam(required = false) String from,
      @RequestParam(required = false) String to) {
    ZoneId zone = floorTime.zone();
    LocalDate today = LocalDate.now(clock.withZone(zone));
    Instant start = bound("from", from, today, zone, false);
    Instant end = bound("to", to, today, zone, true);
    if (!start.isBefore(end)) {
      throw new Refused(ErrorCode.BAD_REQUEST, "'from' must come before 'to'");
    }
    if (end.isAfter(start.atZone(zone).plusDays(MAX_DAYS).toInstant())) {
      throw new Refused(
          ErrorCode.BAD_REQUEST,
          "Floor time covers at most " + MAX_DAYS + " days; narrow the range");
    }
    return floorTime.report(user.floor(), start, end);
  }

  private static Instant bound(
      String name, String text, LocalDate today, ZoneId zone, boolean end) {
    try {
      if (text == null || text.isBlank() || text.strip().length() == 10) {
        LocalDate day = text == null || text.isBlank() ? today : LocalDate.parse(text.strip());
        return (end ? day.plusDays(1) : day).atStartOfDay(zone).toInstant();
      }
      return Instant.parse(text.strip());
    } catch (DateTimeException e) {
      throw new Refused(
          ErrorCode.BAD_REQUEST,
          "'" + name + "' must be a date (YYYY-MM-DD) or an ISO-8601 instant");
    }
  }
}

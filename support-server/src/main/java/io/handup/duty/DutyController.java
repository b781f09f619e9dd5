package io.handup.duty;

import io.handup.directory.User;
import io.handup.system.ErrorCode;
import io.handup.system.HandupSettings;
import io.handup.system.Refused;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/duty/**}: the roster for managers and administrators (each call checks the role and
 * the floor), and a specialist's own duty. Changes take a JSON or {@code text/csv} body, which a
 * page on another site cannot send with a session cookie.
 */
@RestController
@RequestMapping("/api/duty")
class DutyController {

  private static final String CSV = "text/csv";

  private final Roster roster;
  private final ZoneId zone;
  private final Clock clock;

  DutyController(Roster roster, HandupSettings settings, Clock clock) {
    this.roster = roster;
    this.zone = settings.timeZone();
    this.clock = clock;
  }

  /** The roster of {@code from}–{@code to} (days, both included; default today and 6 more). */
  @GetMapping("/roster")
  Map<String, Object> roster(
      @AuthenticationPrincipal User user,
      @RequestParam(required = false) String floor,
      @RequestParam(required = false) String from,
      @RequestParam(required = false) String to) {
    LocalDate first = day("from", from, LocalDate.now(clock.withZone(zone)));
    LocalDate last = day("to", to, first.plusDays(6));
    if (last.isBefore(first) || last.isAfter(first.plusDays(92))) {
      throw new Refused(ErrorCode.BAD_REQUEST, "to must be from 'from' to 92 days after it");
    }
    return roster.roster(
        user,
        floor,
        first.atStartOfDay(zone).toInstant(),
        last.plusDays(1).atStartOfDay(zone).toInstant());
  }

  @GetMapping("/me")
  Map<String, Object> mine(@AuthenticationPrincipal User user) {
    return roster.mine(user);
  }

  @PostMapping(value = "/specialists/{id}/shifts", consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<Shift> add(
      @AuthenticationPrincipal User user, @PathVariable String id, @RequestBody ShiftBody body) {
    return ResponseEntity.status(201).body(roster.add(user, id, body.start(), body.end()));
  }

  @DeleteMapping("/specialists/{id}/shifts/{shiftId}")
  ResponseEntity<Void> remove(
      @AuthenticationPrincipal User user, @PathVariable String id, @PathVariable String shiftId) {
    roster.remove(user, id, shiftId);
    return ResponseEntity.noContent().build();
  }

  @PostMapping(value = "/roster.csv", consumes = CSV)
  Map<String, Object> importCsv(@AuthenticationPrincipal User user, @RequestBody byte[] csv) {
    if (csv.length > Roster.MAX_CSV_CHARS) {
      throw new Refused(ErrorCode.TOO_LARGE, "A shift file may be at most 1 MB");
    }
    return Map.of("imported", roster.importCsv(user, new String(csv, StandardCharsets.UTF_8)));
  }

  @ExceptionHandler(ShiftsRejected.class)
  ResponseEntity<Map<String, Object>> rejected(ShiftsRejected e) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("code", ErrorCode.BAD_REQUEST.wire());
    body.put("message", e.getMessage());
    body.put("errors", e.problems());
    return ResponseEntity.status(ErrorCode.BAD_REQUEST.httpStatus()).body(body);
  }

  private static LocalDate day(String name, String text, LocalDate otherwise) {
    if (text == null || text.isBlank()) {
      return otherwise;
    }
    try {
      return LocalDate.parse(text.strip());
    } catch (DateTimeException e) {
      throw new Refused(ErrorCode.BAD_REQUEST, name + " must be a day such as 2025-03-01");
    }
  }

  /** A shift as the page or an integration sends one: instants, or local times of the zone. */
  record ShiftBody(String start, String end) {}
}

package io.handup.admin;

import io.handup.directory.User;
import io.handup.system.ErrorCode;
import io.handup.system.HandupSettings;
import io.handup.system.LiveSettings;
import io.handup.system.Refused;
import io.handup.system.Times;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/admin/**}, for administrators only (SecurityConfiguration). Every change takes a JSON
 * or {@code text/csv} body: a page on another site cannot send either with the admin's session
 * cookie without a CORS preflight, which the allow-list refuses, so the cookie alone is not enough
 * to change anything (the API is outside Spring's CSRF tokens, like the rest of {@code /api/}).
 */
@RestController
@RequestMapping("/api/admin")
class AdminController {

  private static final int MAX_AUDIT_LINES = 1000;
  private static final String CSV = "text/csv";

  private final UserAdmin users;
  private final LiveSettings live;
  private final AuditLog audit;
  private final HandupSettings settings;
  private final Clock clock;

  AdminController(
      UserAdmin users, LiveSettings live, AuditLog audit, HandupSettings settings, Clock clock) {
    this.users = users;
    this.live = live;
    this.audit = audit;
    this.settings = settings;
    this.clock = clock;
  }

  // --- users -----------------------------------------------------------------------------------

  @GetMapping("/users")
  List<AdminUser> users() {
    return users.list();
  }

  @GetMapping("/users/{id}")
  AdminUser user(@PathVariable String id) {
    return users.one(id);
  }

  @PostMapping(value = "/users", consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<AdminUser> create(
      @AuthenticationPrincipal User admin, @RequestBody UserBody body) {
    return ResponseEntity.status(201).body(users.create(admin, body.form()));
  }

  @PutMapping(value = "/users/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
  AdminUser update(
      @AuthenticationPrincipal User admin, @PathVariable String id, @RequestBody UserBody body) {
    if (body.id() != null && !body.id().isBlank() && !body.id().trim().equals(id)) {
      throw new Refused(ErrorCode.BAD_REQUEST, "A user's id cannot change");
    }
    return users.update(admin, id, body.form());
  }

  @PostMapping(value = "/users/{id}/disable", consumes = MediaType.APPLICATION_JSON_VALUE)
  AdminUser disable(@AuthenticationPrincipal User admin, @PathVariable String id) {
    return users.setDisabled(admin, id, true);
  }

  @PostMapping(value = "/users/{id}/enable", consumes = MediaType.APPLICATION_JSON_VALUE)
  AdminUser enable(@AuthenticationPrincipal User admin, @PathVariable String id) {
    return users.setDisabled(admin, id, false);
  }

  @GetMapping("/floors")
  List<Map<String, Object>> floors() {
    return users.floors();
  }

  // --- roster ----------------------------------------------------------------------------------

  @GetMapping(value = "/roster.csv", produces = CSV)
  ResponseEntity<String> exportRoster() {
    return ResponseEntity.ok()
        .header("Content-Disposition", "attachment; filename=\"handup-roster.csv\"")
        .contentType(MediaType.parseMediaType("text/csv;charset=UTF-8"))
        .body(users.exportRoster());
  }

  @PostMapping(value = "/roster.csv", consumes = CSV)
  Map<String, Object> importRoster(@AuthenticationPrincipal User admin, @RequestBody byte[] csv) {
    if (csv.length > UserAdmin.MAX_ROSTER_CHARS) {
      throw new Refused(ErrorCode.TOO_LARGE, "A roster file may be at most 4 MB");
    }
    return users.importRoster(admin, new String(csv, StandardCharsets.UTF_8));
  }

  @ExceptionHandler(RosterRejected.class)
  ResponseEntity<Map<String, Object>> rejected(RosterRejected e) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("code", ErrorCode.BAD_REQUEST.wire());
    body.put("message", e.getMessage());
    body.put("errors", e.problems());
    return ResponseEntity.status(ErrorCode.BAD_REQUEST.httpStatus()).body(body);
  }

  // --- settings --------------------------------------------------------------------------------

  @GetMapping("/settings")
  List<Map<String, Object>> settings() {
    return live.current().stream()
        .map(
            c -> {
              Map<String, Object> s = new LinkedHashMap<>();
              s.put("key", c.definition().key());
              s.put("kind", c.definition().kind().name());
              s.put("value", c.value());
              s.put("defaultValue", c.definition().defaultValue());
              s.put("changed", c.changed());
              s.put("minimum", c.definition().minimum());
              return s;
            })
        .toList();
  }

  /** Changes settings, all or none; a blank value goes back to the configured default. */
  @PutMapping(value = "/settings", consumes = MediaType.APPLICATION_JSON_VALUE)
  List<Map<String, Object>> changeSettings(
      @AuthenticationPrincipal User admin, @RequestBody Map<String, Object> body) {
    Map<String, String> before =
        live.current().stream()
            .collect(Collectors.toMap(c -> c.definition().key(), LiveSettings.Current::value));
    Map<String, String> changes = new LinkedHashMap<>();
    body.forEach((k, v) -> changes.put(k, v == null ? null : String.valueOf(v)));
    live.change(changes);
    Map<String, String> after =
        live.current().stream()
            .collect(Collectors.toMap(c -> c.definition().key(), LiveSettings.Current::value));
    changes.keySet().stream()
        .filter(k -> !Objects.equals(before.get(k), after.get(k)))
        .forEach(
            k ->
                audit.record(
                    admin.id(), "settings.change", k, before.get(k) + " → " + after.get(k)));
    return settings();
  }

  // --- audit -----------------------------------------------------------------------------------

  /** The newest lines first, at most {@code limit} (1000), of the days {@code from}–{@code to}. */
  @GetMapping("/audit")
  Map<String, Object> audit(
      @RequestParam(required = false) String from,
      @RequestParam(required = false) String to,
      @RequestParam(defaultValue = "200") int limit) {
    Instant[] range = range(from, to);
    List<AuditEntry> lines =
        audit.latest(range[0], range[1], Math.max(1, Math.min(limit, MAX_AUDIT_LINES)));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("from", Times.iso(range[0]));
    body.put("to", Times.iso(range[1]));
    body.put("lines", lines.stream().map(AdminController::view).toList());
    return body;
  }

  @GetMapping("/audit.csv")
  void auditCsv(
      @RequestParam(required = false) String from,
      @RequestParam(required = false) String to,
      HttpServletResponse response)
      throws IOException {
    Instant[] range = range(from, to);
    response.setContentType("text/csv;charset=UTF-8");
    response.setHeader("Content-Disposition", "attachment; filename=\"handup-audit.csv\"");
    Writer out = response.getWriter();
    out.write("at,actor,action,target,detail,address\r\n");
    audit.forEach(
        range[0],
        range[1],
        e -> {
          try {
            out.write(
                String.join(
                        ",",
                        Times.iso(e.at()),
                        RosterCsv.cell(e.actor()),
                        RosterCsv.cell(e.action()),
                        RosterCsv.cell(e.target()),
                        RosterCsv.cell(e.detail()),
                        RosterCsv.cell(e.address()))
                    + "\r\n");
          } catch (IOException io) {
            throw new java.io.UncheckedIOException(io);
          }
        });
  }

  private static Map<String, Object> view(AuditEntry e) {
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("id", e.id());
    line.put("at", Times.iso(e.at()));
    line.put("actor", e.actor());
    line.put("action", e.action());
    line.put("target", e.target());
    line.put("detail", e.detail());
    line.put("address", e.address());
    return line;
  }

  /**
   * {@code from} and {@code to} are days ({@code 2025-03-01}, in the reports' time zone, {@code to}
   * included) or instants; by default the last seven days.
   */
  private Instant[] range(String from, String to) {
    ZoneId zone = settings.timeZone();
    LocalDate today = LocalDate.now(clock.withZone(zone));
    Instant start =
        from == null || from.isBlank()
            ? today.minusDays(6).atStartOfDay(zone).toInstant()
            : instant(from, zone, false);
    Instant end =
        to == null || to.isBlank()
            ? today.plusDays(1).atStartOfDay(zone).toInstant()
            : instant(to, zone, true);
    if (!end.isAfter(start)) {
      throw new Refused(ErrorCode.BAD_REQUEST, "from must be before to");
    }
    return new Instant[] {start, end};
  }

  private static Instant instant(String value, ZoneId zone, boolean end) {
    try {
      if (value.length() == 10) {
        LocalDate day = LocalDate.parse(value);
        return (end ? day.plusDays(1) : day).atStartOfDay(zone).toInstant();
      }
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw new Refused(
          ErrorCode.BAD_REQUEST, "'" + value + "' is not a day (2025-03-01) or an instant");
    }
  }

  /** A user as the page or an integration sends one. */
  record UserBody(
      String id,
      String name,
      List<String> roles,
      String managerId,
      String team,
      String seat,
      String floor,
      List<String> skills,
      String password,
      String email) {

    UserForm form() {
      return new UserForm(
          0, id, name, roles, managerId, team, seat, floor, skills, password, email);
    }
  }
}

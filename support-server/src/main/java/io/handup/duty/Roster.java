package io.handup.duty;

import io.handup.admin.AuditLog;
import io.handup.directory.Directory;
import io.handup.directory.Role;
import io.handup.directory.User;
import io.handup.system.DutySettings;
import io.handup.system.ErrorCode;
import io.handup.system.HandupSettings;
import io.handup.system.Keys;
import io.handup.system.RedisScripts;
import io.handup.system.Refused;
import io.handup.system.Times;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;

/**
 * The duty roster: who is on the floor when. Managers and administrators add and remove shifts, one
 * at a time or from a CSV file, each change audited; the offer script reads the roster so a
 * rostered specialist outside every shift of theirs is offered nothing.
 */
@Component
class Roster {

  static final Duration LONGEST_SHIFT = Duration.ofHours(24);
  static final int MAX_CSV_CHARS = 1_000_000;
  private static final int MAX_ID = 64;

  private final RedisScripts scripts;
  private final UnifiedJedis jedis;
  private final Directory directory;
  private final AuditLog audit;
  private final DutySettings duty;
  private final ZoneId zone;
  private final Clock clock;

  Roster(
      RedisScripts scripts,
      UnifiedJedis jedis,
      Directory directory,
      AuditLog audit,
      DutySettings duty,
      HandupSettings settings,
      Clock clock) {
    this.scripts = scripts;
    this.jedis = jedis;
    this.directory = directory;
    this.audit = audit;
    this.duty = duty;
    this.zone = settings.timeZone();
    this.clock = clock;
  }

  /**
   * Every specialist of a floor with their shifts that overlap [from, to): the caller's floor, or
   * for an administrator any floor they name.
   */
  Map<String, Object> roster(User caller, String floorAsked, Instant from, Instant to) {
    requireEditor(caller, "read the duty roster");
    String floor =
        floorAsked != null && !floorAsked.isBlank() && caller.has(Role.ADMIN)
            ? floorAsked
            : caller.floor();
    List<User> specialists =
        directory.specialistsOn(floor).stream().filter(u -> u.has(Role.SPECIALIST)).toList();
    Keys.Floor keys = Keys.floor(floor);
    List<Response<List<String>>> replies = new ArrayList<>();
    try (AbstractPipeline pipe = jedis.pipelined()) {
      specialists.forEach(s -> replies.add(pipe.zrange(keys.duty(s.id()), 0, -1)));
    }
    long now = clock.millis();
    List<Map<String, Object>> rows = new ArrayList<>();
    for (int i = 0; i < specialists.size(); i++) {
      User s = specialists.get(i);
      List<Shift> all = replies.get(i).get().stream().map(m -> Shift.member(s.id(), m)).toList();
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("id", s.id());
      row.put("name", s.name());
      row.put("rostered", !all.isEmpty());
      row.put("onDuty", onDuty(all, now));
      row.put(
          "shifts",
          all.stream()
              .filter(
                  x -> x.startMillis() < to.toEpochMilli() && x.endMillis() > from.toEpochMilli())
              .toList());
      rows.add(row);
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("floor", floor);
    body.put("from", Times.iso(from));
    body.put("to", Times.iso(to));
    body.put("unrosteredOnDuty", duty.unrosteredOnDuty());
    body.put("specialists", rows);
    return body;
  }

  /** The specialist's duty now and their next shift, for the board. */
  Map<String, Object> mine(User specialist) {
    if (!specialist.has(Role.SPECIALIST)) {
      throw new Refused(ErrorCode.FORBIDDEN, "Only a specialist has duty");
    }
    List<Shift> all = shiftsOf(specialist.floor(), specialist.id());
    long now = clock.millis();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("rostered", !all.isEmpty());
    body.put("onDuty", onDuty(all, now));
    body.put("shift", current(all, now).orElse(null));
    body.put("next", all.stream().filter(s -> s.startMillis() > now).findFirst().orElse(null));
    return body;
  }

  Shift add(User editor, String specialistId, String start, String end) {
    requireEditor(editor, "change the duty roster");
    User specialist = specialist(editor, specialistId);
    long from = instant("start", start);
    long to = instant("end", end);
    checkLength(from, to);
    scripts.onFloor(
        "roster", specialist.floor(), specialist.id(), String.valueOf(from), String.valueOf(to));
    Shift shift = Shift.of(specialist.id(), from, to);
    audit.record(
        editor.id(), "duty.shift.add", specialist.id(), shift.start() + " – " + shift.end());
    return shift;
  }

  void remove(User editor, String specialistId, String shiftId) {
    requireEditor(editor, "change the duty roster");
    User specialist = specialist(editor, specialistId);
    long start;
    try {
      start = Long.parseLong(shiftId);
    } catch (NumberFormatException e) {
      throw new Refused(ErrorCode.NOT_FOUND, "No shift " + shiftId);
    }
    scripts.onFloor("unroster", specialist.floor(), specialist.id(), String.valueOf(start));
    audit.record(
        editor.id(), "duty.shift.remove", specialist.id(), Times.iso(Instant.ofEpochMilli(start)));
  }

  /**
   * Adds the shifts of a CSV file ({@code specialistId,start,end}, a header line allowed; times as
   * ISO-8601 instants or local date-times of the reports' zone), all or none.
   *
   * @return how many shifts were added
   */
  int importCsv(User editor, String csv) {
    requireEditor(editor, "change the duty roster");
    if (csv.length() > MAX_CSV_CHARS) {
      throw new Refused(ErrorCode.TOO_LARGE, "A shift file may be at most 1 MB");
    }
    List<ShiftProblem> problems = new ArrayList<>();
    List<Shift> shifts = new ArrayList<>();
    Map<String, Integer> lineOf = new LinkedHashMap<>();
    Map<String, String> floorOf = new LinkedHashMap<>();
    String[] lines = csv.split("\r?\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty() || (i == 0 && line.toLowerCase().startsWith("specialistid"))) {
        continue;
      }
      String[] cells = line.split(",", -1);
      String id = cells.length > 0 ? unquote(cells[0]) : "";
      try {
        if (cells.length != 3) {
          throw new Refused(ErrorCode.BAD_REQUEST, "a line has specialistId,start,end");
        }
        User specialist = specialist(editor, id);
        long from = instant("start", unquote(cells[1]));
        long to = instant("end", unquote(cells[2]));
        checkLength(from, to);
        Shift shift = Shift.of(specialist.id(), from, to);
        shifts.add(shift);
        floorOf.put(specialist.id(), specialist.floor());
        lineOf.put(shift.specialistId() + "@" + shift.id(), i + 1);
      } catch (Refused e) {
        problems.add(new ShiftProblem(i + 1, id, e.getMessage()));
      }
    }
    // the script checks against the roster; the file is checked against itself here
    List<Shift> sorted =
        shifts.stream()
            .sorted(Comparator.comparing(Shift::specialistId).thenComparing(Shift::startMillis))
            .toList();
    for (int i = 1; i < sorted.size(); i++) {
      Shift a = sorted.get(i - 1);
      Shift b = sorted.get(i);
      if (a.specialistId().equals(b.specialistId()) && b.startMillis() < a.endMillis()) {
        problems.add(
            new ShiftProblem(
                lineOf.get(b.specialistId() + "@" + b.id()),
                b.specialistId(),
                "overlaps the shift on line " + lineOf.get(a.specialistId() + "@" + a.id())));
      }
    }
    if (!problems.isEmpty()) {
      throw new ShiftsRejected(
          problems.size() + " line(s) cannot be imported; nothing was imported", problems);
    }
    if (shifts.isEmpty()) {
      throw new Refused(ErrorCode.BAD_REQUEST, "The file has no shifts");
    }
    // one script per floor, as every key of a script is on its floor's slot: a file of one floor
    // (a manager's always) is all or none; an administrator's spanning floors is so per floor
    Map<String, List<String>> argsByFloor = new LinkedHashMap<>();
    for (Shift s : shifts) {
      List<String> args =
          argsByFloor.computeIfAbsent(floorOf.get(s.specialistId()), f -> new ArrayList<>());
      args.add(s.specialistId());
      args.add(s.id());
      args.add(String.valueOf(s.endMillis()));
    }
    argsByFloor.forEach(
        (floor, args) -> scripts.onFloor("roster", floor, args.toArray(String[]::new)));
    audit.record(
        editor.id(),
        "duty.import",
        String.join(",", argsByFloor.keySet()),
        shifts.size() + " shift(s) from a file");
    return shifts.size();
  }

  private List<Shift> shiftsOf(String floor, String specialistId) {
    return jedis.zrange(Keys.floor(floor).duty(specialistId), 0, -1).stream()
        .map(m -> Shift.member(specialistId, m))
        .toList();
  }

  private boolean onDuty(List<Shift> shifts, long now) {
    return shifts.isEmpty() ? duty.unrosteredOnDuty() : current(shifts, now).isPresent();
  }

  private static Optional<Shift> current(List<Shift> shifts, long now) {
    return shifts.stream().filter(s -> s.startMillis() <= now && s.endMillis() > now).findFirst();
  }

  /** A specialist of the editor's floor, or of any floor for an administrator. */
  private User specialist(User editor, String id) {
    if (id == null || id.isBlank() || id.length() > MAX_ID) {
      throw new Refused(ErrorCode.BAD_REQUEST, "specialistId is required");
    }
    return directory
        .find(id)
        .filter(u -> u.has(Role.SPECIALIST))
        .filter(u -> editor.has(Role.ADMIN) || u.floor().equals(editor.floor()))
        .orElseThrow(
            () -> new Refused(ErrorCode.NOT_FOUND, "No specialist " + id + " on your floor"));
  }

  private static void requireEditor(User user, String action) {
    if (!user.hasAny(Role.MANAGER, Role.ADMIN)) {
      throw new Refused(ErrorCode.FORBIDDEN, "Only a manager or an administrator can " + action);
    }
  }

  private static void checkLength(long from, long to) {
    if (to <= from) {
      throw new Refused(ErrorCode.BAD_REQUEST, "A shift must end after it starts");
    }
    if (to - from > LONGEST_SHIFT.toMillis()) {
      throw new Refused(ErrorCode.BAD_REQUEST, "A shift may last at most 24 hours");
    }
  }

  private long instant(String name, String text) {
    if (text == null || text.isBlank()) {
      throw new Refused(ErrorCode.BAD_REQUEST, name + " is required");
    }
    String value = text.strip();
    try {
      if (value.endsWith("Z") || value.matches(".*[+-]\\d{2}:\\d{2}$")) {
        return java.time.OffsetDateTime.parse(value).toInstant().toEpochMilli();
      }
      return LocalDateTime.parse(value.replace(' ', 'T')).atZone(zone).toInstant().toEpochMilli();
    } catch (DateTimeException e) {
      throw new Refused(
          ErrorCode.BAD_REQUEST,
          name
              + " must be a time such as 2025-03-01T09:00:00Z or 2025-03-01T09:00, not '"
              + (value.length() > 40 ? value.substring(0, 40) + "…" : value)
              + "'");
    }
  }

  private static String unquote(String cell) {
    String s = cell.strip();
    return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")
        ? s.substring(1, s.length() - 1)
        : s;
  }
}

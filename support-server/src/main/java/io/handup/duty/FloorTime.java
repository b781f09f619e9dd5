package io.handup.duty;

import io.handup.directory.Directory;
import io.handup.directory.Role;
import io.handup.directory.User;
import io.handup.system.HandupSettings;
import io.handup.system.Keys;
import io.handup.system.Times;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.stereotype.Component;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;

/**
 * Each specialist's time on the floor (AVAILABLE, holding a request or not), off it (OFF_FLOOR:
 * rotation breaks and knowledge work) and away, per day of the reports' zone. The presence scripts
 * add each stretch to quarter-hour counters when it ends ({@link Keys.Floor#floorTime}); the
 * stretch still running is added here up to now.
 */
@Component
class FloorTime {

  static final long QUARTER_MS = 900_000;
  static final long DAY_MS = 86_400_000;
  private static final Map<String, String> KIND_OF_STATUS =
      Map.of("AVAILABLE", "on", "OFF_FLOOR", "off", "AWAY", "away");

  private final UnifiedJedis jedis;
  private final Directory directory;
  private final ZoneId zone;
  private final Clock clock;

  FloorTime(UnifiedJedis jedis, Directory directory, HandupSettings settings, Clock clock) {
    this.jedis = jedis;
    this.directory = directory;
    this.zone = settings.timeZone();
    this.clock = clock;
  }

  ZoneId zone() {
    return zone;
  }

  /**
   * The floor's specialists' seconds on, off and away in [from, to), in total and per day. Stored
   * stretches count by the quarter hour they fall in, so a range that does not start and end on a
   * quarter hour (days always do) is counted to the quarter.
   */
  Map<String, Object> report(String floor, Instant from, Instant to) {
    Keys.Floor keys = Keys.floor(floor);
    long start = from.toEpochMilli();
    long end = to.toEpochMilli();
    long now = clock.millis();
    List<User> specialists =
        directory.specialistsOn(floor).stream().filter(u -> u.has(Role.SPECIALIST)).toList();
    // id -> day -> kind -> ms
    Map<String, Map<LocalDate, Map<String, Long>>> totals = new HashMap<>();

    long firstDay = Math.floorDiv(start, DAY_MS);
    List<Response<Map<String, String>>> days = new ArrayList<>();
    List<Response<List<String>>> clocks = new ArrayList<>();
    try (AbstractPipeline pipe = jedis.pipelined()) {
      for (long day = firstDay; day * DAY_MS < end; day++) {
        days.add(pipe.hgetAll(keys.floorTime(day)));
      }
      specialists.forEach(
          s -> clocks.add(pipe.hmget(keys.specialist(s.id()), "clockStatus", "clockAt")));
    }
    for (int i = 0; i < days.size(); i++) {
      long dayStart = (firstDay + i) * DAY_MS;
      days.get(i)
          .get()
          .forEach(
              (field, ms) -> addStored(totals, dayStart, field, Long.parseLong(ms), start, end));
    }
    for (int i = 0; i < specialists.size(); i++) {
      List<String> c = clocks.get(i).get();
      String kind = c.get(0) == null ? null : KIND_OF_STATUS.get(c.get(0));
      if (kind != null && c.get(1) != null) {
        addRunning(
            totals, specialists.get(i).id(), kind, Long.parseLong(c.get(1)), now, start, end);
      }
    }

    List<Map<String, Object>> rows = new ArrayList<>();
    for (User s : specialists) {
      Map<LocalDate, Map<String, Long>> byDay = totals.getOrDefault(s.id(), Map.of());
      Map<String, Long> sum = new HashMap<>();
      List<Map<String, Object>> dayRows = new ArrayList<>();
      new TreeMap<>(byDay)
          .forEach(
              (day, kinds) -> {
                kinds.forEach((k, v) -> sum.merge(k, v, Long::sum));
                Map<String, Object> d = seconds(kinds);
                d.put("day", day.toString());
                dayRows.add(d);
              });
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("id", s.id());
      row.put("name", s.name());
      row.putAll(seconds(sum));
      row.put("days", dayRows);
      rows.add(row);
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("from", Times.iso(from));
    body.put("to", Times.iso(to));
    body.put("specialists", rows);
    return body;
  }

  private void addStored(
      Map<String, Map<LocalDate, Map<String, Long>>> totals,
      long dayStart,
      String field,
      long ms,
      long start,
      long end) {
    // <specialistId>|<quarter of the UTC day>|<kind>; read from the end, as an id may hold a '|'
    int kindAt = field.lastIndexOf('|');
    int quarterAt = field.lastIndexOf('|', kindAt - 1);
    if (quarterAt <= 0) {
      return;
    }
    long quarterStart =
        dayStart + Long.parseLong(field.substring(quarterAt + 1, kindAt)) * QUARTER_MS;
    if (quarterStart < start || quarterStart >= end) {
      return;
    }
    add(
        totals,
        field.substring(0, quarterAt),
        LocalDate.ofInstant(Instant.ofEpochMilli(quarterStart), zone),
        field.substring(kindAt + 1),
        ms);
  }

  private void addRunning(
      Map<String, Map<LocalDate, Map<String, Long>>> totals,
      String id,
      String kind,
      long since,
      long now,
      long start,
      long end) {
    long t = Math.max(since, start);
    long stop = Math.min(now, end);
    while (t < stop) {
      LocalDate day = LocalDate.ofInstant(Instant.ofEpochMilli(t), zone);
      long midnight = day.plusDays(1).atStartOfDay(zone).toInstant().toEpochMilli();
      long until = Math.min(midnight, stop);
      add(totals, id, day, kind, until - t);
      t = until;
    }
  }

  private static void add(
      Map<String, Map<LocalDate, Map<String, Long>>> totals,
      String id,
      LocalDate day,
      String kind,
      long ms) {
    totals
        .computeIfAbsent(id, x -> new HashMap<>())
        .computeIfAbsent(day, x -> new HashMap<>())
        .merge(kind, ms, Long::sum);
  }

  private static Map<String, Object> seconds(Map<String, Long> kinds) {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("onFloorSeconds", kinds.getOrDefault("on", 0L) / 1000);
    s.put("offFloorSeconds", kinds.getOrDefault("off", 0L) / 1000);
    s.put("awaySeconds", kinds.getOrDefault("away", 0L) / 1000);
    return s;
  }
}

package io.handup.report;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.handup.system.HandupSettings;
import io.handup.system.Keys;
import io.handup.system.LiveSettings;
import io.handup.system.RedisScripts;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.resps.StreamEntry;
import redis.clients.jedis.resps.StreamGroupInfo;

/**
 * The per-day rollups of a floor: folds a request in (rollup.lua) and reads days back for the
 * reports. A day is read from its rollup only when it is a whole day that is over and its rollup
 * holds as many requests as the floor's history has for it; any other day is read request by
 * request. A past day whose rollup is short (raised before rollups existed, or its events were
 * trimmed off the stream before a node applied them) is rebuilt in the background, so the next
 * report finds it whole.
 */
@Component
class Rollups implements DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(Rollups.class);
  private static final int BYTES = Histogram.BUCKETS * 3 * 4;
  // 2: the cells of hours, topics and specialists in one string per day (was: sparse hashes)
  private static final String LAYOUT = "/v2";

  /** The cells a report needs besides the floor's own. */
  enum Dimension {
    FLOOR(null),
    HOURS(":hours"),
    TOPICS(":topics"),
    SPECIALISTS(":specs");

    private final String suffix;

    Dimension(String suffix) {
      this.suffix = suffix;
    }
  }

  /**
   * One day of a report's range: its rolled-up figures, or null cells when it must be read request
   * by request.
   */
  record Day(ReportRange range, Cell floor, Map<String, Cell> cells) {
    boolean rolled() {
      return floor != null;
    }
  }

  private final UnifiedJedis jedis;
  private final RedisScripts scripts;
  private final HandupSettings settings;
  // the service-level target may be changed live by an administrator: rollups are kept per target
  private final LiveSettings live;
  private final RollupSettings rollupSettings;
  private final Clock clock;
  private final Set<String> rebuilding = ConcurrentHashMap.newKeySet();
  private final ExecutorService rebuilder =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "handup-rollup-rebuild");
            t.setDaemon(true);
            return t;
          });

  Rollups(
      UnifiedJedis jedis,
      RedisScripts scripts,
      HandupSettings settings,
      LiveSettings live,
      RollupSettings rollupSettings,
      Clock clock) {
    this.jedis = jedis;
    this.scripts = scripts;
    this.settings = settings;
    this.live = live;
    this.rollupSettings = rollupSettings;
    this.clock = clock;
  }

  /**
   * The zone days are counted in, the service-level target and the layout of the keys: rollups of
   * one tag agree. A new layout is a new tag, so its rollups start afresh beside the old ones (a
   * new consumer group reads the stream from its start, and the days before are rebuilt on demand).
   */
  String tag() {
    return settings.timeZone().getId() + "@" + live.serviceLevelTarget().toMillis() + LAYOUT;
  }

  /** The consumer group of the nodes that keep this tag's rollups. */
  String group() {
    return "rollup:" + tag();
  }

  /**
   * Whether this tag's rollups of the floor hold every event of its stream: each delivered to a
   * node and acknowledged. On a busy floor that is rarely so at any one moment (a report lags by
   * the events in flight, milliseconds); tests wait for it before comparing.
   */
  boolean caughtUp(String floor) {
    String stream = Keys.floor(floor).events();
    List<StreamEntry> last = jedis.xrevrange(stream, "+", "-", 1);
    if (last.isEmpty()) {
      return true;
    }
    for (StreamGroupInfo g : jedis.xinfoGroups(stream)) {
      if (g.getName().equals(group())) {
        return g.getPending() == 0 && g.getLastDeliveredId().compareTo(last.get(0).getID()) >= 0;
      }
    }
    return false;
  }

  /** Folds one request, as it stands now, into the rollup of its day; true when that changed. */
  boolean apply(String floor, String requestId, Instant raisedAt) {
    Keys.Floor keys = Keys.floor(floor);
    ZonedDateTime raised = raisedAt.atZone(settings.timeZone());
    Object reply =
        scripts.run(
            "rollup",
            List.of(keys.events()),
            List.of(
                keys.prefix(),
                String.valueOf(clock.millis()),
                requestId,
                tag(),
                raised.toLocalDate().toString(),
                String.valueOf(raised.getHour()),
                String.valueOf(live.serviceLevelTarget().toMillis())));
    return Long.valueOf(1).equals(reply);
  }

  /** Each day of the range, rolled up where it may be; all request by request when exact. */
  List<Day> days(String floor, ReportRange range, boolean exact, Dimension dimension) {
    List<ReportRange> days = range.days();
    List<Day> plan = new ArrayList<>(days.size());
    if (exact || !rollupSettings.enabled()) {
      days.forEach(d -> plan.add(new Day(d, null, null)));
      return plan;
    }
    Keys.Floor keys = Keys.floor(floor);
    Instant now = clock.instant();
    List<Reads> reads = new ArrayList<>(days.size());
    try (AbstractPipeline pipe = jedis.pipelined()) {
      for (ReportRange d : days) {
        LocalDate date = LocalDate.ofInstant(d.from(), d.zone());
        boolean whole =
            d.from().equals(date.atStartOfDay(d.zone()).toInstant())
                && d.to().equals(date.plusDays(1).atStartOfDay(d.zone()).toInstant());
        if (!whole || d.to().isAfter(now)) {
          reads.add(null);
          continue;
        }
        String base = keys.rollup(tag(), date.toString());
        reads.add(
            new Reads(
                date,
                pipe.zcount(
                    keys.history(), "" + d.from().toEpochMilli(), "(" + d.to().toEpochMilli()),
                pipe.hgetAll(base),
                pipe.get((base + ":hist").getBytes(UTF_8)),
                dimension == Dimension.FLOOR || dimension == Dimension.HOURS
                    ? null
                    : pipe.hgetAll(base + dimension.suffix),
                dimension == Dimension.FLOOR
                    ? null
                    : pipe.get((base + dimension.suffix + ":cells").getBytes(UTF_8))));
      }
    }
    for (int i = 0; i < days.size(); i++) {
      ReportRange d = days.get(i);
      Reads r = reads.get(i);
      if (r == null) {
        plan.add(new Day(d, null, null));
        continue;
      }
      Cell cell = new Cell();
      r.floor.get().forEach(cell::read);
      readHistograms(r.hist.get(), cell);
      if (cell.get("n") != r.history.get()) {
        rebuild(floor, d, r.date);
        plan.add(new Day(d, null, null));
        continue;
      }
      plan.add(new Day(d, cell, dimension == Dimension.FLOOR ? Map.of() : cells(r)));
    }
    return plan;
  }

  /**
   * The cells of a day: an hour's cell sits at the hour's slot; a topic or a specialist has the
   * slot rollup.lua gave it that day ({@code <cell>|slot} in the index hash, beside {@code
   * <cell>|name}).
   */
  private static Map<String, Cell> cells(Reads r) {
    Map<Integer, String> slots = new HashMap<>();
    Map<String, String> names = new HashMap<>();
    if (r.index == null) {
      for (int h = 0; h < 24; h++) {
        slots.put(h, String.valueOf(h));
      }
    } else {
      r.index
          .get()
          .forEach(
              (field, value) -> {
                int bar = field.lastIndexOf('|');
                if (bar < 0) {
                  return;
                }
                String cell = field.substring(0, bar);
                switch (field.substring(bar + 1)) {
                  case "slot" -> slots.put(Integer.parseInt(value), cell);
                  case "name" -> names.put(cell, value);
                  default -> {}
                }
              });
    }
    return Cell.cells(r.cells.get(), slots, names);
  }

  /** The three histograms of the floor's day: 3 × 831 unsigned 32-bit counters, big-endian. */
  private static void readHistograms(byte[] bytes, Cell cell) {
    if (bytes == null) {
      return;
    }
    int n = Math.min(bytes.length, BYTES) / 4;
    for (int i = 0; i < n; i++) {
      long v =
          ((bytes[4 * i] & 0xFFL) << 24)
              | ((bytes[4 * i + 1] & 0xFFL) << 16)
              | ((bytes[4 * i + 2] & 0xFFL) << 8)
              | (bytes[4 * i + 3] & 0xFFL);
      if (v != 0) {
        long[] hist =
            i < Histogram.BUCKETS ? cell.wait : i < 2 * Histogram.BUCKETS ? cell.walk : cell.handle;
        hist[i % Histogram.BUCKETS] = v;
      }
    }
  }

  /** Folds every request of a day in again, once at a time per day, off the report's thread. */
  private void rebuild(String floor, ReportRange day, LocalDate date) {
    String job = floor + "|" + tag() + "|" + date;
    if (!rebuilding.add(job)) {
      return;
    }
    rebuilder.execute(
        () -> {
          try {
            Keys.Floor keys = Keys.floor(floor);
            var ids =
                jedis.zrangeByScoreWithScores(
                    keys.history(), "" + day.from().toEpochMilli(), "(" + day.to().toEpochMilli());
            for (var id : ids) {
              apply(floor, id.getElement(), Instant.ofEpochMilli((long) id.getScore()));
            }
            log.info("Rebuilt the rollup of {} on floor {}: {} requests", date, floor, ids.size());
          } catch (RuntimeException e) {
            log.warn(
                "Rebuilding the rollup of {} on floor {} failed: {}", date, floor, e.getMessage());
          } finally {
            rebuilding.remove(job);
          }
        });
  }

  @Override
  public void destroy() {
    rebuilder.shutdownNow();
  }

  private record Reads(
      LocalDate date,
      Response<Long> history,
      Response<Map<String, String>> floor,
      Response<byte[]> hist,
      Response<Map<String, String>> index,
      Response<byte[]> cells) {}
}

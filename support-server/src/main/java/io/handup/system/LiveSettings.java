package io.handup.system;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.stereotype.Component;
import redis.clients.jedis.UnifiedJedis;

/**
 * Settings an administrator may change while the service runs: the Redis hash {@link
 * Keys#settings()} over the configured values. Every node reads the hash at most a second old, so a
 * change acts on all nodes within a second without a restart, and a hot path (a transition, a
 * handshake) costs at most one {@code HGETALL} per second per node. When Redis cannot be read the
 * last values read stay in force.
 *
 * <p>The settings of {@link HandupSettings} are defined here; a feature defines its own with {@link
 * #define} (the report feature its coaching thresholds) so that this package knows no feature.
 */
@Component
public class LiveSettings {

  public static final String OFFER_TIMEOUT = "offerTimeout";
  public static final String REQUEST_EXPIRY = "requestExpiry";
  public static final String SERVICE_LEVEL_TARGET = "serviceLevelTarget";
  public static final String ALLOWED_ORIGINS = "allowedOrigins";
  public static final String SKILL_CHECK_VALIDITY = "skillCheckValidity";
  // duty and rotation
  public static final String ROTATION_MAX_ON_FLOOR = "rotationMaxOnFloor";
  public static final String ROTATION_MAX_CLAIMS = "rotationMaxClaims";
  public static final String ROTATION_OFF_FLOOR = "rotationOffFloor";

  private static final Logger log = LoggerFactory.getLogger(LiveSettings.class);
  private static final long FRESH_NANOS = Duration.ofSeconds(1).toNanos();
  private static final Duration LONGEST = Duration.ofDays(1);
  private static final Duration LONGEST_PERIOD = Duration.ofDays(3650);
  // a scheme, a host (maybe with * for subdomains) and an optional port or [*]: never a bare *,
  // which would let any page on the internet open the socket of a signed-in user
  private static final Pattern ORIGIN =
      Pattern.compile("https?://[A-Za-z0-9*]([A-Za-z0-9.*-]*)(:(\\d{1,5}|\\[\\*]))?");

  /** How a setting's text is read and checked. */
  public enum Kind {
    /**
     * A duration such as {@code 15s}, {@code 10m} or {@code PT15S}, at least the minimum seconds.
     */
    DURATION,
    /** A span of up to ten years such as {@code 90d}, {@code 12h} or {@code P90D}. */
    PERIOD,
    /** A decimal number at least the minimum. */
    DECIMAL,
    /** A whole number at least the minimum. */
    WHOLE,
    /** Origin patterns separated by commas or line breaks, e.g. {@code https://*.example.com}. */
    ORIGINS
  }

  /**
   * One setting that may be changed at run time.
   *
   * @param defaultValue the configured value, as text of its kind
   * @param minimum the least value (seconds for a duration)
   */
  public record Definition(String key, Kind kind, String defaultValue, double minimum) {}

  /** A setting as it stands: its definition, the value in force and whether it was changed. */
  public record Current(Definition definition, String value, boolean changed) {}

  private final UnifiedJedis jedis;
  private final RedisScripts scripts;
  private final Map<String, Definition> definitions = new LinkedHashMap<>();
  private final ReentrantLock refreshing = new ReentrantLock();
  private volatile Map<String, String> overrides = Map.of();
  private volatile long readAt;
  private volatile boolean everRead;

  LiveSettings(
      UnifiedJedis jedis,
      RedisScripts scripts,
      HandupSettings defaults,
      RotationSettings rotation) {
    this.jedis = jedis;
    this.scripts = scripts;
    define(OFFER_TIMEOUT, Kind.DURATION, print(defaults.offerTimeout()), 1);
    define(REQUEST_EXPIRY, Kind.DURATION, print(defaults.requestExpiry()), 10);
    define(SERVICE_LEVEL_TARGET, Kind.DURATION, print(defaults.serviceLevelTarget()), 1);
    define(ALLOWED_ORIGINS, Kind.ORIGINS, String.join(",", defaults.allowedOrigins()), 0);
    // a minimum of a second so a test can let checks expire; a floor sets days
    define(SKILL_CHECK_VALIDITY, Kind.PERIOD, printPeriod(defaults.skillCheckValidity()), 1);
    // 0 turns a cap off
    define(ROTATION_MAX_ON_FLOOR, Kind.DURATION, print(rotation.maxOnFloor()), 0);
    define(ROTATION_MAX_CLAIMS, Kind.WHOLE, String.valueOf(rotation.maxClaims()), 0);
    define(ROTATION_OFF_FLOOR, Kind.DURATION, print(rotation.offFloor()), 1);
  }

  /** Makes a feature's setting adjustable; called once, from the feature's constructor. */
  public synchronized void define(String key, Kind kind, String defaultValue, double minimum) {
    definitions.put(key, new Definition(key, kind, defaultValue, minimum));
  }

  public Duration offerTimeout() {
    return duration(OFFER_TIMEOUT);
  }

  public Duration requestExpiry() {
    return duration(REQUEST_EXPIRY);
  }

  public Duration serviceLevelTarget() {
    return duration(SERVICE_LEVEL_TARGET);
  }

  /** How long a passed skill check keeps its topic in routing (docs/skills.md). */
  public Duration skillCheckValidity() {
    return duration(SKILL_CHECK_VALIDITY);
  }

  /** Continuous time on the floor before a rotation break; zero for no cap. */
  public Duration rotationMaxOnFloor() {
    return duration(ROTATION_MAX_ON_FLOOR);
  }

  /** Consecutive claims before a rotation break; zero for no cap. */
  public int rotationMaxClaims() {
    return whole(ROTATION_MAX_CLAIMS);
  }

  /** How long a rotation break lasts. */
  public Duration rotationOffFloor() {
    return duration(ROTATION_OFF_FLOOR);
  }

  public List<String> allowedOrigins() {
    return origins(value(ALLOWED_ORIGINS));
  }

  public Duration duration(String key) {
    return parseDuration(value(key));
  }

  public double decimal(String key) {
    return Double.parseDouble(value(key));
  }

  public int whole(String key) {
    return Integer.parseInt(value(key));
  }

  /** Every setting with the value in force, in the order they were defined. */
  public synchronized List<Current> current() {
    Map<String, String> now = fresh();
    List<Current> list = new ArrayList<>();
    for (Definition d : definitions.values()) {
      String changed = now.get(d.key());
      list.add(new Current(d, changed != null ? changed : d.defaultValue(), changed != null));
    }
    return list;
  }

  /**
   * Changes settings, all or none: every value is checked first. A null or blank value goes back to
   * the configured default.
   *
   * @return the changes as written (normalised text, null for back to default)
   * @throws Refused {@code bad_request} naming every bad value, or an unknown setting
   */
  public Map<String, String> change(Map<String, String> changes) {
    Map<String, String> normalised = new LinkedHashMap<>();
    List<String> problems = new ArrayList<>();
    Map<String, Definition> known;
    synchronized (this) {
      known = new HashMap<>(definitions);
    }
    changes.forEach(
        (key, value) -> {
          Definition d = known.get(key);
          if (d == null) {
            problems.add("unknown setting " + key);
          } else if (value == null || value.isBlank()) {
            normalised.put(key, null);
          } else {
            try {
              normalised.put(key, normalise(d, value.trim()));
            } catch (IllegalArgumentException e) {
              problems.add(key + ": " + e.getMessage());
            }
          }
        });
    if (!problems.isEmpty()) {
      throw new Refused(ErrorCode.BAD_REQUEST, String.join("; ", problems));
    }
    if (normalised.isEmpty()) {
      return normalised;
    }
    List<String> args = new ArrayList<>(List.of("", String.valueOf(System.currentTimeMillis())));
    normalised.forEach(
        (key, value) -> {
          args.add(key);
          args.add(value == null ? "" : value);
        });
    scripts.run("settings-save", List.of(Keys.settings()), args);
    // this node sees its own change at once; the others within a second
    readAt = 0;
    return normalised;
  }

  private String value(String key) {
    String changed = fresh().get(key);
    if (changed != null) {
      return changed;
    }
    Definition d;
    synchronized (this) {
      d = definitions.get(key);
    }
    if (d == null) {
      throw new IllegalArgumentException("No live setting " + key);
    }
    return d.defaultValue();
  }

  /** The changed values, read again when older than a second; one thread reads, others go on. */
  private Map<String, String> fresh() {
    if (everRead && System.nanoTime() - readAt < FRESH_NANOS) {
      return overrides;
    }
    if (everRead ? refreshing.tryLock() : lock()) {
      try {
        if (!everRead || System.nanoTime() - readAt >= FRESH_NANOS) {
          overrides = Map.copyOf(jedis.hgetAll(Keys.settings()));
          readAt = System.nanoTime();
          everRead = true;
        }
      } catch (RuntimeException e) {
        // keep what was read last (the defaults before the first read): a setting must never
        // take the service down with Redis
        log.warn("Live settings not read, keeping the last ones: {}", e.getMessage());
        readAt = System.nanoTime();
      } finally {
        refreshing.unlock();
      }
    }
    return overrides;
  }

  private boolean lock() {
    refreshing.lock();
    return true;
  }

  private static String normalise(Definition d, String value) {
    return switch (d.kind()) {
      case DURATION, PERIOD -> {
        Duration longest = d.kind() == Kind.PERIOD ? LONGEST_PERIOD : LONGEST;
        Duration duration;
        try {
          duration =
              value.matches("\\d+")
                  ? Duration.ofSeconds(Long.parseLong(value))
                  : parseDuration(value);
        } catch (RuntimeException e) {
          throw new IllegalArgumentException("'" + value + "' is not a duration such as 15s or 2m");
        }
        if (duration.toMillis() < d.minimum() * 1000 || duration.compareTo(longest) > 0) {
          throw new IllegalArgumentException(
              "must be from "
                  + (long) d.minimum()
                  + "s to "
                  + (d.kind() == Kind.PERIOD ? printPeriod(longest) : print(longest)));
        }
        yield d.kind() == Kind.PERIOD ? printPeriod(duration) : print(duration);
      }
      case DECIMAL -> {
        double number = number(value);
        if (number < d.minimum()) {
          throw new IllegalArgumentException("must be at least " + d.minimum());
        }
        yield String.valueOf(number);
      }
      case WHOLE -> {
        int number;
        try {
          number = Integer.parseInt(value);
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("'" + value + "' is not a whole number");
        }
        if (number < d.minimum()) {
          throw new IllegalArgumentException("must be at least " + (long) d.minimum());
        }
        yield String.valueOf(number);
      }
      case ORIGINS -> {
        List<String> list = origins(value);
        if (list.isEmpty()) {
          throw new IllegalArgumentException("at least one origin is needed");
        }
        for (String origin : list) {
          if (!ORIGIN.matcher(origin).matches()) {
            throw new IllegalArgumentException(
                "'" + origin + "' is not an origin such as https://crm.example.com");
          }
        }
        yield String.join(",", list);
      }
    };
  }

  private static double number(String value) {
    try {
      double number = Double.parseDouble(value);
      if (!Double.isFinite(number)) {
        throw new NumberFormatException();
      }
      return number;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + value + "' is not a number");
    }
  }

  private static List<String> origins(String value) {
    return Arrays.stream(value.split("[,\\s]+"))
        .map(String::trim)
        .filter(s -> !s.isEmpty())
        .map(s -> s.endsWith("/") ? s.substring(0, s.length() - 1) : s)
        .distinct()
        .toList();
  }

  private static Duration parseDuration(String value) {
    return DurationStyle.detectAndParse(
        value.toLowerCase(Locale.ROOT).startsWith("p") ? value.toUpperCase(Locale.ROOT) : value);
  }

  /** {@code 90d}, else as {@link #print}: long spans read best in days. */
  static String printPeriod(Duration duration) {
    long ms = duration.toMillis();
    return ms > 0 && ms % 86_400_000 == 0 ? ms / 86_400_000 + "d" : print(duration);
  }

  /** {@code 15s}, {@code 10m}: the style the properties are written in. */
  static String print(Duration duration) {
    long ms = duration.toMillis();
    if (ms % 3_600_000 == 0) {
      return ms / 3_600_000 + "h";
    }
    if (ms % 60_000 == 0) {
      return ms / 60_000 + "m";
    }
    if (ms % 1000 == 0) {
      return ms / 1000 + "s";
    }
    return ms + "ms";
  }
}

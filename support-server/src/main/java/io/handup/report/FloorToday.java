package io.handup.report;

import io.handup.system.HandupSettings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Today's service level and average wait of a floor, for the specialists' board: the same figures
 * as the managers' summary, cached briefly because every board asks for them.
 */
@Component
public class FloorToday {

  private static final Duration FRESH = Duration.ofSeconds(10);

  private final Reports reports;
  private final HandupSettings settings;
  private final Clock clock;
  private final Map<String, Cached> cache = new ConcurrentHashMap<>();

  FloorToday(Reports reports, HandupSettings settings, Clock clock) {
    this.reports = reports;
    this.settings = settings;
    this.clock = clock;
  }

  public Figures of(String floor) {
    Instant now = clock.instant();
    Cached cached = cache.get(floor);
    if (cached != null && cached.at().plus(FRESH).isAfter(now)) {
      return cached.figures();
    }
    Summary today =
        reports.summary(floor, ReportRange.parse(null, null, settings.timeZone(), now), false);
    Figures figures =
        new Figures(
            today.serviceLevel(), today.waitMeanSeconds(), today.claimed(), today.abandoned());
    cache.put(floor, new Cached(now, figures));
    return figures;
  }

  /**
   * @param serviceLevel share of claimed-or-abandoned requests claimed within the target; null
   *     before the first of them
   * @param waitMeanSeconds null before the first claim
   */
  public record Figures(
      Double serviceLevel, Double waitMeanSeconds, long claimed, long abandoned) {}

  private record Cached(Instant at, Figures figures) {}
}

package io.handup.report;

import io.handup.dispatch.Presence;
import io.handup.dispatch.SpecialistStatus;
import io.handup.request.HelpRequest;
import io.handup.request.Outcome;
import io.handup.request.RequestChanged;
import io.handup.system.HandupSettings;
import io.handup.system.Keys;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.resps.Tuple;

/**
 * The live metrics on {@code /actuator/prometheus}. Timers and counters count the transitions this
 * node made (sum them across nodes); the gauges are read from Redis, so every node reports the same
 * floor-wide value (take the max, not the sum). No tag ever carries an id.
 */
@Component
class RequestMetrics {

  private static final Logger log = LoggerFactory.getLogger(RequestMetrics.class);
  private static final Duration LONGEST_HANDLE = Duration.ofHours(1);
  // lib.lua's queue_score puts requests that are not urgent this far behind the urgent ones
  private static final double URGENT_OFFSET = 10_000_000_000_000d;

  private final UnifiedJedis jedis;
  private final Presence presence;
  private final Timer wait;
  private final Timer handle;
  private final Counter raised;
  private final Map<String, Counter> ended;
  private final Map<Outcome, Counter> resolvedBy = new EnumMap<>(Outcome.class);
  private final AtomicLong queueLength = new AtomicLong();
  private final AtomicLong available = new AtomicLong();
  private final AtomicLong longestWaitMillis = new AtomicLong();
  private final Clock clock;

  RequestMetrics(
      MeterRegistry registry,
      HandupSettings settings,
      UnifiedJedis jedis,
      Presence presence,
      Clock clock) {
    this.jedis = jedis;
    this.clock = clock;
    this.presence = presence;
    Duration target = settings.serviceLevelTarget();
    Duration longestWait =
        settings.requestExpiry().compareTo(target) > 0 ? settings.requestExpiry() : target;
    this.wait =
        Timer.builder("handup.request.wait")
            .description("Speed of answer: raised to claimed, at each claim")
            // a bucket at the target makes service level = bucket(target) / count in PromQL
            .serviceLevelObjectives(target)
            .publishPercentileHistogram()
            .minimumExpectedValue(Duration.ofMillis(100))
            .maximumExpectedValue(longestWait)
            .register(registry);
    this.handle =
        Timer.builder("handup.request.handle")
            .description("Claimed to resolved, at each resolve")
            .serviceLevelObjectives(target)
            .publishPercentileHistogram()
            .minimumExpectedValue(Duration.ofSeconds(1))
            .maximumExpectedValue(LONGEST_HANDLE)
            .register(registry);
    this.raised =
        Counter.builder("handup.requests.raised")
            .description("Help requests raised")
            .register(registry);
    this.ended =
        Map.of(
            "resolved", endedCounter(registry, "resolved"),
            "cancelled", endedCounter(registry, "cancelled"),
            "expired", endedCounter(registry, "expired"));
    for (Outcome outcome : Outcome.values()) {
      resolvedBy.put(
          outcome,
          Counter.builder("handup.requests.resolved")
              .description("Requests resolved, by outcome")
              .tag("outcome", outcome.name().toLowerCase(Locale.ROOT))
              .register(registry));
    }
    Gauge.builder("handup.queue.length", queueLength, AtomicLong::get)
        .description("Requests waiting for a specialist, all floors")
        .register(registry);
    Gauge.builder("handup.queue.longest.wait", longestWaitMillis, ms -> ms.get() / 1000.0)
        .description("How long the longest-waiting request has waited so far, all floors")
        .baseUnit("seconds")
        .register(registry);
    Gauge.builder("handup.specialists.available", available, AtomicLong::get)
        .description("Specialists AVAILABLE and holding no request, all floors")
        .register(registry);
  }

  @EventListener
  void on(RequestChanged change) {
    HelpRequest r = change.request();
    switch (change.transition()) {
      case "raise" -> raised.increment();
      case "claim" -> record(wait, r.waitTime());
      case "resolve" -> {
        record(handle, r.handleTime());
        ended.get("resolved").increment();
        if (r.outcome() != null) {
          resolvedBy.get(r.outcome()).increment();
        }
      }
      case "cancel" -> ended.get("cancelled").increment();
      case "expire" -> ended.get("expired").increment();
      default -> {
        // other transitions change no measure
      }
    }
  }

  @Scheduled(
      initialDelayString = "${handup.metrics-refresh:5s}",
      fixedDelayString = "${handup.metrics-refresh:5s}")
  void refresh() {
    try {
      long queued = 0;
      long idle = 0;
      long oldest = Long.MAX_VALUE;
      for (String floor : jedis.smembers(Keys.floors())) {
        queued += jedis.zcard(Keys.floor(floor).queue());
        oldest = Math.min(oldest, oldestRaise(Keys.floor(floor).queue()));
        idle +=
            presence.onFloor(floor).stream()
                .filter(s -> s.status() == SpecialistStatus.AVAILABLE && s.requestId() == null)
                .count();
      }
      queueLength.set(queued);
      longestWaitMillis.set(oldest == Long.MAX_VALUE ? 0 : Math.max(0, clock.millis() - oldest));
      available.set(idle);
    } catch (RuntimeException e) {
      // the gauges keep their last values; the health check reports Redis itself
      log.debug("Queue gauges not refreshed: {}", e.getMessage());
    }
  }

  /**
   * When the oldest waiting request was raised (epoch ms; MAX_VALUE when none waits). The queue is
   * scored urgent first: raisedAt for urgent requests, raisedAt + URGENT_OFFSET for the others
   * (queue_score in lib.lua), so the oldest is the first of either band.
   */
  private long oldestRaise(String queue) {
    long oldest = Long.MAX_VALUE;
    for (Tuple t : jedis.zrangeByScoreWithScores(queue, 0, URGENT_OFFSET - 1, 0, 1)) {
      oldest = Math.min(oldest, (long) t.getScore());
    }
    for (Tuple t :
        jedis.zrangeByScoreWithScores(queue, URGENT_OFFSET, Double.POSITIVE_INFINITY, 0, 1)) {
      oldest = Math.min(oldest, (long) t.getScore() - (long) URGENT_OFFSET);
    }
    return oldest;
  }

  private static Counter endedCounter(MeterRegistry registry, String state) {
    return Counter.builder("handup.requests.ended")
        .description("Requests that ended, by end state")
        .tag("state", state)
        .register(registry);
  }

  private static void record(Timer timer, Duration duration) {
    // a clock skew between nodes must not record a negative time
    if (duration != null && !duration.isNegative()) {
      timer.record(duration);
    }
  }
}

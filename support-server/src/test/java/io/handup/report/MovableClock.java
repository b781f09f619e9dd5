package io.handup.report;

import io.handup.testing.TestFloor;
import io.handup.testing.TestNode;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import org.springframework.context.annotation.Primary;

/**
 * A clock a test sets by hand, so requests get the times the test worked its figures out for.
 * Registered as an extra source of one node ({@code spring.main.sources}); it carries no
 * stereotype, so component scanning never puts it into the other nodes.
 */
@Primary
final class MovableClock extends Clock {

  private volatile Instant now;

  /**
   * A node of its own on the shared Redis that runs on a movable clock, reports in {@code zone},
   * and has no demo floor. Its timers and presence sweep are as good as off (hourly), so the only
   * transitions are the test's own.
   */
  static TestNode startNode(ZoneId zone) {
    return TestNode.start(
        TestFloor.redis().uri().toString(),
        Map.of(
            "spring.main.sources",
            MovableClock.class.getName(),
            "handup.time-zone",
            zone.getId(),
            "handup.timer-poll",
            "1h",
            "handup.presence-sweep",
            "1h",
            "handup.demo.enabled",
            false));
  }

  void set(Instant instant) {
    now = instant;
  }

  @Override
  public Instant instant() {
    Instant set = now;
    return set == null ? Instant.now() : set;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    MovableClock self = this;
    return new Clock() {
      @Override
      public Instant instant() {
        return self.instant();
      }

      @Override
      public ZoneId getZone() {
        return zone;
      }

      @Override
      public Clock withZone(ZoneId other) {
        return self.withZone(other);
      }
    };
  }
}

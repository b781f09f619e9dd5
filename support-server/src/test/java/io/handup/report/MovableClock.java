package io.handup.report;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.springframework.context.annotation.Primary;

/**
 * A clock a test sets by hand, so requests get the times the test worked its figures out for.
 * Registered as an extra source of one node ({@code spring.main.sources}); it carries no
 * stereotype, so component scanning never puts it into the other nodes.
 */
@Primary
final class MovableClock extends Clock {

  private volatile Instant now;

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

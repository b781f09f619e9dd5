package io.handup.dispatch;

import io.handup.request.Lifecycle;
import io.handup.system.Keys;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import redis.clients.jedis.UnifiedJedis;

/**
 * Fires due offer timeouts, expiries, offline graces and the ends of rotation breaks. Every node
 * polls; the script that fires a timer first removes it, so each fires exactly once however many
 * nodes there are, and a timer whose node died still fires on time on another.
 */
@Component
class Timers {

  private static final Logger log = LoggerFactory.getLogger(Timers.class);
  private static final int BATCH = 100;

  private final UnifiedJedis jedis;
  private final Lifecycle lifecycle;
  private final Presence presence;
  private final Clock clock;

  Timers(UnifiedJedis jedis, Lifecycle lifecycle, Presence presence, Clock clock) {
    this.jedis = jedis;
    this.lifecycle = lifecycle;
    this.presence = presence;
    this.clock = clock;
  }

  @Scheduled(fixedDelayString = "${handup.timer-poll:250ms}")
  void fireDue() {
    try {
      for (String floor : jedis.smembers(Keys.floors())) {
        fireDue(floor);
      }
    } catch (RuntimeException e) {
      log.warn("Timers could not be polled: {}", e.getMessage());
    }
  }

  private void fireDue(String floor) {
    List<String> due =
        jedis.zrangeByScore(
            Keys.floor(floor).timers(), "-inf", String.valueOf(clock.millis()), 0, BATCH);
    for (String timer : due) {
      int colon = timer.indexOf(':');
      String kind = timer.substring(0, colon);
      // a request id, or a specialist id for "offline" and "rejoin"
      String requestId = timer.substring(colon + 1);
      switch (kind) {
        case "expire" -> lifecycle.expire(floor, requestId, timer);
        case "offer" -> lifecycle.lapse(floor, requestId, timer);
        case "offline" -> presence.graceOver(floor, requestId, timer);
        // a specialist id: their rotation break is over
        case "rejoin" -> presence.breakOver(floor, requestId, timer);
        default -> {
          log.warn("Unknown timer {} on floor {}: dropped", timer, floor);
          jedis.zrem(Keys.floor(floor).timers(), timer);
        }
      }
    }
  }

  @Scheduled(fixedDelayString = "${handup.presence-sweep:10s}")
  void sweepPresence() {
    try {
      jedis.smembers(Keys.floors()).forEach(presence::sweep);
    } catch (RuntimeException e) {
      log.warn("Presence could not be swept: {}", e.getMessage());
    }
  }
}

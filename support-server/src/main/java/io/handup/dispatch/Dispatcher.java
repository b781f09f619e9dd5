package io.handup.dispatch;

import io.handup.request.Lifecycle;
import io.handup.request.RequestChanged;
import io.handup.system.HandupSettings;
import io.handup.system.Keys;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import redis.clients.jedis.UnifiedJedis;

/**
 * Routes waiting requests to free specialists without anyone watching the board. It runs the offer
 * script of a floor whenever something there changed (a raise, a specialist freed, an offer ended)
 * and once a second besides, for changes made on other nodes and for requests whose skill
 * restriction has just run out. Runs of one floor are coalesced: a burst of raises costs one run,
 * and the script itself is atomic, so nodes dispatching at once never double-offer.
 */
@Component
class Dispatcher implements DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);

  // a chat line, a rating, a flag or a review neither adds a waiting request nor frees a
  // specialist, and they are most of a floor's changes
  private static final Set<String> CANNOT_FREE_ANYONE = Set.of("say", "rate", "flag", "review");

  private final Lifecycle lifecycle;
  private final UnifiedJedis jedis;
  private final boolean enabled;
  private final Set<String> due = ConcurrentHashMap.newKeySet();
  private final ExecutorService worker =
      Executors.newSingleThreadExecutor(
          runnable -> {
            Thread thread = new Thread(runnable, "handup-dispatcher");
            thread.setDaemon(true);
            return thread;
          });

  Dispatcher(Lifecycle lifecycle, UnifiedJedis jedis, HandupSettings settings) {
    this.lifecycle = lifecycle;
    this.jedis = jedis;
    this.enabled = settings.autoOffer();
  }

  /** Asks for a dispatch run on the floor soon; several asks before it starts make one run. */
  void nudge(String floor) {
    if (enabled && due.add(floor)) {
      worker.execute(
          () -> {
            due.remove(floor);
            dispatch(floor);
          });
    }
  }

  @EventListener
  void onRequestChanged(RequestChanged changed) {
    if (!CANNOT_FREE_ANYONE.contains(changed.transition())) {
      nudge(changed.request().floor());
    }
  }

  @Scheduled(fixedDelayString = "${handup.dispatch-interval:1s}")
  void everyFloor() {
    try {
      jedis.smembers(Keys.floors()).forEach(this::nudge);
    } catch (RuntimeException e) {
      log.warn("Floors could not be read for dispatching: {}", e.getMessage());
    }
  }

  private void dispatch(String floor) {
    try {
      Map<String, String> offers = lifecycle.offerWaiting(floor);
      if (!offers.isEmpty()) {
        log.debug("Offered on {}: {}", floor, offers);
      }
    } catch (RuntimeException e) {
      log.warn("Dispatching on floor {} failed: {}", floor, e.getMessage());
    }
  }

  @Override
  public void destroy() {
    worker.shutdownNow();
  }
}

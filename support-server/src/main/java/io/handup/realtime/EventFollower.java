package io.handup.realtime;

import io.handup.system.Keys;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.XReadParams;
import redis.clients.jedis.resps.StreamEntry;

/**
 * Follows every floor's event stream from where it stood when this node started, and hands each
 * event to {@link Fanout}. A stream, unlike pub/sub, lets a node that lost Redis for a moment go on
 * from the last event it saw.
 */
@Component
class EventFollower implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(EventFollower.class);
  private static final int BLOCK_MS = 1000;
  private static final int BATCH = 500;
  private static final long FLOOR_REFRESH_MS = 1000;

  private final UnifiedJedis jedis;
  private final Fanout fanout;
  private final Map<String, StreamEntryID> positions = new HashMap<>();
  private final Map<String, String> floorOfStream = new HashMap<>();
  private volatile boolean running;
  private Thread thread;
  private long floorsReadAt;

  EventFollower(UnifiedJedis jedis, Fanout fanout) {
    this.jedis = jedis;
    this.fanout = fanout;
  }

  @Override
  public void start() {
    refreshFloors(true);
    running = true;
    thread = new Thread(this::follow, "handup-event-follower");
    thread.setDaemon(true);
    thread.start();
  }

  @Override
  public void stop() {
    running = false;
    if (thread != null) {
      thread.interrupt();
      // the Redis pool closes after this returns; an event still being forwarded would fail
      try {
        thread.join(2000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  /** Before the web server, so no socket is accepted before events flow. */
  @Override
  public int getPhase() {
    return 0;
  }

  private void follow() {
    long backoff = 100;
    while (running) {
      try {
        if (System.currentTimeMillis() - floorsReadAt > FLOOR_REFRESH_MS) {
          refreshFloors(false);
        }
        if (positions.isEmpty()) {
          pause(BLOCK_MS);
          continue;
        }
        List<Map.Entry<String, List<StreamEntry>>> batches =
            jedis.xread(XReadParams.xReadParams().block(BLOCK_MS).count(BATCH), positions);
        if (batches != null) {
          for (Map.Entry<String, List<StreamEntry>> batch : batches) {
            String floor = floorOfStream.get(batch.getKey());
            for (StreamEntry entry : batch.getValue()) {
              positions.put(batch.getKey(), entry.getID());
              deliver(floor, entry);
            }
          }
        }
        backoff = 100;
      } catch (RuntimeException e) {
        if (!running) {
          return;
        }
        log.warn("Following the event streams failed, retrying: {}", e.getMessage());
        pause(backoff);
        backoff = Math.min(backoff * 2, 2000);
      }
    }
  }

  private void deliver(String floor, StreamEntry entry) {
    try {
      fanout.deliver(floor, entry.getFields());
    } catch (RuntimeException e) {
      log.error("Event {} of floor {} could not be forwarded", entry.getID(), floor, e);
    }
  }

  /**
   * Picks up new floors. At start-up a floor's history is skipped (clients get snapshots); a floor
   * created later is read from its first event, so nothing said there is missed.
   */
  private void refreshFloors(boolean startingUp) {
    for (String floor : jedis.smembers(Keys.floors())) {
      String stream = Keys.floor(floor).events();
      if (!positions.containsKey(stream)) {
        List<StreamEntry> last = startingUp ? jedis.xrevrange(stream, "+", "-", 1) : List.of();
        positions.put(stream, last.isEmpty() ? new StreamEntryID(0, 0) : last.get(0).getID());
        floorOfStream.put(stream, floor);
      }
    }
    floorsReadAt = System.currentTimeMillis();
  }

  private void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    }
  }
}

package io.handup.system;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import redis.clients.jedis.UnifiedJedis;

/**
 * A thread that reads every floor's event stream, picking up floors created later, and keeps going
 * through Redis failures with a backoff. What is read and what is done with it is the subclass's:
 * the live fan-out reads every event on every node, the rollups share the events out between the
 * nodes.
 */
public abstract class FloorStreamFollower implements SmartLifecycle {

  protected static final int BLOCK_MS = 1000;
  protected static final int BATCH = 500;
  private static final long FLOOR_REFRESH_MS = 1000;
  private static final Logger log = LoggerFactory.getLogger(FloorStreamFollower.class);

  protected final UnifiedJedis jedis;
  private final String name;
  private final Map<String, String> floorOfStream = new HashMap<>();
  private volatile boolean running;
  private Thread thread;
  private long floorsReadAt;

  /** {@code name} names the thread and, in the log, what failed. */
  protected FloorStreamFollower(UnifiedJedis jedis, String name) {
    this.jedis = jedis;
    this.name = name;
  }

  /** A stream of a floor not seen before: from where to read it. */
  protected abstract void join(String floor, String stream);

  /** One blocking read of the joined streams (at most {@link #BLOCK_MS}), and its handling. */
  protected abstract void readOnce();

  /** Called before each look for new floors; may {@link #forgetFloors()} to join them again. */
  protected void beforeRefresh() {}

  protected boolean enabled() {
    return true;
  }

  protected final String floorOf(String stream) {
    return floorOfStream.get(stream);
  }

  protected final Set<String> streams() {
    return floorOfStream.keySet();
  }

  protected final void forgetFloors() {
    floorOfStream.clear();
  }

  protected final boolean running() {
    return running;
  }

  /** Joins the streams of floors not joined yet. */
  protected final void refreshFloors() {
    beforeRefresh();
    for (String floor : jedis.smembers(Keys.floors())) {
      String stream = Keys.floor(floor).events();
      if (!floorOfStream.containsKey(stream)) {
        join(floor, stream);
        floorOfStream.put(stream, floor);
      }
    }
    floorsReadAt = System.currentTimeMillis();
  }

  @Override
  public void start() {
    if (!enabled()) {
      return;
    }
    running = true;
    thread = new Thread(this::follow, "handup-" + name);
    thread.setDaemon(true);
    thread.start();
  }

  @Override
  public void stop() {
    running = false;
    if (thread != null) {
      thread.interrupt();
      // the Redis pool closes after this returns; an event still being handled would fail
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

  private void follow() {
    long backoff = 100;
    while (running) {
      try {
        if (System.currentTimeMillis() - floorsReadAt > FLOOR_REFRESH_MS) {
          refreshFloors();
        }
        if (floorOfStream.isEmpty()) {
          pause(BLOCK_MS);
          continue;
        }
        readOnce();
        backoff = 100;
      } catch (RuntimeException e) {
        if (!running) {
          return;
        }
        log.warn("The {} failed, retrying: {}", name, e.getMessage());
        pause(backoff);
        backoff = Math.min(backoff * 2, 2000);
      }
    }
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

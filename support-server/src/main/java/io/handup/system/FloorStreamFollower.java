package io.handup.system;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import redis.clients.jedis.JedisCluster;
import redis.clients.jedis.UnifiedJedis;

/**
 * Threads that read every floor's event stream, picking up floors created later, and keep going
 * through Redis failures with a backoff. What is read and what is done with it is the subclass's:
 * the live fan-out reads every event on every node, the rollups share the events out between the
 * nodes.
 *
 * <p>On one Redis a single thread reads all floors' streams in one blocking call. A Redis Cluster
 * refuses a read across slots, and each floor is a slot of its own, so there every floor gets its
 * own thread and blocking read (one connection of its shard's pool each), and a quiet floor never
 * holds up a busy one.
 */
public abstract class FloorStreamFollower implements SmartLifecycle {

  protected static final int BLOCK_MS = 1000;
  protected static final int BATCH = 500;
  private static final long FLOOR_REFRESH_MS = 1000;
  private static final Logger log = LoggerFactory.getLogger(FloorStreamFollower.class);

  protected final UnifiedJedis jedis;
  private final String name;
  private final boolean streamPerRead;
  private final Map<String, String> floorOfStream = new ConcurrentHashMap<>();
  private final Map<String, Lane> lanes = new ConcurrentHashMap<>();
  private volatile boolean running;
  private Thread thread;
  private long floorsReadAt;

  /** {@code name} names the threads and, in the log, what failed. */
  protected FloorStreamFollower(UnifiedJedis jedis, String name) {
    this.jedis = jedis;
    this.name = name;
    this.streamPerRead = jedis instanceof JedisCluster;
  }

  /** A stream of a floor not seen before: from where to read it. */
  protected abstract void join(String floor, String stream);

  /**
   * One blocking read (at most {@link #BLOCK_MS}) of some joined streams, and its handling. On a
   * Cluster it is called from one thread per stream, so what it keeps must be safe for that.
   */
  protected abstract void readOnce(Collection<String> streams);

  /** Called before each look for new floors; may {@link #forgetFloors()} to join them again. */
  protected void beforeRefresh() {}

  protected boolean enabled() {
    return true;
  }

  protected final String floorOf(String stream) {
    return floorOfStream.get(stream);
  }

  /** Leaves every stream; the next refresh joins them again. */
  protected final void forgetFloors() {
    floorOfStream.clear();
    lanes.values().forEach(lane -> lane.active = false);
    lanes.clear();
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
    List<Thread> threads = new ArrayList<>();
    if (thread != null) {
      threads.add(thread);
    }
    lanes.values().forEach(lane -> threads.add(lane.thread));
    threads.forEach(Thread::interrupt);
    // the Redis pool closes after this returns; an event still being handled would fail
    for (Thread t : threads) {
      try {
        t.join(2000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
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
        if (streamPerRead) {
          floorOfStream.keySet().forEach(this::startLane);
          pause(FLOOR_REFRESH_MS);
          continue;
        }
        if (floorOfStream.isEmpty()) {
          pause(BLOCK_MS);
          continue;
        }
        readOnce(List.copyOf(floorOfStream.keySet()));
        backoff = 100;
      } catch (RuntimeException e) {
        if (!running) {
          return;
        }
        log.warn("The {} failed, retrying: {}", name, e.getMessage());
        backoff = pause(backoff);
      }
    }
  }

  private void startLane(String stream) {
    if (lanes.containsKey(stream) || !running) {
      return;
    }
    Lane lane = new Lane(stream);
    lane.thread = new Thread(() -> read(lane), "handup-" + name + "-" + floorOf(stream));
    lane.thread.setDaemon(true);
    lanes.put(stream, lane);
    lane.thread.start();
  }

  /** One floor's stream on a Cluster, until the node stops or the floors are forgotten. */
  private void read(Lane lane) {
    List<String> streams = List.of(lane.stream);
    long backoff = 100;
    while (running && lane.active) {
      try {
        readOnce(streams);
        backoff = 100;
      } catch (RuntimeException e) {
        if (!running) {
          return;
        }
        log.warn("The {} failed on {}, retrying: {}", name, lane.stream, e.getMessage());
        backoff = pause(backoff);
      }
    }
  }

  /** Waits {@code millis}; returns the next, longer backoff. */
  private long pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    }
    return Math.min(millis * 2, 2000);
  }

  private static final class Lane {
    final String stream;
    volatile boolean active = true;
    Thread thread;

    Lane(String stream) {
      this.stream = stream;
    }
  }
}

package io.handup.realtime;

import io.handup.system.FloorStreamFollower;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
class EventFollower extends FloorStreamFollower {

  private static final Logger log = LoggerFactory.getLogger(EventFollower.class);

  private final Fanout fanout;
  private final Map<String, StreamEntryID> positions = new ConcurrentHashMap<>();
  private boolean startingUp;

  EventFollower(UnifiedJedis jedis, Fanout fanout) {
    super(jedis, "event-follower");
    this.fanout = fanout;
  }

  @Override
  public void start() {
    startingUp = true;
    refreshFloors();
    startingUp = false;
    super.start();
  }

  /** Before the web server, so no socket is accepted before events flow. */
  @Override
  public int getPhase() {
    return 0;
  }

  /**
   * At start-up a floor's history is skipped (clients get snapshots); a floor created later is read
   * from its first event, so nothing said there is missed.
   */
  @Override
  protected void join(String floor, String stream) {
    List<StreamEntry> last = startingUp ? jedis.xrevrange(stream, "+", "-", 1) : List.of();
    positions.put(stream, last.isEmpty() ? new StreamEntryID(0, 0) : last.get(0).getID());
  }

  @Override
  protected void readOnce(Collection<String> streams) {
    Map<String, StreamEntryID> from = new HashMap<>();
    streams.forEach(s -> from.put(s, positions.get(s)));
    List<Map.Entry<String, List<StreamEntry>>> batches =
        jedis.xread(XReadParams.xReadParams().block(BLOCK_MS).count(BATCH), from);
    if (batches == null) {
      return;
    }
    for (Map.Entry<String, List<StreamEntry>> batch : batches) {
      String floor = floorOf(batch.getKey());
      for (StreamEntry entry : batch.getValue()) {
        positions.put(batch.getKey(), entry.getID());
        deliver(floor, entry);
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
}

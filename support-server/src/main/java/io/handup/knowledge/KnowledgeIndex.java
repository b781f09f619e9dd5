package io.handup.knowledge;

import io.handup.system.Keys;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.resps.StreamEntry;

/**
 * This node's search indexes, one per floor, kept in step with Redis. A floor's index is built from
 * every entry at start (or when first searched), then follows the floor's change log ({@link
 * Keys.Floor#kbChanges()}): each logged id is read again and replaced in the index. Entries this
 * node saves go into its index at once; other nodes see them within one sync interval. Should the
 * log be trimmed past where this node stood, the floor is read whole again.
 */
@Component
class KnowledgeIndex {

  private static final Logger log = LoggerFactory.getLogger(KnowledgeIndex.class);
  private static final int PAGE = 1000;

  private final UnifiedJedis jedis;
  private final Map<String, Followed> floors = new ConcurrentHashMap<>();

  KnowledgeIndex(UnifiedJedis jedis) {
    this.jedis = jedis;
  }

  /** The floor's index, built from Redis on first use. */
  FloorIndex of(String floor) {
    return floors.computeIfAbsent(floor, this::build).index;
  }

  /** An entry this node just saved, searchable here at once. */
  void saved(String floor, Entry entry) {
    FloorIndex index = of(floor);
    index.put(entry);
    index.refresh();
  }

  @EventListener(ApplicationReadyEvent.class)
  void buildAll() {
    try {
      for (String floor : jedis.smembers(Keys.floors())) {
        of(floor);
      }
    } catch (RuntimeException e) {
      // each floor is built when first searched instead
      log.warn("Knowledge indexes not built at start: {}", e.getMessage());
    }
  }

  @Scheduled(fixedDelayString = "${handup.knowledge.sync-interval:500ms}")
  void follow() {
    for (Map.Entry<String, Followed> floor : floors.entrySet()) {
      try {
        follow(floor.getKey(), floor.getValue());
      } catch (RuntimeException e) {
        log.warn(
            "Knowledge of floor {} not brought up to date: {}", floor.getKey(), e.getMessage());
      }
    }
  }

  private void follow(String floor, Followed followed) {
    Keys.Floor keys = Keys.floor(floor);
    while (true) {
      List<StreamEntry> changes =
          jedis.xrange(keys.kbChanges(), exclusive(followed.position).toString(), "+", PAGE);
      if (changes.isEmpty()) {
        return;
      }
      if (trimmedPast(keys, followed.position)) {
        log.info("Knowledge change log of floor {} moved past this node; reading it whole", floor);
        // the old index is left to the garbage collector: a search may still be reading it
        floors.put(floor, build(floor));
        return;
      }
      List<String> ids = new ArrayList<>(changes.size());
      changes.forEach(c -> ids.add(c.getFields().get("id")));
      apply(floor, followed.index, ids);
      followed.position = changes.get(changes.size() - 1).getID();
      if (changes.size() < PAGE) {
        return;
      }
    }
  }

  private Followed build(String floor) {
    Keys.Floor keys = Keys.floor(floor);
    // the position first: a change made while reading is then read again, never missed
    List<StreamEntry> last = jedis.xrevrange(keys.kbChanges(), "+", "-", 1);
    StreamEntryID position = last.isEmpty() ? new StreamEntryID(0, 0) : last.get(0).getID();
    FloorIndex index = new FloorIndex();
    List<String> ids = jedis.zrange(keys.kbEntries(), 0, -1);
    for (int from = 0; from < ids.size(); from += PAGE) {
      apply(floor, index, ids.subList(from, Math.min(ids.size(), from + PAGE)));
    }
    index.refresh();
    return new Followed(index, position);
  }

  private void apply(String floor, FloorIndex index, List<String> ids) {
    Keys.Floor keys = Keys.floor(floor);
    List<Response<Map<String, String>>> hashes = new ArrayList<>(ids.size());
    try (AbstractPipeline pipe = jedis.pipelined()) {
      ids.forEach(id -> hashes.add(pipe.hgetAll(keys.kbEntry(id))));
    }
    for (int i = 0; i < ids.size(); i++) {
      Map<String, String> hash = hashes.get(i).get();
      if (hash.isEmpty()) {
        index.remove(ids.get(i));
      } else {
        index.put(Entry.fromHash(hash));
      }
    }
    index.refresh();
  }

  /** Whether the log's oldest change is newer than the position: changes were trimmed unseen. */
  private boolean trimmedPast(Keys.Floor keys, StreamEntryID position) {
    if (position.getTime() == 0 && position.getSequence() == 0) {
      return false;
    }
    List<StreamEntry> first = jedis.xrange(keys.kbChanges(), "-", "+", 1);
    return !first.isEmpty() && first.get(0).getID().compareTo(position) > 0;
  }

  private static StreamEntryID exclusive(StreamEntryID id) {
    return new StreamEntryID(id.getTime(), id.getSequence() + 1);
  }

  /** A floor's index and the last change of the log it holds. */
  private static final class Followed {
    final FloorIndex index;
    volatile StreamEntryID position;

    Followed(FloorIndex index, StreamEntryID position) {
      this.index = index;
      this.position = position;
    }
  }
}

package io.handup.report;

import io.handup.system.FloorStreamFollower;
import io.handup.system.Keys;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.params.XAutoClaimParams;
import redis.clients.jedis.params.XReadGroupParams;
import redis.clients.jedis.resps.StreamConsumerInfo;
import redis.clients.jedis.resps.StreamEntry;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Keeps the rollups from every floor's event stream. Unlike {@link
 * io.handup.realtime.EventFollower}, where every node reads every event, the nodes share one
 * consumer group per stream, so each event is applied by one node; it is acknowledged once applied.
 * An event a node took and never acknowledged (it died, or Redis failed the step) is taken over by
 * another node after {@code handup.rollup.claim-idle}. rollup.lua is safe to run twice, so an event
 * applied and then taken over again changes nothing.
 */
@Component
class RollupFollower extends FloorStreamFollower {

  private static final Logger log = LoggerFactory.getLogger(RollupFollower.class);
  private static final Duration GONE_AFTER = Duration.ofDays(1);
  private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {};

  private String joinedGroup;
  private final Rollups rollups;
  private final RollupSettings settings;
  private final JsonMapper json;
  private final String consumer = "node-" + UUID.randomUUID();
  private final Map<String, AtomicLong> applied = new ConcurrentHashMap<>();
  private final Map<String, Long> claimedAt = new ConcurrentHashMap<>();
  private final ThreadLocal<Long> lastRead = ThreadLocal.withInitial(() -> 0L);

  RollupFollower(UnifiedJedis jedis, Rollups rollups, RollupSettings settings, JsonMapper json) {
    super(jedis, "rollup-follower");
    this.rollups = rollups;
    this.settings = settings;
    this.json = json;
  }

  /** The consumer group of this node's rollup tag: nodes set up alike share it. */
  private String group() {
    return rollups.group();
  }

  /** Events of the floor this node applied (for the tests: each event once across the nodes). */
  long appliedOn(String floor) {
    AtomicLong n = applied.get(floor);
    return n == null ? 0 : n.get();
  }

  @Override
  protected boolean enabled() {
    return settings.enabled();
  }

  @Override
  protected void readOnce(Collection<String> streams) {
    lingerSinceLastRead();
    long now = System.currentTimeMillis();
    for (String stream : streams) {
      if (now - claimedAt.getOrDefault(stream, 0L) > settings.claimIdle().toMillis() / 2) {
        claimedAt.put(stream, now);
        takeOverStale(stream);
      }
    }
    Map<String, StreamEntryID> undelivered = new HashMap<>();
    streams.forEach(s -> undelivered.put(s, StreamEntryID.XREADGROUP_UNDELIVERED_ENTRY));
    List<Map.Entry<String, List<StreamEntry>>> batches =
        jedis.xreadGroup(
            group(),
            consumer,
            XReadGroupParams.xReadGroupParams().block(BLOCK_MS).count(BATCH),
            undelivered);
    if (batches != null) {
      for (Map.Entry<String, List<StreamEntry>> batch : batches) {
        handle(batch.getKey(), batch.getValue());
      }
    }
  }

  /**
   * Waits out the rest of the linger since this thread's last read, so that one read gathers the
   * events of a while and each request in them is folded in once. (A thread per floor reads on a
   * Cluster, one for all floors otherwise: the time is the reading thread's.)
   */
  private void lingerSinceLastRead() {
    long linger = settings.linger().toNanos();
    long wait = lastRead.get() + linger - System.nanoTime();
    if (wait > 0 && linger > 0) {
      LockSupport.parkNanos(wait);
    }
    lastRead.set(System.nanoTime());
  }

  /** Pending events idle past claim-idle, whoever holds them, become this node's to apply. */
  private void takeOverStale(String stream) {
    StreamEntryID start = new StreamEntryID(0, 0);
    do {
      Map.Entry<StreamEntryID, List<StreamEntry>> page =
          jedis.xautoclaim(
              stream,
              group(),
              consumer,
              settings.claimIdle().toMillis(),
              start,
              XAutoClaimParams.xAutoClaimParams().count(BATCH));
      handle(stream, page.getValue());
      start = page.getKey();
    } while (running() && !start.equals(new StreamEntryID(0, 0)));
    forgetGoneNodes(stream);
  }

  /**
   * Each node start joins as a new consumer; one that holds nothing and has not read for a day is a
   * node that went away, so the group forgets it rather than list it for ever.
   */
  private void forgetGoneNodes(String stream) {
    for (StreamConsumerInfo c : jedis.xinfoConsumers2(stream, group())) {
      if (!c.getName().equals(consumer)
          && c.getPending() == 0
          && c.getIdle() > GONE_AFTER.toMillis()) {
        jedis.xgroupDelConsumer(stream, group(), c.getName());
      }
    }
  }

  /**
   * Folds in each request the events name, once however many of them name it (rollup.lua reads the
   * request as it stands now), then acknowledges them all. A Redis failure throws before the
   * acknowledgement and leaves the whole batch pending for a retry.
   */
  private void handle(String stream, List<StreamEntry> entries) {
    String floor = floorOf(stream);
    Map<String, String> raisedAtOf = new LinkedHashMap<>();
    List<StreamEntryID> done = new ArrayList<>(entries.size());
    int events = 0;
    for (StreamEntry entry : entries) {
      if (entry == null) {
        continue;
      }
      done.add(entry.getID());
      // an entry trimmed off the stream while pending comes back without fields
      Changed changed = entry.getFields() == null ? null : changed(floor, entry.getFields());
      if (changed != null) {
        events++;
        if (changed.raisedAt() != null || !raisedAtOf.containsKey(changed.id())) {
          raisedAtOf.put(changed.id(), changed.raisedAt());
        }
      }
    }
    for (Map.Entry<String, String> request : raisedAtOf.entrySet()) {
      String raised = request.getValue();
      if (raised == null) {
        raised = jedis.hget(Keys.floor(floor).request(request.getKey()), "raisedAt");
      }
      if (raised != null) {
        rollups.apply(floor, request.getKey(), Instant.ofEpochMilli(Long.parseLong(raised)));
      }
    }
    if (!done.isEmpty()) {
      jedis.xack(stream, group(), done.toArray(StreamEntryID[]::new));
    }
    applied.computeIfAbsent(floor, f -> new AtomicLong()).addAndGet(events);
  }

  /** The request an event changed (its raisedAt when the event says), or null for no figure. */
  private record Changed(String id, String raisedAt) {}

  private Changed changed(String floor, Map<String, String> event) {
    String kind = event.getOrDefault("kind", "");
    // requests change only through these; presence, chat lines and offers change no figure
    if (!kind.equals("request") && !kind.equals("review")) {
      return null;
    }
    Map<String, Object> data;
    try {
      data = json.readValue(event.getOrDefault("data", "{}"), OBJECT);
    } catch (RuntimeException e) {
      log.warn("An event of floor {} is not JSON; it is skipped: {}", floor, e.getMessage());
      return null;
    }
    Object id = data.get("id");
    if (id == null) {
      return null;
    }
    Object raisedAt = data.get("raisedAt");
    return new Changed(id.toString(), raisedAt == null ? null : raisedAt.toString());
  }

  /** An administrator changed the service-level target: its rollups are another group's. */
  @Override
  protected void beforeRefresh() {
    String group = group();
    if (!group.equals(joinedGroup)) {
      claimedAt.clear();
      forgetFloors();
      joinedGroup = group;
    }
  }

  /** Joins the group of a new floor's stream; a new group reads the stream from its start. */
  @Override
  protected void join(String floor, String stream) {
    try {
      jedis.xgroupCreate(stream, group(), new StreamEntryID(0, 0), true);
    } catch (JedisDataException e) {
      if (e.getMessage() == null || !e.getMessage().startsWith("BUSYGROUP")) {
        throw e;
      }
    }
  }
}

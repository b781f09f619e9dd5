package io.handup.report;

import io.handup.system.FloorStreamFollower;
import io.handup.system.Keys;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
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

  private void handle(String stream, List<StreamEntry> entries) {
    String floor = floorOf(stream);
    for (StreamEntry entry : entries) {
      // an entry trimmed off the stream while pending comes back without fields
      if (entry == null || entry.getFields() == null || apply(floor, entry.getFields())) {
        if (entry != null) {
          jedis.xack(stream, group(), entry.getID());
        }
      }
    }
  }

  /**
   * Applies one event; true when it is done with (applied, or nothing to apply), false to leave it
   * pending for a retry. A Redis failure throws and leaves the rest of the batch pending too.
   */
  private boolean apply(String floor, Map<String, String> event) {
    String kind = event.getOrDefault("kind", "");
    // requests change only through these; presence, chat lines and offers change no figure
    if (!kind.equals("request") && !kind.equals("review")) {
      return true;
    }
    Map<String, Object> data;
    try {
      data = json.readValue(event.getOrDefault("data", "{}"), OBJECT);
    } catch (RuntimeException e) {
      log.warn("An event of floor {} is not JSON; it is skipped: {}", floor, e.getMessage());
      return true;
    }
    Object id = data.get("id");
    if (id == null) {
      return true;
    }
    Object raisedAt = data.get("raisedAt");
    String raised =
        raisedAt != null
            ? raisedAt.toString()
            : jedis.hget(Keys.floor(floor).request(id.toString()), "raisedAt");
    if (raised == null) {
      return true;
    }
    rollups.apply(floor, id.toString(), Instant.ofEpochMilli(Long.parseLong(raised)));
    applied.computeIfAbsent(floor, f -> new AtomicLong()).incrementAndGet();
    return true;
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

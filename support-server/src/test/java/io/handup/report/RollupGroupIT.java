package io.handup.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.handup.directory.Directory;
import io.handup.directory.Role;
import io.handup.directory.User;
import io.handup.request.HelpRequest;
import io.handup.request.Lifecycle;
import io.handup.request.Outcome;
import io.handup.request.Raise;
import io.handup.system.Keys;
import io.handup.testing.TestFloor;
import io.handup.testing.TestNode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.XReadGroupParams;

/**
 * Two nodes share the rollup work of a floor through one consumer group: every event is applied
 * once, by one of them, and an event a dead node took and never acknowledged is taken over. The
 * nodes count days in a zone no other node uses, so the group is theirs alone.
 */
class RollupGroupIT {

  private static final ZoneId ZONE = ZoneId.of("Pacific/Chatham");
  private static final Map<String, Object> SETTINGS =
      Map.of(
          "handup.time-zone",
          ZONE.getId(),
          "handup.rollup.claim-idle",
          "1s",
          "handup.demo.enabled",
          false);

  private static TestNode a;
  private static TestNode b;
  private static UnifiedJedis jedis;

  @BeforeAll
  static void startTwoNodes() {
    a = TestNode.start(TestFloor.redis().uri().toString(), SETTINGS);
    b = TestNode.start(TestFloor.redis().uri().toString(), SETTINGS);
    jedis = a.bean(UnifiedJedis.class);
  }

  @AfterAll
  static void stop() {
    if (b != null) {
      b.close();
    }
    if (a != null) {
      a.close();
    }
  }

  @Test
  void eachEventIsAppliedOnceByOneOfTheNodes() {
    String floor = "group-" + UUID.randomUUID().toString().substring(0, 8);
    List<User> agents = new ArrayList<>();
    List<User> specs = new ArrayList<>();
    for (int i = 1; i <= 3; i++) {
      agents.add(user(floor, "a" + i, Role.AGENT));
      specs.add(user(floor, "s" + i, Role.SPECIALIST));
    }
    List<User> all = new ArrayList<>(agents);
    all.addAll(specs);
    a.bean(Directory.class).saveAll(all, Map.of());

    int requests = 30;
    for (int i = 0; i < requests; i++) {
      // the steps go through both nodes, as they would behind a load balancer
      Lifecycle one = (i % 2 == 0 ? a : b).bean(Lifecycle.class);
      Lifecycle other = (i % 2 == 0 ? b : a).bean(Lifecycle.class);
      HelpRequest r =
          one.raise(agents.get(i % 3), new Raise(UUID.randomUUID().toString(), null, false, null));
      other.claim(specs.get(i % 3), r.id());
      one.resolve(specs.get(i % 3), r.id(), Outcome.ANSWERED, null);
    }
    long events =
        jedis.xrange(Keys.floor(floor).events(), "-", "+").stream()
            .filter(e -> Set.of("request", "review").contains(e.getFields().get("kind")))
            .count();

    await().atMost(Duration.ofSeconds(60)).until(() -> applied(floor) >= events);
    await().atMost(Duration.ofSeconds(10)).until(() -> a.bean(Rollups.class).caughtUp(floor));
    // past the claim idle time: had anything stayed pending, it would have been applied again
    await()
        .during(Duration.ofMillis(2500))
        .atMost(Duration.ofSeconds(5))
        .until(() -> applied(floor) == events);

    assertThat(applied(floor)).as("events applied by a and b together").isEqualTo(events);
    Map<String, String> day = jedis.hgetAll(rollup(floor, LocalDate.now(ZONE)));
    assertThat(day.get("n")).isEqualTo("" + requests);
    assertThat(day.get("resolved")).isEqualTo("" + requests);
    assertThat(day.get("claimed")).isEqualTo("" + requests);
  }

  @Test
  void anEventADeadNodeTookIsTakenOverAndApplied() {
    String floor = "ghost-" + UUID.randomUUID().toString().substring(0, 8);
    Keys.Floor keys = Keys.floor(floor);
    long raised = Instant.now().toEpochMilli() - 60_000;
    String id = "r-" + UUID.randomUUID();
    jedis.hset(
        keys.request(id),
        Map.of(
            "id", id,
            "floor", floor,
            "agentId", floor + "-a1",
            "state", "RESOLVED",
            "specialistId", floor + "-s1",
            "raisedAt", "" + raised,
            "claimedAt", "" + (raised + 12_000),
            "resolvedAt", "" + (raised + 50_000)));
    jedis.zadd(keys.history(), raised, id);
    String group = a.bean(Rollups.class).group();
    jedis.xgroupCreate(keys.events(), group, new StreamEntryID(0, 0), true);
    jedis.xadd(
        keys.events(),
        redis.clients.jedis.params.XAddParams.xAddParams(),
        Map.of(
            "kind", "request", "data", "{\"id\":\"" + id + "\",\"raisedAt\":\"" + raised + "\"}"));
    // a node that reads the event and dies before acknowledging it
    jedis.xreadGroup(
        group,
        "dead-node",
        XReadGroupParams.xReadGroupParams().count(1),
        Map.of(keys.events(), StreamEntryID.XREADGROUP_UNDELIVERED_ENTRY));
    assertThat(jedis.xpending(keys.events(), group).getTotal()).isEqualTo(1);

    jedis.sadd(Keys.floors(), floor);
    try {
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> jedis.xpending(keys.events(), group).getTotal() == 0);
      String day = Instant.ofEpochMilli(raised).atZone(ZONE).toLocalDate().toString();
      Map<String, String> rollup = jedis.hgetAll(keys.rollup(a.bean(Rollups.class).tag(), day));
      assertThat(rollup.get("n")).isEqualTo("1");
      assertThat(rollup.get("waitSum")).isEqualTo("12000");
      assertThat(rollup.get("handleSum")).isEqualTo("38000");
      assertThat(applied(floor)).isEqualTo(1);
    } finally {
      jedis.srem(Keys.floors(), floor);
    }
  }

  private static long applied(String floor) {
    return a.bean(RollupFollower.class).appliedOn(floor)
        + b.bean(RollupFollower.class).appliedOn(floor);
  }

  private static String rollup(String floor, LocalDate day) {
    return Keys.floor(floor).rollup(a.bean(Rollups.class).tag(), day.toString());
  }

  private static User user(String floor, String name, Role role) {
    return new User(
        floor + "-" + name,
        "Name " + name,
        Set.of(role),
        null,
        null,
        role == Role.SPECIALIST ? "S-" + name : "",
        floor,
        Set.of());
  }
}

package io.handup.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.handup.dispatch.FloorAudit;
import io.handup.system.EmbeddedRedis;
import io.handup.system.Keys;
import io.handup.testing.Api;
import io.handup.testing.TestNode;
import io.handup.testing.WsClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.UnifiedJedis;
import tools.jackson.databind.JsonNode;

/**
 * Real faults on real processes: Redis killed, paused and failed over under Sentinel, and a server
 * node killed. Each test has its own Redis, so the demo floor is fresh and every request on it is
 * one the test raised.
 */
class FaultsIT {

  private static final String FLOOR = "demo";

  /** A small demo floor starts quickly; these tests need a handful of people. */
  private static final Map<String, Object> SMALL =
      Map.of("handup.demo.agents", 20, "handup.demo.specialists", 4);

  private static final Map<String, Object> FAST_OFFERS =
      Map.of(
          "handup.demo.agents",
          20,
          "handup.demo.specialists",
          4,
          "handup.auto-offer",
          true,
          "handup.offer-timeout",
          "2s",
          "handup.timer-poll",
          "100ms",
          "handup.dispatch-interval",
          "200ms");

  @Test
  void acknowledgedRaisesSurviveRedisKilledTwiceAndRaisesDuringTheOutageAreRefusedThenRetried() {
    EmbeddedRedis redis = new EmbeddedRedis(dir("kill"), 0, "everysec").start();
    ExecutorService agents = Executors.newFixedThreadPool(8);
    try (TestNode nodeA = TestNode.start(redis.uri().toString(), SMALL);
        TestNode nodeB = TestNode.start(redis.uri().toString(), SMALL)) {
      Storm storm = new Storm();
      List<CompletableFuture<Void>> running = new ArrayList<>();
      for (int i = 1; i <= 8; i++) {
        TestNode node = i % 2 == 0 ? nodeA : nodeB;
        WsClient agent = WsClient.signedIn(node, new Api(node).token("agent-" + i));
        String name = "agent-" + i;
        running.add(CompletableFuture.runAsync(() -> storm.raiseAndCancel(name, agent), agents));
      }
      await().atMost(Duration.ofSeconds(20)).until(() -> storm.acked() >= 20);

      for (int outage = 1; outage <= 2; outage++) {
        int refusedBefore = storm.refusedRaises.get();
        redis.kill();
        // the outage lasts until several raises have been refused, so it is seen on both nodes
        await()
            .atMost(Duration.ofSeconds(10))
            .until(() -> storm.refusedRaises.get() >= refusedBefore + 8);
        redis.start();
        int ackedBefore = storm.acked();
        await().atMost(Duration.ofSeconds(20)).until(() -> storm.acked() >= ackedBefore + 20);
      }
      storm.stop.set(true);
      running.forEach(f -> f.orTimeout(30, TimeUnit.SECONDS).join());

      assertThat(storm.unexpected).as("only 'unavailable' while Redis is gone").isEmpty();
      assertThat(storm.slowest.get()).as("slowest reply, ms").isLessThan(5_000);
      assertThat(storm.retriedAfterRefusal).as("raises refused, then acked on retry").isNotEmpty();
      assertThat(storm.idsByKey)
          .as("one clientKey, one request, however often it was retried")
          .allSatisfy((key, ids) -> assertThat(ids).as(key).hasSize(1));
      Set<String> acknowledged = ConcurrentHashMap.newKeySet();
      storm.idsByKey.values().forEach(acknowledged::addAll);
      assertThat(acknowledged).hasSize(storm.idsByKey.size());
      UnifiedJedis jedis = nodeA.bean(UnifiedJedis.class);
      // every request Redis holds was acknowledged, and every acknowledged one is there
      assertThat(jedis.zrange(Keys.floor(FLOOR).history(), 0, -1))
          .containsExactlyInAnyOrderElementsOf(acknowledged);
      for (String id : acknowledged) {
        assertThat(jedis.hget(Keys.floor(FLOOR).request(id), "state"))
            .as(id)
            .isEqualTo("CANCELLED");
      }
      assertThat(nodeA.bean(FloorAudit.class).problems(FLOOR)).isEmpty();
    } finally {
      agents.shutdownNow();
      redis.stop();
    }
  }

  /** Agents raising and cancelling in a loop, each step retried until acknowledged. */
  private static final class Storm {
    static final Duration STEP = Duration.ofMillis(50);

    final AtomicBoolean stop = new AtomicBoolean();
    final Map<String, Set<String>> idsByKey = new ConcurrentHashMap<>();
    final Set<String> retriedAfterRefusal = ConcurrentHashMap.newKeySet();
    final Set<String> unexpected = ConcurrentHashMap.newKeySet();
    final AtomicInteger refusedRaises = new AtomicInteger();
    final AtomicLong slowest = new AtomicLong();

    int acked() {
      return idsByKey.size();
    }

    void raiseAndCancel(String agentName, WsClient agent) {
      for (int n = 1; !stop.get(); n++) {
        long started = System.nanoTime();
        String key = agentName + "-" + n;
        JsonNode raised = untilAcked(agent, key, "raise", "clientKey", key);
        String id = raised.get("request").get("id").stringValue();
        idsByKey.computeIfAbsent(key, k -> ConcurrentHashMap.newKeySet()).add(id);
        // an acknowledged cancel frees the agent for the next raise (one open request each)
        untilAcked(agent, key, "cancel", "requestId", id);
        // a person's pace, not a flood: well inside the 50 frames a second a socket may send
        await()
            .atMost(Duration.ofSeconds(1))
            .until(() -> System.nanoTime() - started >= STEP.toNanos());
      }
    }

    /** Sends the frame until it is acknowledged; every reply must come, and come quickly. */
    private JsonNode untilAcked(WsClient agent, String key, String type, Object... fields) {
      AtomicReference<JsonNode> ack = new AtomicReference<>();
      AtomicBoolean refused = new AtomicBoolean();
      await()
          .atMost(Duration.ofSeconds(60))
          .pollDelay(Duration.ZERO)
          .pollInterval(Duration.ofMillis(100))
          .until(
              () -> {
                long start = System.nanoTime();
                // WsClient.call fails the test if no reply comes within 10 s: silence is a bug
                JsonNode reply = agent.call(type, fields);
                slowest.accumulateAndGet(
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start), Math::max);
                if ("ack".equals(WsClient.type(reply))) {
                  ack.set(reply);
                  return true;
                }
                String code = reply.path("code").asString("");
                if (!"unavailable".equals(code)) {
                  unexpected.add(type + " " + key + ": " + reply);
                }
                if ("raise".equals(type)) {
                  refusedRaises.incrementAndGet();
                  refused.set(true);
                }
                return false;
              });
      if (refused.get()) {
        retriedAfterRefusal.add(key);
      }
      return ack.get();
    }
  }

  @Test
  void clientsOfAKilledNodeCarryOnOnTheOtherAndItsOffersStillTimeOut() {
    EmbeddedRedis redis = new EmbeddedRedis(dir("node-kill"), 0, "everysec").start();
    try (TestNode survivor = TestNode.start(redis.uri().toString(), FAST_OFFERS);
        NodeProcess doomed =
            NodeProcess.start(redis.uri().toString(), FAST_OFFERS, dir("node-kill-logs"))) {
      Api api = new Api(survivor);
      // spec-1 and spec-2 both answer billing; spec-1, signed in first, is idle the longest
      WsClient spec1 = WsClient.signedIn(doomed, api.token("spec-1"));
      WsClient spec2 = WsClient.signedIn(survivor, api.token("spec-2"));
      String agentToken = api.token("agent-1");
      WsClient agent = WsClient.signedIn(doomed, agentToken);
      String id = raise(agent, UUID.randomUUID().toString(), "billing");
      spec1.awaitFrame(f -> isOfferOf(f, id));

      doomed.kill();

      agent.awaitClose();
      spec1.awaitClose();
      WsClient again = WsClient.signedIn(survivor, agentToken);
      JsonNode snapshot = again.awaitFrame(f -> "snapshot".equals(WsClient.type(f)));
      assertThat(snapshot.get("requests").valueStream().map(r -> r.get("id").stringValue()))
          .containsExactly(id);
      // spec-1's node renews no lease and sends no decline: the offer lapses on its timer, fired
      // by the surviving node, and moves on to spec-2
      JsonNode offer =
          await()
              .atMost(Duration.ofSeconds(15))
              .until(
                  () -> spec2.frames().stream().filter(f -> isOfferOf(f, id)).findFirst(),
                  Optional::isPresent)
              .orElseThrow();
      assertThat(offer.get("request").get("offeredTo").stringValue()).isEqualTo("spec-2");
      again.awaitRequest(id, r -> "spec-2".equals(r.path("offeredTo").asString("")));
      assertThat(survivor.bean(FloorAudit.class).problems(FLOOR)).isEmpty();
    } finally {
      redis.stop();
    }
  }

  @Test
  void pausedRedisReportsDownPromptlyAndTheNodeRecoversByItselfAfterwards() {
    EmbeddedRedis redis = new EmbeddedRedis(dir("pause"), 0, "everysec").start();
    Map<String, Object> settings = new HashMap<>(SMALL);
    // shorter than the 2 s Redis socket timeout: the check must not wait for the pool
    settings.put("handup.redis.health-timeout", "500ms");
    try (TestNode node = TestNode.start(redis.uri().toString(), settings)) {
      Api api = new Api(node);
      WsClient board = WsClient.signedIn(node, api.token("spec-1"));
      WsClient agent = WsClient.signedIn(node, api.token("agent-1"));
      assertThat(api.get("/actuator/health", null).status()).isEqualTo(200);
      assertThat(api.get("/actuator/health/readiness", null).status()).isEqualTo(200);
      String key = UUID.randomUUID().toString();

      signal("STOP", redis.pid());
      long raiseTook;
      try {
        long start = System.nanoTime();
        JsonNode refused = agent.call("raise", "clientKey", key);
        raiseTook = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertThat(refused.get("code").stringValue()).isEqualTo("unavailable");
        // for the 10 s of the pause every health check answers, and answers DOWN
        await()
            .during(Duration.ofSeconds(10))
            .atMost(Duration.ofSeconds(13))
            .pollInterval(Duration.ofMillis(500))
            .until(() -> answersDownWithin(api, Duration.ofMillis(1_500)));
        // out of the load balancer, but not restarted: a restart cannot bring Redis back
        assertThat(api.get("/actuator/health/readiness", null).status()).isEqualTo(503);
        assertThat(api.get("/actuator/health/liveness", null).status()).isEqualTo(200);
      } finally {
        signal("CONT", redis.pid());
      }
      assertThat(raiseTook)
          .as("a raise while Redis is stalled is refused in, ms")
          .isLessThan(9_000);

      await()
          .atMost(Duration.ofSeconds(15))
          .until(() -> api.get("/actuator/health", null).status() == 200);
      // the refused raise may have reached Redis before the pause ended: its retry is idempotent
      AtomicReference<JsonNode> ack = new AtomicReference<>();
      await()
          .atMost(Duration.ofSeconds(10))
          .pollInterval(Duration.ofMillis(200))
          .until(
              () -> {
                ack.set(agent.call("raise", "clientKey", key));
                return "ack".equals(WsClient.type(ack.get()));
              });
      String id = ack.get().get("request").get("id").stringValue();
      board.awaitRequest(id, r -> "QUEUED".equals(r.get("state").stringValue()));
      assertThat(node.bean(UnifiedJedis.class).zrange(Keys.floor(FLOOR).history(), 0, -1))
          .containsExactly(id);
    } finally {
      redis.stop();
    }
  }

  private static boolean answersDownWithin(Api api, Duration limit) {
    long start = System.nanoTime();
    Api.Response health = api.get("/actuator/health", null);
    long took = System.nanoTime() - start;
    return health.status() == 503 && took < limit.toNanos();
  }

  @Test
  void serviceFollowsASentinelFailoverAndKeepsWhatWasReplicated() {
    Path base = dir("sentinel");
    EmbeddedRedis master = new EmbeddedRedis(base.resolve("master"), 0, "everysec").start();
    List<RedisProcess> processes = new ArrayList<>();
    try {
      RedisProcess replica = RedisProcess.replica(base.resolve("replica"), master.port());
      processes.add(replica);
      // sentinels learn of replicas from the master's INFO, polled every 10 s: a replica that is
      // in sync before they start is known at once
      try (Jedis onReplica = replica.client()) {
        await()
            .atMost(Duration.ofSeconds(10))
            .until(() -> onReplica.info("replication").contains("master_link_status:up"));
      }
      List<String> sentinels = new ArrayList<>();
      for (int i = 1; i <= 3; i++) {
        RedisProcess sentinel =
            RedisProcess.sentinel(base.resolve("sentinel-" + i), "handup", master.port());
        processes.add(sentinel);
        sentinels.add("127.0.0.1:" + sentinel.port());
      }
      // a failover needs the sentinels to know the replica and each other (a quorum of 2)
      await()
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(250))
          .ignoreExceptions()
          .until(() -> sentinelsReady(processes.subList(1, 4)));

      Map<String, Object> settings = new HashMap<>(SMALL);
      settings.put("handup.redis.sentinel.master", "handup");
      settings.put("handup.redis.sentinel.nodes", String.join(",", sentinels));
      try (TestNode node = TestNode.start("", settings)) {
        Api api = new Api(node);
        WsClient board = WsClient.signedIn(node, api.token("spec-1"));
        List<String> acknowledged = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
          WsClient agent = WsClient.signedIn(node, api.token("agent-" + i));
          acknowledged.add(raise(agent, UUID.randomUUID().toString(), null));
        }
        // replication is asynchronous: only what reached the replica survives the master's death
        try (Jedis onReplica = replica.client()) {
          await()
              .atMost(Duration.ofSeconds(10))
              .until(
                  () ->
                      acknowledged.stream()
                          .allMatch(id -> onReplica.exists(Keys.floor(FLOOR).request(id))));
        }

        WsClient agent = WsClient.signedIn(node, api.token("agent-11"));
        String manager = api.token("manager");

        long killedAt = System.nanoTime();
        master.kill();

        String key = UUID.randomUUID().toString();
        AtomicReference<JsonNode> ack = new AtomicReference<>();
        await()
            .atMost(Duration.ofSeconds(25))
            .pollInterval(Duration.ofMillis(250))
            .ignoreExceptions()
            .until(
                () -> {
                  ack.set(agent.call("raise", "clientKey", key));
                  return "ack".equals(WsClient.type(ack.get()));
                });
        long failoverMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedAt);
        assertThat(failoverMillis).as("raises work again after, ms").isLessThan(20_000);
        String afterFailover = ack.get().get("request").get("id").stringValue();
        // the event follower's blocking read moved to the new master too
        board.awaitRequest(afterFailover, r -> true);

        for (String id : acknowledged) {
          assertThat(api.get("/api/requests/" + id, manager).status()).as(id).isEqualTo(200);
        }
        assertThat(afterFailover).isNotIn(acknowledged);
      }
    } finally {
      processes.forEach(RedisProcess::close);
      master.kill();
    }
  }

  private static boolean sentinelsReady(List<RedisProcess> sentinels) {
    for (RedisProcess sentinel : sentinels) {
      try (Jedis jedis = sentinel.client()) {
        Map<String, String> master = jedis.sentinelMaster("handup");
        if (Integer.parseInt(master.get("num-other-sentinels")) < 2
            || Integer.parseInt(master.get("num-slaves")) < 1) {
          return false;
        }
      }
    }
    return true;
  }

  private static String raise(WsClient agent, String clientKey, String topic) {
    Object[] fields =
        topic == null
            ? new Object[] {"clientKey", clientKey}
            : new Object[] {"clientKey", clientKey, "topic", topic};
    return agent.ack("raise", fields).get("request").get("id").stringValue();
  }

  private static boolean isOfferOf(JsonNode frame, String id) {
    return "offer".equals(WsClient.type(frame))
        && id.equals(frame.path("request").path("id").asString(""));
  }

  /** Sends a signal with kill(1): the JDK can send TERM and KILL but not STOP and CONT. */
  private static void signal(String signal, long pid) {
    try {
      Process kill = new ProcessBuilder("kill", "-" + signal, String.valueOf(pid)).start();
      if (!kill.waitFor(5, TimeUnit.SECONDS) || kill.exitValue() != 0) {
        throw new IllegalStateException("kill -" + signal + " " + pid + " failed");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static Path dir(String name) {
    return Path.of("target", "test-redis", name + "-" + UUID.randomUUID());
  }
}

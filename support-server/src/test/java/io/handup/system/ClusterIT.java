package io.handup.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.handup.testing.Api;
import io.handup.testing.RedisCluster;
import io.handup.testing.TestNode;
import io.handup.testing.WsClient;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisCluster;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.resps.StreamEntry;
import redis.clients.jedis.resps.StreamGroupInfo;
import redis.clients.jedis.util.JedisClusterCRC16;
import tools.jackson.databind.JsonNode;

/**
 * Two real nodes on a real three-shard Redis Cluster, with a floor on each shard: everything a
 * floor does stays in its slot, and each node follows every floor's stream however the floors are
 * spread.
 */
class ClusterIT {

  private static RedisCluster cluster;
  private static TestNode nodeA;
  private static TestNode nodeB;

  /** Floor name by the shard it lives on. */
  private static final Map<Integer, String> floors = new LinkedHashMap<>();

  private final List<WsClient> sockets = new ArrayList<>();

  @BeforeAll
  static void start() {
    cluster = RedisCluster.start(3);
    Map<String, Object> onCluster =
        Map.of(
            "handup.redis.cluster.nodes", cluster.nodes(),
            "handup.demo.agents", 20,
            "handup.demo.specialists", 10);
    nodeA = TestNode.start("", onCluster);
    nodeB = TestNode.start("", onCluster);
    floors.put(cluster.shardOf(Keys.floor("demo").events()), "demo");
    for (int i = 1; floors.size() < cluster.shards(); i++) {
      floors.putIfAbsent(cluster.shardOf(Keys.floor("floor-" + i).events()), "floor-" + i);
    }
  }

  @AfterAll
  static void stop() {
    if (nodeB != null) {
      nodeB.close();
    }
    if (nodeA != null) {
      nodeA.close();
    }
    if (cluster != null) {
      cluster.close();
    }
  }

  @AfterEach
  void closeSockets() {
    sockets.forEach(WsClient::close);
  }

  @Test
  void aRequestTravelsAcrossNodesAndShards() {
    assertThat(nodeA.bean(UnifiedJedis.class)).isInstanceOf(JedisCluster.class);
    String admin = new Api(nodeA).token("admin");
    for (Map.Entry<Integer, String> floor : floors.entrySet()) {
      corePath(admin, floor.getValue());
      int slot = JedisClusterCRC16.getSlot(Keys.floor(floor.getValue()).events());
      try (Jedis shard = cluster.node(floor.getKey())) {
        assertThat(shard.clusterCountKeysInSlot(slot))
            .as("the keys of %s on shard %d", floor.getValue(), floor.getKey())
            .isGreaterThan(5);
      }
    }
  }

  @Test
  void healthIsUpWhenEveryMasterAnswers() {
    Api.Response health = new Api(nodeB).get("/actuator/health", null);

    assertThat(health.status()).isEqualTo(200);
    assertThat(health.json().get("status").stringValue()).isEqualTo("UP");
  }

  @Test
  void aSettingChangedOnOneNodeActsOnTheOther() {
    String admin = new Api(nodeA).token("admin");
    Map<String, Object> change = new HashMap<>();
    change.put(LiveSettings.OFFER_TIMEOUT, "47s");
    change.put(LiveSettings.REQUEST_EXPIRY, null);
    assertThat(new Api(nodeA).put("/api/admin/settings", admin, change).status()).isEqualTo(200);

    LiveSettings onB = nodeB.bean(LiveSettings.class);
    await().atMost(Duration.ofSeconds(5)).until(() -> onB.offerTimeout().toSeconds() == 47);
    change.put(LiveSettings.OFFER_TIMEOUT, null);
    assertThat(new Api(nodeB).put("/api/admin/settings", admin, change).status()).isEqualTo(200);
    assertThat(nodeB.bean(UnifiedJedis.class).hgetAll(Keys.settings())).isEmpty();
  }

  /**
   * Raise on node A, seen on a board of node B, claimed, talked over, resolved, rated, counted,
   * written up as an answer that both nodes find.
   */
  private void corePath(String admin, String floor) {
    String tag = floor + "-" + UUID.randomUUID().toString().substring(0, 6);
    String agentId = "agent-" + tag;
    String specialistId = "spec-" + tag;
    String managerId = "manager-" + tag;
    createUser(admin, managerId, "MANAGER", floor, List.of());
    createUser(admin, agentId, "AGENT", floor, List.of());
    createUser(admin, specialistId, "SPECIALIST", floor, List.of("billing"));

    WsClient agent = socket(nodeA, agentId);
    WsClient specialist = socket(nodeB, specialistId);
    String id =
        agent
            .ack("raise", "clientKey", UUID.randomUUID().toString(), "topic", "billing")
            .get("request")
            .get("id")
            .stringValue();
    specialist.awaitRequest(id, r -> "QUEUED".equals(r.get("state").stringValue()));

    specialist.ack("claim", "requestId", id);
    agent.awaitRequest(id, r -> "CLAIMED".equals(r.get("state").stringValue()));
    agent.ack("say", "requestId", id, "text", "Customer on " + floor + " asks about a charge");
    JsonNode heard = specialist.awaitFrame(f -> "said".equals(WsClient.type(f)));
    assertThat(heard.get("text").stringValue()).contains(floor);
    specialist.ack("say", "requestId", id, "text", "Refund it");
    agent.awaitFrame(
        f -> "said".equals(WsClient.type(f)) && specialistId.equals(f.get("from").stringValue()));
    specialist.ack("resolve", "requestId", id, "outcome", "ANSWERED", "note", "refund");
    agent.awaitRequest(id, r -> "RESOLVED".equals(r.get("state").stringValue()));
    agent.ack("rate", "requestId", id, "score", 5);
    specialist.awaitRequest(id, r -> r.get("rated").booleanValue());

    JsonNode summary =
        new Api(nodeB).get("/api/reports/summary", new Api(nodeB).mint(managerId)).json();
    assertThat(summary.get("raised").asLong()).as("raised on %s", floor).isEqualTo(1);
    assertThat(summary.get("resolved").asLong()).isEqualTo(1);
    assertThat(summary.get("ratingCount").asLong()).isEqualTo(1);
    awaitRolledUp(floor);

    String word = "zq" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    Map<String, Object> entry = new HashMap<>();
    entry.put("topic", "billing");
    entry.put("question", "Why was the customer charged twice " + word + "?");
    entry.put("answer", "The billing tab refunds the second charge.");
    entry.put("requestId", id);
    Api.Response created =
        new Api(nodeB).post("/api/knowledge", new Api(nodeB).mint(specialistId), entry);
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    String entryId = created.json().get("id").stringValue();
    for (TestNode node : List.of(nodeA, nodeB)) {
      Api api = new Api(node);
      String token = api.mint(agentId);
      await()
          .atMost(Duration.ofSeconds(5))
          .until(
              () ->
                  api.get("/api/knowledge?q=" + enc(word) + "&topic=billing", token)
                      .json()
                      .get("entries")
                      .valueStream()
                      .anyMatch(e -> entryId.equals(e.get("id").stringValue())));
    }
  }

  /** The rollup followers read the floor's stream: their group has taken every event. */
  private static void awaitRolledUp(String floor) {
    UnifiedJedis jedis = nodeA.bean(UnifiedJedis.class);
    String stream = Keys.floor(floor).events();
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () -> {
              List<StreamEntry> last = jedis.xrevrange(stream, "+", "-", 1);
              List<StreamGroupInfo> groups = jedis.xinfoGroups(stream);
              return !groups.isEmpty()
                  && groups.stream()
                      .allMatch(
                          g ->
                              g.getPending() == 0
                                  && g.getLastDeliveredId().equals(last.get(0).getID()));
            });
  }

  private static void createUser(
      String admin, String id, String role, String floor, List<String> skills) {
    Map<String, Object> body = new HashMap<>();
    body.put("id", id);
    body.put("name", "Test " + id);
    body.put("roles", List.of(role));
    body.put("floor", floor);
    body.put("skills", skills);
    Api.Response response = new Api(nodeA).post("/api/admin/users", admin, body);
    assertThat(response.status()).as(response.body()).isEqualTo(201);
  }

  private WsClient socket(TestNode node, String user) {
    WsClient client = WsClient.signedIn(node, new Api(node).mint(user));
    sockets.add(client);
    return client;
  }

  private static String enc(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }
}

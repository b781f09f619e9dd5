package io.handup.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.handup.directory.User;
import io.handup.system.Keys;
import io.handup.testing.Api;
import io.handup.testing.OwnFloor;
import io.handup.testing.OwnRedisNodes;
import io.handup.testing.TestNode;
import io.handup.testing.WsClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.UnifiedJedis;
import tools.jackson.databind.JsonNode;

/**
 * Routing on three real nodes sharing one real Redis, with short timers. Each test builds a floor
 * of its own, so only the specialists it connects can be offered anything.
 */
class DispatcherIT {

  private static final Duration OFFER_TIMEOUT = Duration.ofSeconds(1);

  private static final Map<String, Object> FAST =
      Map.of(
          "handup.auto-offer", true,
          "handup.offer-timeout", "1s",
          "handup.request-expiry", "6s",
          "handup.reconnect-grace", "1s",
          "handup.timer-poll", "100ms",
          "handup.dispatch-interval", "200ms",
          "handup.demo.agents", 20,
          "handup.demo.specialists", 4);

  private static OwnRedisNodes own;
  private static TestNode nodeA;
  private static TestNode nodeB;
  private static TestNode nodeC;

  private final OwnFloor floor = new OwnFloor("dispatch", nodeA);

  @BeforeAll
  static void startNodes() {
    own = OwnRedisNodes.start("dispatch", 3, FAST);
    nodeA = own.node(0);
    nodeB = own.node(1);
    nodeC = own.node(2);
  }

  @AfterAll
  static void stopNodes() {
    if (own != null) {
      own.close();
    }
  }

  @AfterEach
  void closeSockets() {
    floor.close();
  }

  @Test
  void requestIsOfferedToTheSkilledSpecialistIdleTheLongest() {
    floor.people(
        floor.agent("a1", null),
        floor.specialist("billing-1", "billing"),
        floor.specialist("billing-2", "billing"),
        floor.specialist("tech", "technical"));
    WsClient longestIdle = floor.connect(nodeA, "billing-1");
    WsClient later = floor.connect(nodeB, "billing-2");
    WsClient tech = floor.connect(nodeB, "tech");
    WsClient agent = floor.connect(nodeC, "a1");

    String id = agent.raise("billing");

    JsonNode offer = longestIdle.awaitFrame(f -> "offer".equals(WsClient.type(f)));
    assertThat(offer.get("request").get("id").stringValue()).isEqualTo(id);
    assertThat(offer.get("expiresAt").stringValue()).endsWith("Z");
    // the first offer every board sees; later ones follow when this one lapses
    JsonNode onOtherBoard = tech.awaitRequest(id, r -> "OFFERED".equals(state(r)));
    assertThat(onOtherBoard.get("offeredTo").stringValue()).isEqualTo(floor.qualified("billing-1"));
    JsonNode onLatersBoard = later.awaitRequest(id, r -> "OFFERED".equals(state(r)));
    assertThat(onLatersBoard.get("offeredTo").stringValue())
        .isEqualTo(floor.qualified("billing-1"));
  }

  @Test
  void specialistInAgentsReportingLineIsNeverOffered() {
    floor.people(
        floor.agent("mentee", "mentor"),
        floor.specialist("mentor", "policy"),
        floor.specialist("other", "policy"));
    WsClient mentor = floor.connect(nodeA, "mentor");
    WsClient agent = floor.connect(nodeB, "mentee");

    // many raises, each over several dispatch rounds (one every 200 ms) and a skill fallback
    for (int i = 0; i < 3; i++) {
      agent.ack("cancel", "requestId", agent.raise("policy"));
    }
    String id = agent.raise("policy");
    await()
        .during(OFFER_TIMEOUT.multipliedBy(2))
        .atMost(OFFER_TIMEOUT.multipliedBy(4))
        .until(() -> mentor.frames().stream().noneMatch(f -> "offer".equals(WsClient.type(f))));
    WsClient other = floor.connect(nodeC, "other");
    JsonNode offer = other.awaitFrame(f -> "offer".equals(WsClient.type(f)));
    assertThat(offer.get("request").get("id").stringValue()).isEqualTo(id);
    assertThat(mentor.call("claim", "requestId", id).get("code").stringValue())
        .isEqualTo("reporting_line");
  }

  @Test
  void declinedOfferGoesToTheNextSpecialist() {
    floor.people(
        floor.agent("a1", null),
        floor.specialist("first", "billing"),
        floor.specialist("second", "billing"));
    WsClient first = floor.connect(nodeA, "first");
    WsClient second = floor.connect(nodeB, "second");
    String id = floor.connect(nodeC, "a1").raise("billing");
    first.awaitFrame(f -> "offer".equals(WsClient.type(f)));

    first.ack("decline", "requestId", id);

    JsonNode offer = second.awaitFrame(f -> "offer".equals(WsClient.type(f)));
    assertThat(offer.get("request").get("id").stringValue()).isEqualTo(id);
  }

  @Test
  void specialistWhoLetsTwoOffersLapseIsSetAwayAndTold() {
    floor.people(
        floor.agent("a1", null), floor.agent("a2", null), floor.specialist("sleepy", "technical"));
    WsClient sleepy = floor.connect(nodeA, "sleepy");
    String first = floor.connect(nodeB, "a1").raise("technical");
    sleepy.awaitFrame(f -> "offer".equals(WsClient.type(f)) && WsClient.requestId(f).equals(first));
    sleepy.awaitRequest(first, r -> "QUEUED".equals(state(r)) && r.get("offeredTo").isNull());
    String second = floor.connect(nodeC, "a2").raise("technical");

    sleepy.awaitFrame(
        f -> "offer".equals(WsClient.type(f)) && WsClient.requestId(f).equals(second));
    JsonNode away =
        sleepy.awaitFrame(
            f ->
                "presence".equals(WsClient.type(f))
                    && "AWAY".equals(f.get("specialist").get("status").stringValue()));

    assertThat(away.get("specialist").get("reason").stringValue()).isEqualTo("lapsed");
  }

  @Test
  void unskilledSpecialistIsOfferedOnceOneRoundPassedWithNoSkilledTaker() {
    floor.people(floor.agent("a1", null), floor.specialist("tech", "technical"));
    WsClient tech = floor.connect(nodeA, "tech");
    long raisedAt = System.nanoTime();

    String id = floor.connect(nodeB, "a1").raise("policy");

    tech.awaitFrame(f -> "offer".equals(WsClient.type(f)) && WsClient.requestId(f).equals(id));
    assertThat(Duration.ofNanos(System.nanoTime() - raisedAt))
        .isGreaterThanOrEqualTo(OFFER_TIMEOUT);
  }

  @Test
  void unclaimedRequestExpiresOnceAndTheAgentIsTold() {
    floor.people(floor.agent("a1", null));
    WsClient agent = floor.connect(nodeA, "a1");

    String id = agent.raise(null);

    JsonNode expired =
        await()
            .atMost(Duration.ofSeconds(12))
            .until(
                () ->
                    agent.frames().stream()
                        .filter(
                            f ->
                                "request".equals(WsClient.type(f))
                                    && WsClient.requestId(f).equals(id))
                        .filter(f -> "EXPIRED".equals(state(f.get("request"))))
                        .findFirst(),
                Optional::isPresent)
            .orElseThrow()
            .get("request");
    assertThat(expired.get("expiredAt").isNull()).isFalse();
    await()
        .during(Duration.ofSeconds(1))
        .atMost(Duration.ofSeconds(3))
        .until(
            () ->
                agent.frames().stream()
                        .filter(
                            f ->
                                "request".equals(WsClient.type(f))
                                    && WsClient.requestId(f).equals(id))
                        .filter(f -> "EXPIRED".equals(state(f.get("request"))))
                        .count()
                    == 1);
  }

  @Test
  void everyOfferAndExpiryOfTwoHundredRequestsEndsExactlyOnceThoughANodeDiesMidway() {
    List<User> people = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      people.add(floor.agent("many-" + i, null));
    }
    for (int i = 0; i < 3; i++) {
      people.add(floor.specialist("silent-" + i, "billing"));
    }
    floor.people(people.toArray(User[]::new));
    for (int i = 0; i < 3; i++) {
      floor.connect(nodeB, "silent-" + i);
    }
    TestNode doomed = TestNode.start(own.redisUri(), FAST);
    List<TestNode> nodes = List.of(nodeA, nodeB, nodeC, doomed);
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      Api api = new Api(nodes.get(i % nodes.size()));
      ids.add(
          api.post(
                  "/api/requests",
                  api.mint(floor.qualified("many-" + i)),
                  Map.of("clientKey", UUID.randomUUID().toString(), "topic", "billing"))
              .json()
              .get("id")
              .stringValue());
    }
    doomed.close();
    UnifiedJedis jedis = nodeA.bean(UnifiedJedis.class);
    String stream = Keys.floor(floor.name()).events();

    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> ended(states(jedis, stream), "EXPIRED") >= ids.size());
    await()
        .during(Duration.ofSeconds(1))
        .atMost(Duration.ofSeconds(3))
        .until(() -> ended(states(jedis, stream), "EXPIRED") == ids.size());

    Map<String, List<String>> states = states(jedis, stream);
    assertThat(states.keySet()).containsExactlyInAnyOrderElementsOf(ids);
    int offers = 0;
    for (List<String> history : states.values()) {
      assertThat(history).filteredOn("EXPIRED"::equals).hasSize(1);
      for (int i = 0; i < history.size(); i++) {
        if ("OFFERED".equals(history.get(i))) {
          offers++;
          assertThat(history.get(i + 1))
              .as("an offer ends once: %s", history)
              .isIn("QUEUED", "EXPIRED");
        }
      }
    }
    assertThat(offers).as("the silent specialists were offered some").isPositive();
  }

  /** Each request's states in the order the floor's stream recorded them. */
  private static Map<String, List<String>> states(UnifiedJedis jedis, String stream) {
    Map<String, List<String>> states = new LinkedHashMap<>();
    for (var entry : jedis.xrange(stream, "-", "+")) {
      if ("request".equals(entry.getFields().get("kind"))) {
        JsonNode r = Api.JSON.readTree(entry.getFields().get("data"));
        states
            .computeIfAbsent(r.get("id").stringValue(), k -> new ArrayList<>())
            .add(r.get("state").stringValue());
      }
    }
    return states;
  }

  private static long ended(Map<String, List<String>> states, String state) {
    return states.values().stream().filter(h -> h.contains(state)).count();
  }

  @Test
  void urgentRequestIsOfferedBeforeAnOlderOne() {
    floor.people(
        floor.agent("calm", null), floor.agent("hurried", null), floor.specialist("s1", "billing"));
    WsClient specialist = floor.connect(nodeA, "s1");
    specialist.ack("presence", "status", "AWAY");
    String older = floor.connect(nodeB, "calm").raise("billing");
    String urgent =
        floor
            .connect(nodeC, "hurried")
            .ack(
                "raise",
                "clientKey",
                UUID.randomUUID().toString(),
                "topic",
                "billing",
                "urgent",
                true)
            .get("request")
            .get("id")
            .stringValue();

    specialist.ack("presence", "status", "AVAILABLE");

    JsonNode first = specialist.awaitFrame(f -> "offer".equals(WsClient.type(f)));
    assertThat(WsClient.requestId(first)).isEqualTo(urgent).isNotEqualTo(older);
  }

  @Test
  void floorStaysConsistentWhilePeopleOnThreeNodesActAtRandom() {
    List<User> people = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      people.add(floor.agent("rand-a" + i, i == 0 ? "rand-s0" : null));
    }
    for (int i = 0; i < 5; i++) {
      people.add(floor.specialist("rand-s" + i, i % 2 == 0 ? "billing" : "technical"));
    }
    floor.people(people.toArray(User[]::new));
    List<TestNode> nodes = List.of(nodeA, nodeB, nodeC);
    List<WsClient> agents = new ArrayList<>();
    List<WsClient> specialists = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      agents.add(floor.connect(nodes.get(i % 3), "rand-a" + i));
    }
    for (int i = 0; i < 5; i++) {
      specialists.add(floor.connect(nodes.get(i % 3), "rand-s" + i));
    }
    Random random = new Random(42);
    List<String> seen = new ArrayList<>();

    for (int step = 0; step < 600; step++) {
      if (random.nextInt(3) == 0) {
        WsClient agent = agents.get(random.nextInt(agents.size()));
        switch (random.nextInt(4)) {
          case 0, 1 -> {
            JsonNode reply =
                agent.call(
                    "raise",
                    "clientKey",
                    UUID.randomUUID().toString(),
                    "topic",
                    random.nextBoolean() ? "billing" : "technical",
                    "urgent",
                    random.nextInt(5) == 0);
            if ("ack".equals(WsClient.type(reply))) {
              seen.add(reply.get("request").get("id").stringValue());
            }
          }
          case 2 -> agent.call("cancel", "requestId", pick(seen, random));
          default ->
              agent.call("rate", "requestId", pick(seen, random), "score", 1 + random.nextInt(5));
        }
      } else {
        WsClient specialist = specialists.get(random.nextInt(specialists.size()));
        String request = pick(seen, random);
        switch (random.nextInt(7)) {
          case 0, 1 -> specialist.call("claim", "requestId", request);
          case 2 -> specialist.call("resolve", "requestId", request);
          case 3 -> specialist.call("release", "requestId", request);
          case 4 -> specialist.call("decline", "requestId", request);
          case 5 ->
              specialist.call(
                  "transfer",
                  "requestId",
                  request,
                  "to",
                  floor.qualified("rand-s" + random.nextInt(5)));
          default ->
              specialist.call("presence", "status", random.nextBoolean() ? "AVAILABLE" : "AWAY");
        }
      }
    }

    assertThat(seen).isNotEmpty();
    assertThat(nodeA.bean(FloorAudit.class).problems(floor.name())).isEmpty();
  }

  private static String pick(List<String> ids, Random random) {
    return ids.isEmpty() ? "r0" : ids.get(random.nextInt(ids.size()));
  }

  @Test
  void offerTimesOutOnTimeWhenTheNodeThatMadeItIsGone() {
    floor.people(floor.agent("a1", null), floor.specialist("s1", "billing"));
    WsClient board = floor.connect(nodeA, "s1");
    TestNode doomed =
        TestNode.start(
            own.redisUri(),
            Map.of(
                "handup.offer-timeout", "1s",
                "handup.demo.enabled", false,
                "handup.auto-offer", true));
    WsClient agent = WsClient.signedIn(doomed, new Api(doomed).mint(floor.qualified("a1")));
    String id =
        agent
            .ack("raise", "clientKey", UUID.randomUUID().toString())
            .get("request")
            .get("id")
            .stringValue();
    board.awaitFrame(f -> "offer".equals(WsClient.type(f)) && WsClient.requestId(f).equals(id));
    agent.close();
    doomed.close();

    board.awaitRequest(id, r -> "QUEUED".equals(state(r)) && r.get("offeredTo").isNull());
  }

  @Test
  void specialistWithTwoTabsStaysOnlineUntilTheLastClosesThenTheirOfferMovesOn() {
    floor.people(
        floor.agent("a1", null),
        floor.specialist("tabs", "billing"),
        floor.specialist("watcher", "billing"));
    WsClient tabOnA = floor.connect(nodeA, "tabs");
    WsClient tabOnB = floor.connect(nodeB, "tabs");
    WsClient watcher = floor.connect(nodeC, "watcher");
    watcher.ack("presence", "status", "AWAY");

    tabOnA.close();
    await()
        .during(Duration.ofSeconds(2))
        .atMost(Duration.ofSeconds(4))
        .until(() -> status(watcher, "tabs").equals("AVAILABLE"));

    String id = floor.connect(nodeA, "a1").raise("billing");
    tabOnB.awaitFrame(f -> "offer".equals(WsClient.type(f)) && WsClient.requestId(f).equals(id));
    watcher.ack("presence", "status", "AVAILABLE");
    tabOnB.close();

    await().atMost(Duration.ofSeconds(5)).until(() -> status(watcher, "tabs").equals("OFFLINE"));
    watcher.awaitFrame(f -> "offer".equals(WsClient.type(f)) && WsClient.requestId(f).equals(id));
  }

  @Test
  void claimedRequestSurvivesTheSpecialistsReconnect() {
    floor.people(floor.agent("a1", null), floor.specialist("s1", "billing"));
    WsClient first = floor.connect(nodeA, "s1");
    String id = floor.connect(nodeB, "a1").raise(null);
    first.ack("claim", "requestId", id);
    first.close();

    WsClient again = floor.connect(nodeC, "s1");

    JsonNode snapshot = again.awaitFrame(f -> "snapshot".equals(WsClient.type(f)));
    assertThat(snapshot.get("requests"))
        .anySatisfy(
            r -> {
              assertThat(r.get("id").stringValue()).isEqualTo(id);
              assertThat(r.get("specialistId").stringValue()).isEqualTo(floor.qualified("s1"));
            });
    again.ack("resolve", "requestId", id);
  }

  private String status(WsClient board, String specialist) {
    String wanted = floor.qualified(specialist);
    String status = "OFFLINE";
    for (JsonNode f : board.frames()) {
      if ("snapshot".equals(WsClient.type(f))) {
        for (JsonNode s : f.get("specialists")) {
          if (wanted.equals(s.get("id").stringValue())) {
            status = s.get("status").stringValue();
          }
        }
      } else if ("presence".equals(WsClient.type(f))
          && wanted.equals(f.get("specialist").get("id").stringValue())) {
        status = f.get("specialist").get("status").stringValue();
      }
    }
    return status;
  }

  private static String state(JsonNode request) {
    return request.get("state").stringValue();
  }
}

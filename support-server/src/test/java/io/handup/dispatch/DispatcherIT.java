package io.handup.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.handup.directory.Directory;
import io.handup.directory.Role;
import io.handup.directory.User;
import io.handup.system.EmbeddedRedis;
import io.handup.system.Keys;
import io.handup.testing.Api;
import io.handup.testing.TestNode;
import io.handup.testing.WsClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.JedisPooled;
import tools.jackson.databind.JsonNode;

/**
 * Routing on three real nodes sharing one real Redis, with short timers. Each test builds a floor
 * of its own, so only the specialists it connects can be offered anything.
 */
class DispatcherIT {

  private static final Duration OFFER_TIMEOUT = Duration.ofSeconds(1);
  private static final AtomicInteger floors = new AtomicInteger();

  private static EmbeddedRedis redis;
  private static TestNode nodeA;
  private static TestNode nodeB;
  private static TestNode nodeC;

  private final List<WsClient> sockets = new ArrayList<>();
  private final String floor = "dispatch-" + floors.incrementAndGet();

  @BeforeAll
  static void startNodes() {
    redis =
        new EmbeddedRedis(
                Path.of("target", "test-redis", "dispatch-" + UUID.randomUUID()), 0, "everysec")
            .start();
    Map<String, Object> fast =
        Map.of(
            "handup.offer-timeout", "1s",
            "handup.request-expiry", "6s",
            "handup.reconnect-grace", "1s",
            "handup.timer-poll", "100ms",
            "handup.dispatch-interval", "200ms",
            "handup.demo.agents", 20,
            "handup.demo.specialists", 4);
    nodeA = TestNode.start(redis.uri().toString(), fast);
    nodeB = TestNode.start(redis.uri().toString(), fast);
    nodeC = TestNode.start(redis.uri().toString(), fast);
  }

  @AfterAll
  static void stopNodes() {
    for (TestNode node : new TestNode[] {nodeA, nodeB, nodeC}) {
      if (node != null && node.context().isActive()) {
        node.close();
      }
    }
    redis.stop();
  }

  @AfterEach
  void closeSockets() {
    sockets.forEach(WsClient::close);
  }

  @Test
  void requestIsOfferedToTheSkilledSpecialistIdleTheLongest() {
    people(
        agent("a1", null),
        specialist("billing-1", "billing"),
        specialist("billing-2", "billing"),
        specialist("tech", "technical"));
    WsClient longestIdle = connect(nodeA, "billing-1");
    WsClient later = connect(nodeB, "billing-2");
    WsClient tech = connect(nodeB, "tech");
    WsClient agent = connect(nodeC, "a1");

    String id = raise(agent, "billing");

    JsonNode offer = longestIdle.awaitFrame(f -> "offer".equals(WsClient.type(f)));
    assertThat(offer.get("request").get("id").stringValue()).isEqualTo(id);
    assertThat(offer.get("expiresAt").stringValue()).endsWith("Z");
    // the first offer every board sees; later ones follow when this one lapses
    JsonNode onOtherBoard = tech.awaitRequest(id, r -> "OFFERED".equals(state(r)));
    assertThat(onOtherBoard.get("offeredTo").stringValue()).isEqualTo(qualified("billing-1"));
    JsonNode onLatersBoard = later.awaitRequest(id, r -> "OFFERED".equals(state(r)));
    assertThat(onLatersBoard.get("offeredTo").stringValue()).isEqualTo(qualified("billing-1"));
  }

  @Test
  void specialistInAgentsReportingLineIsNeverOffered() {
    people(
        agent("mentee", "mentor"), specialist("mentor", "policy"), specialist("other", "policy"));
    WsClient mentor = connect(nodeA, "mentor");
    WsClient agent = connect(nodeB, "mentee");

    String id = raise(agent, "policy");

    await()
        .during(OFFER_TIMEOUT.multipliedBy(3))
        .atMost(OFFER_TIMEOUT.multipliedBy(5))
        .until(() -> mentor.frames().stream().noneMatch(f -> "offer".equals(WsClient.type(f))));
    WsClient other = connect(nodeC, "other");
    JsonNode offer = other.awaitFrame(f -> "offer".equals(WsClient.type(f)));
    assertThat(offer.get("request").get("id").stringValue()).isEqualTo(id);
    assertThat(mentor.call("claim", "requestId", id).get("code").stringValue())
        .isEqualTo("reporting_line");
  }

  @Test
  void declinedOfferGoesToTheNextSpecialist() {
    people(agent("a1", null), specialist("first", "billing"), specialist("second", "billing"));
    WsClient first = connect(nodeA, "first");
    WsClient second = connect(nodeB, "second");
    String id = raise(connect(nodeC, "a1"), "billing");
    first.awaitFrame(f -> "offer".equals(WsClient.type(f)));

    first.ack("decline", "requestId", id);

    JsonNode offer = second.awaitFrame(f -> "offer".equals(WsClient.type(f)));
    assertThat(offer.get("request").get("id").stringValue()).isEqualTo(id);
  }

  @Test
  void specialistWhoLetsTwoOffersLapseIsSetAwayAndTold() {
    people(agent("a1", null), agent("a2", null), specialist("sleepy", "technical"));
    WsClient sleepy = connect(nodeA, "sleepy");
    String first = raise(connect(nodeB, "a1"), "technical");
    sleepy.awaitFrame(f -> "offer".equals(WsClient.type(f)) && id(f).equals(first));
    sleepy.awaitRequest(first, r -> "QUEUED".equals(state(r)) && r.get("offeredTo").isNull());
    String second = raise(connect(nodeC, "a2"), "technical");

    sleepy.awaitFrame(f -> "offer".equals(WsClient.type(f)) && id(f).equals(second));
    JsonNode away =
        sleepy.awaitFrame(
            f ->
                "presence".equals(WsClient.type(f))
                    && "AWAY".equals(f.get("specialist").get("status").stringValue()));

    assertThat(away.get("specialist").get("reason").stringValue()).isEqualTo("lapsed");
  }

  @Test
  void unskilledSpecialistIsOfferedOnceOneRoundPassedWithNoSkilledTaker() {
    people(agent("a1", null), specialist("tech", "technical"));
    WsClient tech = connect(nodeA, "tech");
    long raisedAt = System.nanoTime();

    String id = raise(connect(nodeB, "a1"), "policy");

    tech.awaitFrame(f -> "offer".equals(WsClient.type(f)) && id(f).equals(id));
    assertThat(Duration.ofNanos(System.nanoTime() - raisedAt))
        .isGreaterThanOrEqualTo(OFFER_TIMEOUT);
  }

  @Test
  void unclaimedRequestExpiresOnceAndTheAgentIsTold() {
    people(agent("a1", null));
    WsClient agent = connect(nodeA, "a1");

    String id = raise(agent, null);

    JsonNode expired =
        await()
            .atMost(Duration.ofSeconds(12))
            .until(
                () ->
                    agent.frames().stream()
                        .filter(f -> "request".equals(WsClient.type(f)) && id(f).equals(id))
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
                        .filter(f -> "request".equals(WsClient.type(f)) && id(f).equals(id))
                        .filter(f -> "EXPIRED".equals(state(f.get("request"))))
                        .count()
                    == 1);
  }

  @Test
  void eachOfManyTimersFiresExactlyOnceAcrossThreeNodes() {
    List<User> agents = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      agents.add(agent("many-" + i, null));
    }
    people(agents.toArray(User[]::new));
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      TestNode node = List.of(nodeA, nodeB, nodeC).get(i % 3);
      Api api = new Api(node);
      ids.add(
          api.post(
                  "/api/requests",
                  api.mint(qualified("many-" + i)),
                  Map.of("clientKey", UUID.randomUUID().toString()))
              .json()
              .get("id")
              .stringValue());
    }
    String stream = Keys.floor(floor).events();
    JedisPooled jedis = nodeA.bean(JedisPooled.class);

    await()
        .atMost(Duration.ofSeconds(15))
        .until(() -> expiredEvents(jedis, stream).size() >= ids.size());
    await()
        .during(Duration.ofSeconds(1))
        .atMost(Duration.ofSeconds(3))
        .until(() -> expiredEvents(jedis, stream).size() == ids.size());
    assertThat(expiredEvents(jedis, stream)).containsExactlyInAnyOrderElementsOf(ids);
  }

  private static List<String> expiredEvents(JedisPooled jedis, String stream) {
    return jedis.xrange(stream, "-", "+").stream()
        .filter(e -> "request".equals(e.getFields().get("kind")))
        .map(e -> Api.JSON.readTree(e.getFields().get("data")))
        .filter(r -> "EXPIRED".equals(r.get("state").stringValue()))
        .map(r -> r.get("id").stringValue())
        .toList();
  }

  @Test
  void offerTimesOutOnTimeWhenTheNodeThatMadeItIsGone() {
    people(agent("a1", null), specialist("s1", "billing"));
    WsClient board = connect(nodeA, "s1");
    TestNode doomed =
        TestNode.start(
            redis.uri().toString(),
            Map.of("handup.offer-timeout", "1s", "handup.demo.enabled", false));
    WsClient agent = WsClient.signedIn(doomed, new Api(doomed).mint(qualified("a1")));
    String id =
        agent
            .ack("raise", "clientKey", UUID.randomUUID().toString())
            .get("request")
            .get("id")
            .stringValue();
    board.awaitFrame(f -> "offer".equals(WsClient.type(f)) && id(f).equals(id));
    agent.close();
    doomed.close();

    board.awaitRequest(id, r -> "QUEUED".equals(state(r)) && r.get("offeredTo").isNull());
  }

  @Test
  void specialistWithTwoTabsStaysOnlineUntilTheLastClosesThenTheirOfferMovesOn() {
    people(agent("a1", null), specialist("tabs", "billing"), specialist("watcher", "billing"));
    WsClient tabOnA = connect(nodeA, "tabs");
    WsClient tabOnB = connect(nodeB, "tabs");
    WsClient watcher = connect(nodeC, "watcher");
    watcher.ack("presence", "status", "AWAY");

    tabOnA.close();
    await()
        .during(Duration.ofSeconds(2))
        .atMost(Duration.ofSeconds(4))
        .until(() -> status(watcher, "tabs").equals("AVAILABLE"));

    String id = raise(connect(nodeA, "a1"), "billing");
    tabOnB.awaitFrame(f -> "offer".equals(WsClient.type(f)) && id(f).equals(id));
    watcher.ack("presence", "status", "AVAILABLE");
    tabOnB.close();

    await().atMost(Duration.ofSeconds(5)).until(() -> status(watcher, "tabs").equals("OFFLINE"));
    watcher.awaitFrame(f -> "offer".equals(WsClient.type(f)) && id(f).equals(id));
  }

  @Test
  void claimedRequestSurvivesTheSpecialistsReconnect() {
    people(agent("a1", null), specialist("s1", "billing"));
    WsClient first = connect(nodeA, "s1");
    String id = raise(connect(nodeB, "a1"), null);
    first.ack("claim", "requestId", id);
    first.close();

    WsClient again = connect(nodeC, "s1");

    JsonNode snapshot = again.awaitFrame(f -> "snapshot".equals(WsClient.type(f)));
    assertThat(snapshot.get("requests"))
        .anySatisfy(
            r -> {
              assertThat(r.get("id").stringValue()).isEqualTo(id);
              assertThat(r.get("specialistId").stringValue()).isEqualTo(qualified("s1"));
            });
    again.ack("resolve", "requestId", id);
  }

  // --- a floor of the test's own ---

  private void people(User... users) {
    nodeA.bean(Directory.class).saveAll(List.of(users), Map.of());
  }

  private User agent(String id, String managerId) {
    return new User(
        qualified(id),
        "Agent " + id,
        Set.of(Role.AGENT),
        managerId == null ? null : qualified(managerId),
        null,
        "A-1",
        floor,
        Set.of());
  }

  private User specialist(String id, String skill) {
    return new User(
        qualified(id),
        "Specialist " + id,
        Set.of(Role.SPECIALIST),
        null,
        null,
        "C-1",
        floor,
        Set.of(skill));
  }

  private String qualified(String id) {
    return floor + "-" + id;
  }

  private WsClient connect(TestNode node, String id) {
    WsClient client = WsClient.signedIn(node, new Api(node).mint(qualified(id)));
    sockets.add(client);
    return client;
  }

  private static String raise(WsClient agent, String topic) {
    return topic == null
        ? agent
            .ack("raise", "clientKey", UUID.randomUUID().toString())
            .get("request")
            .get("id")
            .stringValue()
        : agent
            .ack("raise", "clientKey", UUID.randomUUID().toString(), "topic", topic)
            .get("request")
            .get("id")
            .stringValue();
  }

  private String status(WsClient board, String specialist) {
    String wanted = qualified(specialist);
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

  private static String id(JsonNode frame) {
    return frame.get("request").get("id").stringValue();
  }

  private static String state(JsonNode request) {
    return request.get("state").stringValue();
  }
}

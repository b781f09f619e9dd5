package io.handup.realtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.handup.testing.Api;
import io.handup.testing.TestFloor;
import io.handup.testing.TestNode;
import io.handup.testing.WsClient;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Two real nodes, each its own Spring context and port, sharing one real Redis. */
class TwoNodesIT {

  private static final ExecutorService racers = Executors.newFixedThreadPool(4);

  private final TestNode nodeA = TestFloor.nodeA();
  private final TestNode nodeB = TestFloor.nodeB();

  @BeforeAll
  static void warmUp() {
    TestFloor.nodeB();
  }

  @AfterAll
  static void stopRacers() {
    racers.shutdownNow();
  }

  @Test
  void requestRaisedOnOneNodeShowsAtOnceOnABoardOfTheOther() {
    WsClient board = WsClient.signedIn(nodeB, new Api(nodeB).token(TestFloor.freshSpecialist()));
    WsClient agent = WsClient.signedIn(nodeA, new Api(nodeA).token(TestFloor.freshAgent()));

    String id = raise(agent);

    JsonNode seen = board.awaitRequest(id, r -> true);
    assertThat(seen.get("agentId").stringValue())
        .isEqualTo(agent.frames().get(0).get("user").get("id").stringValue());
    agent.ack("cancel", "requestId", id);
    board.close();
    agent.close();
  }

  @Test
  void onlyOneOfSeveralSpecialistsOnTwoNodesWinsEachClaimRace() {
    WsClient agent = WsClient.signedIn(nodeA, new Api(nodeA).token(TestFloor.freshAgent()));
    List<WsClient> specialists =
        List.of(
            signedIn(nodeA, TestFloor.freshSpecialist()),
            signedIn(nodeA, TestFloor.freshSpecialist()),
            signedIn(nodeB, TestFloor.freshSpecialist()),
            signedIn(nodeB, TestFloor.freshSpecialist()));

    for (int round = 0; round < 100; round++) {
      long started = System.nanoTime();
      String id = raise(agent);
      List<CompletableFuture<JsonNode>> claims =
          specialists.stream()
              .map(
                  s ->
                      CompletableFuture.supplyAsync(() -> s.call("claim", "requestId", id), racers))
              .toList();
      List<JsonNode> replies = claims.stream().map(CompletableFuture::join).toList();

      List<JsonNode> acks = replies.stream().filter(r -> "ack".equals(WsClient.type(r))).toList();
      assertThat(acks).as("round %d", round).hasSize(1);
      assertThat(replies.stream().filter(r -> "error".equals(WsClient.type(r))))
          .as("round %d", round)
          .hasSize(3)
          .allSatisfy(r -> assertThat(r.get("code").stringValue()).isEqualTo("conflict"));
      WsClient winner = specialists.get(replies.indexOf(acks.get(0)));
      winner.ack("resolve", "requestId", id);
      // rounds at a person's pace: a specialist who wins every round stays inside 50 frames/s
      await()
          .atMost(Duration.ofSeconds(1))
          .until(() -> System.nanoTime() - started >= Duration.ofMillis(50).toNanos());
    }
    specialists.forEach(WsClient::close);
    agent.close();
  }

  private static WsClient signedIn(TestNode node, String user) {
    return WsClient.signedIn(node, new Api(node).token(user));
  }

  private static String raise(WsClient agent) {
    return agent
        .ack("raise", "clientKey", UUID.randomUUID().toString())
        .get("request")
        .get("id")
        .stringValue();
  }
}

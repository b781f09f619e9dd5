package io.handup.board;

import static org.assertj.core.api.Assertions.assertThat;

import io.handup.testing.Api;
import io.handup.testing.TestFloor;
import io.handup.testing.TestNode;
import io.handup.testing.WsClient;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The board's floor panel counts today as the managers' reports do, for specialists only. */
class BoardTodayIT {

  private final TestNode node = TestFloor.nodeA();
  private final Api api = new Api(node);

  @Test
  void specialistSeesTodaysServiceLevelAndAverageWaitOnceARequestIsClaimed() {
    String specialistToken = api.token(TestFloor.freshSpecialist());
    try (WsClient agent = WsClient.signedIn(node, api.token(TestFloor.freshAgent()));
        WsClient specialist = WsClient.signedIn(node, specialistToken)) {
      String id =
          agent
              .ack("raise", "clientKey", UUID.randomUUID().toString())
              .get("request")
              .get("id")
              .stringValue();
      specialist.ack("claim", "requestId", id);
      specialist.ack("resolve", "requestId", id);
    }

    Api.Response today = api.get("/board/today", specialistToken);

    assertThat(today.status()).isEqualTo(200);
    JsonNode figures = today.json();
    assertThat(figures.get("claimed").asLong()).isPositive();
    assertThat(figures.get("serviceLevel").asDouble()).isBetween(0.0, 1.0);
    assertThat(figures.get("waitMeanSeconds").isNumber()).isTrue();
  }

  @Test
  void agentsAndLeadsDoNotGetTheBoardsFigures() {
    assertThat(api.get("/board/today", api.token(TestFloor.freshAgent())).status()).isEqualTo(403);
    assertThat(api.get("/board/today", api.token("lead-1")).status()).isEqualTo(403);
    assertThat(api.get("/board/today", null).status()).isIn(401, 302);
  }
}

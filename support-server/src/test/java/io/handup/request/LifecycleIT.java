package io.handup.request;

import static org.assertj.core.api.Assertions.assertThat;

import io.handup.testing.Api;
import io.handup.testing.TestFloor;
import io.handup.testing.TestNode;
import io.handup.testing.WsClient;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** A help request's whole life, from an agent's socket and a specialist's, on a real Redis. */
class LifecycleIT {

  private final TestNode node = TestFloor.nodeA();
  private final Api api = new Api(node);
  private WsClient agent;
  private WsClient specialist;
  private String agentId;
  private String specialistId;

  @BeforeEach
  void signIn() {
    agentId = TestFloor.freshAgent();
    specialistId = TestFloor.freshSpecialist();
    agent = WsClient.signedIn(node, api.token(agentId));
    specialist = WsClient.signedIn(node, api.token(specialistId));
  }

  @AfterEach
  void signOut() {
    agent.close();
    specialist.close();
  }

  @Test
  void requestGoesFromRaiseThroughClaimChatAndResolveToRating() {
    JsonNode raised =
        agent
            .ack("raise", "clientKey", UUID.randomUUID().toString(), "topic", "billing")
            .get("request");
    String id = raised.get("id").stringValue();
    assertThat(raised.get("state").stringValue()).isEqualTo("QUEUED");
    assertThat(raised.get("position").asInt()).isPositive();

    specialist.awaitRequest(id, r -> "QUEUED".equals(r.get("state").stringValue()));

    JsonNode claimed = specialist.ack("claim", "requestId", id).get("request");
    assertThat(claimed.get("state").stringValue()).isEqualTo("CLAIMED");
    assertThat(claimed.get("specialistId").stringValue()).isEqualTo(specialistId);
    JsonNode seenByAgent =
        agent.awaitRequest(id, r -> "CLAIMED".equals(r.get("state").stringValue()));
    assertThat(seenByAgent.get("specialistName").stringValue()).isNotBlank();
    assertThat(seenByAgent.get("claimedAt").stringValue()).matches(".*T.*\\.\\d{3}Z");

    agent.ack("say", "requestId", id, "text", "Customer asks about a double charge");
    JsonNode heard = specialist.awaitFrame(f -> "said".equals(WsClient.type(f)));
    assertThat(heard.get("text").stringValue()).isEqualTo("Customer asks about a double charge");
    assertThat(heard.get("from").stringValue()).isEqualTo(agentId);

    specialist.ack("say", "requestId", id, "text", "Refund it from the billing tab");
    agent.awaitFrame(
        f -> "said".equals(WsClient.type(f)) && f.get("from").stringValue().equals(specialistId));
    // the specialist's first line counts as arriving
    agent.awaitRequest(id, r -> !r.get("arrivedAt").isNull());

    JsonNode resolved =
        specialist
            .ack("resolve", "requestId", id, "outcome", "ANSWERED", "note", "refund")
            .get("request");
    assertThat(resolved.get("state").stringValue()).isEqualTo("RESOLVED");
    agent.awaitRequest(id, r -> "RESOLVED".equals(r.get("state").stringValue()));

    agent.ack("rate", "requestId", id, "score", 5, "comment", "quick and right");
    JsonNode ratedOnBoard = specialist.awaitRequest(id, r -> r.get("rated").booleanValue());
    assertThat(ratedOnBoard.has("score")).as("specialists never see the score").isFalse();
    assertThat(agent.call("rate", "requestId", id, "score", 2).get("code").stringValue())
        .isEqualTo("conflict");
  }

  @Test
  void raisingTwiceWithOneClientKeyGivesOneRequest() {
    String key = UUID.randomUUID().toString();
    String first = agent.ack("raise", "clientKey", key).get("request").get("id").stringValue();
    String second = agent.ack("raise", "clientKey", key).get("request").get("id").stringValue();
    String third =
        agent
            .ack("raise", "clientKey", UUID.randomUUID().toString())
            .get("request")
            .get("id")
            .stringValue();

    assertThat(second).isEqualTo(first);
    assertThat(third).as("one open request per agent").isEqualTo(first);
    agent.ack("cancel", "requestId", first);
  }

  @Test
  void cancelledRequestLeavesTheBoardAndCannotBeClaimed() {
    String id =
        agent
            .ack("raise", "clientKey", UUID.randomUUID().toString())
            .get("request")
            .get("id")
            .stringValue();
    JsonNode cancelled = agent.ack("cancel", "requestId", id).get("request");
    assertThat(cancelled.get("state").stringValue()).isEqualTo("CANCELLED");
    assertThat(agent.ack("cancel", "requestId", id).get("request").get("state").stringValue())
        .as("cancelling again is a harmless retry")
        .isEqualTo("CANCELLED");

    specialist.awaitRequest(id, r -> "CANCELLED".equals(r.get("state").stringValue()));
    assertThat(specialist.call("claim", "requestId", id).get("code").stringValue())
        .isEqualTo("conflict");
  }

  @Test
  void releasedRequestWaitsAgainAndTheSpecialistIsFreeForAnother() {
    String id =
        agent
            .ack("raise", "clientKey", UUID.randomUUID().toString())
            .get("request")
            .get("id")
            .stringValue();
    specialist.ack("claim", "requestId", id);
    JsonNode released = specialist.ack("release", "requestId", id).get("request");

    assertThat(released.get("state").stringValue()).isEqualTo("QUEUED");
    assertThat(released.get("specialistId").isNull()).isTrue();
    agent.awaitRequest(
        id, r -> "QUEUED".equals(r.get("state").stringValue()) && r.get("position").asInt() > 0);
    assertThat(specialist.ack("claim", "requestId", id).get("request").get("state").stringValue())
        .isEqualTo("CLAIMED");
    specialist.ack("resolve", "requestId", id);
  }

  @Test
  void specialistHoldsOneClaimedRequestAtATime() {
    WsClient otherAgent = WsClient.signedIn(node, api.token(TestFloor.freshAgent()));
    String first =
        agent
            .ack("raise", "clientKey", UUID.randomUUID().toString())
            .get("request")
            .get("id")
            .stringValue();
    String second =
        otherAgent
            .ack("raise", "clientKey", UUID.randomUUID().toString())
            .get("request")
            .get("id")
            .stringValue();

    specialist.ack("claim", "requestId", first);
    JsonNode refused = specialist.call("claim", "requestId", second);

    assertThat(refused.get("code").stringValue()).isEqualTo("conflict");
    assertThat(refused.get("message").stringValue()).contains(first);
    specialist.ack("resolve", "requestId", first);
    specialist.ack("claim", "requestId", second);
    specialist.ack("resolve", "requestId", second);
    otherAgent.close();
  }

  @Test
  void specialistInAgentsReportingLineCanNeverClaim() {
    // spec-4 mentors agent-20 on the demo floor
    WsClient mentee = WsClient.signedIn(node, api.token("agent-20"));
    WsClient mentor = WsClient.signedIn(node, api.token("spec-4"));
    String id =
        mentee
            .ack("raise", "clientKey", UUID.randomUUID().toString())
            .get("request")
            .get("id")
            .stringValue();

    JsonNode refused = mentor.call("claim", "requestId", id);

    assertThat(refused.get("code").stringValue()).isEqualTo("reporting_line");
    mentee.ack("cancel", "requestId", id);
    mentee.close();
    mentor.close();
  }

  @Test
  void transferOffersTheRequestToTheNamedColleague() {
    String colleagueId = TestFloor.freshSpecialist();
    WsClient colleague = WsClient.signedIn(node, api.token(colleagueId));
    String id =
        agent
            .ack("raise", "clientKey", UUID.randomUUID().toString())
            .get("request")
            .get("id")
            .stringValue();
    specialist.ack("claim", "requestId", id);

    JsonNode transferred =
        specialist.ack("transfer", "requestId", id, "to", colleagueId).get("request");

    assertThat(transferred.get("state").stringValue()).isEqualTo("OFFERED");
    assertThat(transferred.get("offeredTo").stringValue()).isEqualTo(colleagueId);
    JsonNode offer = colleague.awaitFrame(f -> "offer".equals(WsClient.type(f)));
    assertThat(offer.get("request").get("id").stringValue()).isEqualTo(id);
    assertThat(offer.get("expiresAt").stringValue()).endsWith("Z");
    colleague.ack("claim", "requestId", id);
    colleague.ack("resolve", "requestId", id);
    colleague.close();
  }

  @Test
  void waitingAgentHearsTheirPlaceInLineMoveUp() {
    WsClient behind = WsClient.signedIn(node, api.token(TestFloor.freshAgent()));
    String ahead =
        agent
            .ack("raise", "clientKey", UUID.randomUUID().toString())
            .get("request")
            .get("id")
            .stringValue();
    JsonNode raised = behind.ack("raise", "clientKey", UUID.randomUUID().toString()).get("request");
    int place = raised.get("position").asInt();

    agent.ack("cancel", "requestId", ahead);

    behind.awaitRequest(
        raised.get("id").stringValue(), r -> r.get("position").asInt() == place - 1);
    behind.ack("cancel", "requestId", raised.get("id").stringValue());
    behind.close();
  }

  @Test
  void agentMayFlagTodaysAnswerWrongOnce() {
    String id =
        agent
            .ack("raise", "clientKey", UUID.randomUUID().toString())
            .get("request")
            .get("id")
            .stringValue();
    specialist.ack("claim", "requestId", id);
    specialist.ack("resolve", "requestId", id);

    agent.ack("flag", "requestId", id, "reason", "the refund rule changed last week");

    assertThat(agent.call("flag", "requestId", id).get("code").stringValue()).isEqualTo("conflict");
  }
}

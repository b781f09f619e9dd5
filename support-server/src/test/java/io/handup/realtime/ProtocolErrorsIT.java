package io.handup.realtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import io.handup.directory.Role;
import io.handup.directory.User;
import io.handup.security.Tokens;
import io.handup.testing.Api;
import io.handup.testing.TestFloor;
import io.handup.testing.TestNode;
import io.handup.testing.WsClient;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/** Every error code of the wire protocol, provoked from a real socket. */
class ProtocolErrorsIT {

  private static final int POLICY_VIOLATION = 1008;
  private static final int MESSAGE_TOO_BIG = 1009;
  private static final String NO_SUCH_REQUEST = "r-no-such-request";

  private final TestNode node = TestFloor.nodeA();
  private final Api api = new Api(node);
  private final List<WsClient> opened = new ArrayList<>();
  private WsClient agent;

  @BeforeEach
  void signIn() {
    agent = signedIn(TestFloor.freshAgent());
  }

  @AfterEach
  void signOut() {
    opened.forEach(WsClient::close);
  }

  // --- bad_request -------------------------------------------------------------------------

  @Test
  void frameThatIsNotJsonIsABadRequestAndTheSocketStaysOpen() {
    JsonNode reply = nextReply(agent, () -> agent.sendRaw("this is not json {"));

    assertThat(code(reply)).isEqualTo("bad_request");
    assertThat(reply.get("message").stringValue()).isNotBlank();
    assertStaysOpenAndAnswers(agent);
  }

  @Test
  void jsonArrayIsABadRequestAndTheSocketStaysOpen() {
    JsonNode reply =
        nextReply(agent, () -> agent.sendRaw("[{\"type\":\"raise\",\"clientKey\":\"k\"}]"));

    assertThat(code(reply)).isEqualTo("bad_request");
    assertStaysOpenAndAnswers(agent);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "null", "42", "\"raise\"", "{\"type\":", "{\"type\":\"dance\"} {"})
  void jsonThatIsNoObjectIsABadRequest(String raw) {
    JsonNode reply = nextReply(agent, () -> agent.sendRaw(raw));

    assertThat(code(reply)).as("reply to '%s'", raw).isEqualTo("bad_request");
    assertThat(agent.isClosed()).isFalse();
  }

  @Test
  void deeplyNestedJsonIsABadRequest() {
    JsonNode reply = nextReply(agent, () -> agent.sendRaw("[".repeat(5000) + "]".repeat(5000)));

    assertThat(code(reply)).isEqualTo("bad_request");
    assertStaysOpenAndAnswers(agent);
  }

  @Test
  void binaryFrameIsABadRequestAndTheSocketStaysOpen() {
    try (BinaryClient client = new BinaryClient(node)) {
      client.sendText(
          Api.JSON.writeValueAsString(
              Map.of("type", "hello", "token", api.token(TestFloor.freshAgent()))));
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> client.frames.stream().anyMatch(f -> "snapshot".equals(WsClient.type(f))));

      client.sendBinary(new byte[] {1, 2, 3});

      JsonNode reply =
          await()
              .atMost(Duration.ofSeconds(10))
              .until(
                  () ->
                      client.frames.stream()
                          .filter(f -> "error".equals(WsClient.type(f)))
                          .findFirst()
                          .orElse(null),
                  f -> f != null);
      assertThat(code(reply)).isEqualTo("bad_request");
      await()
          .during(Duration.ofSeconds(1))
          .atMost(Duration.ofSeconds(3))
          .until(() -> !client.closed.isDone());
      client.sendText("{\"type\":\"dance\",\"ref\":\"after-binary\"}");
      await()
          .atMost(Duration.ofSeconds(10))
          .until(
              () ->
                  client.frames.stream()
                      .anyMatch(f -> "after-binary".equals(f.path("ref").asString(""))));
    }
  }

  @Test
  void binaryFrameBeforeHelloIsRefusedAndTheSocketClosed() {
    try (BinaryClient client = new BinaryClient(node)) {
      client.sendBinary(new byte[] {1, 2, 3});

      assertThat(client.closed.orTimeout(10, TimeUnit.SECONDS).join()).isEqualTo(POLICY_VIOLATION);
      assertThat(client.frames)
          .extracting(ProtocolErrorsIT::code)
          .containsExactly("unauthenticated");
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"ref\":\"%s\"}",
        "{\"ref\":\"%s\",\"type\":null}",
        "{\"ref\":\"%s\",\"type\":42}",
        "{\"ref\":\"%s\",\"type\":\"raise\"}",
        "{\"ref\":\"%s\",\"type\":\"raise\",\"clientKey\":\"  \"}",
        "{\"ref\":\"%s\",\"type\":\"raise\",\"clientKey\":7}",
        "{\"ref\":\"%s\",\"type\":\"raise\",\"clientKey\":\"k\",\"urgent\":\"yes\"}",
        "{\"ref\":\"%s\",\"type\":\"raise\",\"clientKey\":\"k\",\"topic\":[\"billing\"]}",
        "{\"ref\":\"%s\",\"type\":\"raise\",\"clientKey\":\"k\",\"note\":{\"text\":\"x\"}}",
        "{\"ref\":\"%s\",\"type\":\"cancel\"}",
        "{\"ref\":\"%s\",\"type\":\"cancel\",\"requestId\":12}",
        "{\"ref\":\"%s\",\"type\":\"cancel\",\"requestId\":\"\"}",
        "{\"ref\":\"%s\",\"type\":\"rate\",\"requestId\":\"r1\",\"score\":0}",
        "{\"ref\":\"%s\",\"type\":\"rate\",\"requestId\":\"r1\",\"score\":6}",
        "{\"ref\":\"%s\",\"type\":\"rate\",\"requestId\":\"r1\",\"score\":-1}",
        "{\"ref\":\"%s\",\"type\":\"rate\",\"requestId\":\"r1\",\"score\":\"5\"}",
        "{\"ref\":\"%s\",\"type\":\"rate\",\"requestId\":\"r1\",\"score\":4.5}",
        "{\"ref\":\"%s\",\"type\":\"rate\",\"requestId\":\"r1\",\"score\":4294967297}",
        "{\"ref\":\"%s\",\"type\":\"rate\",\"requestId\":\"r1\"}",
        "{\"ref\":\"%s\",\"type\":\"rate\",\"requestId\":\"r1\",\"score\":5,\"wrong\":\"no\"}",
        "{\"ref\":\"%s\",\"type\":\"say\",\"requestId\":\"r1\"}",
        "{\"ref\":\"%s\",\"type\":\"say\",\"requestId\":\"r1\",\"text\":\"   \"}",
        "{\"ref\":\"%s\",\"type\":\"hello\",\"token\":\"again\"}"
      })
  void malformedFrameIsABadRequestWithItsRefEchoed(String template) {
    String ref = "bad-" + UUID.randomUUID();

    JsonNode reply = replyTo(agent, template.formatted(ref), ref);

    assertThat(code(reply)).as("reply to %s", template).isEqualTo("bad_request");
    assertThat(reply.get("message").stringValue()).isNotBlank();
    assertThat(agent.isClosed()).isFalse();
  }

  @Test
  void noteOverFiveHundredCharactersIsABadRequest() {
    JsonNode tooLong =
        agent.call("raise", "clientKey", UUID.randomUUID().toString(), "note", "n".repeat(501));

    assertThat(code(tooLong)).isEqualTo("bad_request");
    assertThat(tooLong.get("message").stringValue()).contains("500");

    JsonNode justRight =
        agent.ack("raise", "clientKey", UUID.randomUUID().toString(), "note", "n".repeat(500));
    agent.ack("cancel", "requestId", justRight.get("request").get("id").stringValue());
  }

  @Test
  void specialistsFramesWithBadFieldsAreBadRequests() {
    WsClient specialist = signedIn(TestFloor.freshSpecialist());

    assertThat(code(specialist.call("presence", "status", "ASLEEP"))).isEqualTo("bad_request");
    assertThat(code(specialist.call("presence"))).isEqualTo("bad_request");
    assertThat(code(specialist.call("claim"))).isEqualTo("bad_request");
    assertThat(code(specialist.call("resolve", "requestId", NO_SUCH_REQUEST, "outcome", "MAYBE")))
        .isEqualTo("bad_request");
    assertThat(code(specialist.call("transfer", "requestId", NO_SUCH_REQUEST)))
        .as("a transfer names whom to")
        .isEqualTo("bad_request");
    assertThat(code(specialist.call("transfer", "requestId", NO_SUCH_REQUEST, "to", "agent-1")))
        .as("only to a specialist")
        .isEqualTo("bad_request");
    assertStaysOpenAndAnswers(specialist);
  }

  // --- unknown_type --------------------------------------------------------------------------

  @Test
  void unknownFrameTypeIsRefusedAndTheSocketStaysOpen() {
    JsonNode reply = agent.call("dance", "requestId", NO_SUCH_REQUEST);

    assertThat(code(reply)).isEqualTo("unknown_type");
    assertThat(reply.get("message").stringValue()).contains("dance");
    assertStaysOpenAndAnswers(agent);
  }

  // --- unauthenticated -----------------------------------------------------------------------

  @Test
  void firstFrameOtherThanHelloIsRefusedAndTheSocketClosed() {
    WsClient stranger = open();

    JsonNode reply =
        replyTo(stranger, "{\"type\":\"raise\",\"ref\":\"first\",\"clientKey\":\"k\"}", "first");

    assertThat(code(reply)).isEqualTo("unauthenticated");
    assertThat(stranger.awaitClose()).isEqualTo(POLICY_VIOLATION);
  }

  @Test
  void firstFrameThatIsNotJsonIsRefusedAndTheSocketClosed() {
    WsClient stranger = open();

    JsonNode reply = nextReply(stranger, () -> stranger.sendRaw("hello?"));

    assertThat(code(reply)).isEqualTo("unauthenticated");
    assertThat(stranger.awaitClose()).isEqualTo(POLICY_VIOLATION);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"type\":\"hello\",\"ref\":\"h\",\"token\":\"not-a-token\"}",
        "{\"type\":\"hello\",\"ref\":\"h\",\"token\":\"v1.YWdlbnQtMQ.99999999999.forged\"}",
        "{\"type\":\"hello\",\"ref\":\"h\",\"token\":42}",
        "{\"type\":\"hello\",\"ref\":\"h\"}"
      })
  void helloWithABadOrMissingTokenIsRefusedAndTheSocketClosed(String hello) {
    WsClient stranger = open();

    JsonNode reply = replyTo(stranger, hello, "h");

    assertThat(code(reply)).isEqualTo("unauthenticated");
    assertThat(stranger.awaitClose()).isEqualTo(POLICY_VIOLATION);
    assertThat(stranger.frames()).noneMatch(f -> "welcome".equals(WsClient.type(f)));
  }

  @Test
  void validTokenOfAUserWhoDoesNotExistIsRefused() {
    User ghost =
        new User(
            "ghost-" + UUID.randomUUID(),
            "Ghost",
            Set.of(Role.AGENT),
            null,
            null,
            "",
            "demo",
            null);
    String token = node.bean(Tokens.class).issue(ghost).token();
    WsClient stranger = open();

    JsonNode reply =
        replyTo(
            stranger,
            Api.JSON.writeValueAsString(Map.of("type", "hello", "ref", "g", "token", token)),
            "g");

    assertThat(code(reply)).isEqualTo("unauthenticated");
    assertThat(stranger.awaitClose()).isEqualTo(POLICY_VIOLATION);
  }

  @Test
  void socketThatSaysNoHelloWithinFiveSecondsIsRefusedAndClosed() {
    WsClient silent = open();

    await()
        .atLeast(Duration.ofSeconds(4))
        .atMost(Duration.ofSeconds(9))
        .pollInterval(Duration.ofMillis(50))
        .until(silent::isClosed);

    assertThat(silent.frames())
        .singleElement()
        .satisfies(f -> assertThat(code(f)).isEqualTo("unauthenticated"));
    assertThat(silent.awaitClose()).isEqualTo(POLICY_VIOLATION);
  }

  @Test
  void socketThatSaidHelloInTimeIsNotClosedByTheDeadline() {
    // the agent signed in in @BeforeEach; the hello deadline passes without harm
    await()
        .during(Duration.ofSeconds(6))
        .atMost(Duration.ofSeconds(8))
        .until(() -> !agent.isClosed());
    assertThat(code(agent.call("dance"))).isEqualTo("unknown_type");
  }

  // --- forbidden, not_found, conflict, reporting_line -----------------------------------------

  @Test
  void agentWhoSendsASpecialistsFrameIsForbidden() {
    JsonNode reply = agent.call("claim", "requestId", NO_SUCH_REQUEST);

    assertThat(code(reply)).isEqualTo("forbidden");
    assertStaysOpenAndAnswers(agent);
  }

  @Test
  void agentWhoCancelsAnotherAgentsRequestIsForbidden() {
    WsClient other = signedIn(TestFloor.freshAgent());
    String id = raise(other);

    JsonNode reply = agent.call("cancel", "requestId", id);

    assertThat(code(reply)).isEqualTo("forbidden");
    assertThat(code(agent.call("say", "requestId", id, "text", "hi"))).isEqualTo("forbidden");
    assertThat(code(agent.call("amend", "requestId", id, "urgent", true))).isEqualTo("forbidden");
    assertThat(code(agent.call("rate", "requestId", id, "score", 1))).isEqualTo("forbidden");
    assertThat(other.ack("cancel", "requestId", id).get("request").get("state").stringValue())
        .as("the owner still can")
        .isEqualTo("CANCELLED");
  }

  @Test
  void specialistWhoDoesNotHoldTheRequestMayNotWorkOnIt() {
    WsClient holder = signedIn(TestFloor.freshSpecialist());
    WsClient colleagueSocket = signedIn(TestFloor.freshSpecialist());
    String thirdId = TestFloor.freshSpecialist();
    String id = raise(agent);
    holder.ack("claim", "requestId", id);

    assertThat(code(colleagueSocket.call("release", "requestId", id))).isEqualTo("forbidden");
    assertThat(code(colleagueSocket.call("resolve", "requestId", id))).isEqualTo("forbidden");
    assertThat(code(colleagueSocket.call("arrive", "requestId", id))).isEqualTo("forbidden");
    assertThat(code(colleagueSocket.call("say", "requestId", id, "text", "psst")))
        .isEqualTo("forbidden");
    assertThat(code(colleagueSocket.call("transfer", "requestId", id, "to", thirdId)))
        .isEqualTo("forbidden");
    assertThat(code(colleagueSocket.call("decline", "requestId", id)))
        .as("no offer of it to them")
        .isEqualTo("conflict");
    assertThat(holder.ack("resolve", "requestId", id).get("request").get("state").stringValue())
        .isEqualTo("RESOLVED");
  }

  @Test
  void frameAboutARequestThatDoesNotExistIsNotFound() {
    WsClient specialist = signedIn(TestFloor.freshSpecialist());

    assertThat(code(agent.call("cancel", "requestId", NO_SUCH_REQUEST))).isEqualTo("not_found");
    assertThat(code(agent.call("rate", "requestId", NO_SUCH_REQUEST, "score", 3)))
        .isEqualTo("not_found");
    assertThat(code(specialist.call("claim", "requestId", NO_SUCH_REQUEST))).isEqualTo("not_found");
    assertThat(code(specialist.call("resolve", "requestId", NO_SUCH_REQUEST)))
        .isEqualTo("not_found");
    assertThat(
            code(
                specialist.call(
                    "transfer", "requestId", NO_SUCH_REQUEST, "to", "spec-" + UUID.randomUUID())))
        .as("transfer to nobody")
        .isEqualTo("not_found");
  }

  @Test
  void secondClaimOfARequestIsAConflict() {
    WsClient first = signedIn(TestFloor.freshSpecialist());
    WsClient second = signedIn(TestFloor.freshSpecialist());
    String id = raise(agent);

    first.ack("claim", "requestId", id);
    JsonNode reply = second.call("claim", "requestId", id);

    assertThat(code(reply)).isEqualTo("conflict");
    assertThat(code(agent.call("rate", "requestId", id, "score", 5)))
        .as("only a resolved request can be rated")
        .isEqualTo("conflict");
    first.ack("resolve", "requestId", id);
  }

  @Test
  void specialistInAgentsReportingLineIsRefusedTheClaim() {
    // spec-4 mentors agent-20 on the demo floor
    WsClient mentee = signedIn("agent-20");
    WsClient mentor = signedIn("spec-4");
    String id = raise(mentee);

    JsonNode reply = mentor.call("claim", "requestId", id);

    assertThat(code(reply)).isEqualTo("reporting_line");
    assertThat(mentee.ack("cancel", "requestId", id).get("request").get("specialistId").isNull())
        .isTrue();
  }

  // --- rate_limited --------------------------------------------------------------------------

  @Test
  void burstOfFramesIsRateLimitedButTheSocketStaysOpen() {
    int burst = 150;
    List<String> refs = new ArrayList<>();
    for (int i = 0; i < burst; i++) {
      String ref = "burst-" + i + "-" + UUID.randomUUID();
      refs.add(ref);
      agent.sendRaw("{\"type\":\"dance\",\"ref\":\"" + ref + "\"}");
    }
    List<JsonNode> replies =
        refs.stream()
            .map(ref -> agent.awaitFrame(f -> ref.equals(f.path("ref").asString(""))))
            .toList();

    assertThat(replies).extracting(ProtocolErrorsIT::code).contains("rate_limited");
    assertThat(replies)
        .extracting(ProtocolErrorsIT::code)
        .as("the frames within the burst allowance are answered")
        .contains("unknown_type")
        .containsOnly("unknown_type", "rate_limited");
    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(() -> assertThat(code(agent.call("dance"))).isEqualTo("unknown_type"));
    assertThat(agent.isClosed()).isFalse();
  }

  @Test
  void floodOfFramesThatAreNotEvenJsonIsRateLimitedToo() {
    int flood = 150;
    int seen = agent.frames().size();
    for (int i = 0; i < flood; i++) {
      agent.sendRaw("garbage " + i);
    }
    List<JsonNode> replies =
        await()
            .atMost(Duration.ofSeconds(10))
            .until(
                () ->
                    agent.frames().stream()
                        .skip(seen)
                        .filter(f -> "error".equals(WsClient.type(f)))
                        .toList(),
                errors -> errors.size() >= flood);

    assertThat(replies).extracting(ProtocolErrorsIT::code).contains("rate_limited", "bad_request");
    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(() -> assertThat(code(agent.call("dance"))).isEqualTo("unknown_type"));
  }

  // --- too_large -----------------------------------------------------------------------------

  @Test
  void frameOverTheSizeLimitIsRefusedAndTheSocketClosedWith1009() {
    String big =
        "{\"type\":\"say\",\"ref\":\"big\",\"requestId\":\"r1\",\"text\":\""
            + "x".repeat(17_000)
            + "\"}";

    JsonNode reply = nextReply(agent, () -> agent.sendRaw(big));

    assertThat(code(reply)).isEqualTo("too_large");
    assertThat(reply.get("message").stringValue()).contains("16384");
    assertThat(agent.awaitClose()).isEqualTo(MESSAGE_TOO_BIG);
  }

  @Test
  void frameOfExactlyTheSizeLimitIsAccepted() {
    String head = "{\"type\":\"dance\",\"ref\":\"edge\",\"pad\":\"";
    String tail = "\"}";
    String frame = head + "p".repeat(16_384 - head.length() - tail.length()) + tail;
    assertThat(frame.getBytes(StandardCharsets.UTF_8)).hasSize(16_384);

    JsonNode reply = replyTo(agent, frame, "edge");

    assertThat(code(reply)).isEqualTo("unknown_type");
    assertStaysOpenAndAnswers(agent);
  }

  @Test
  void sizeLimitCountsBytesNotCharacters() {
    // 6000 three-byte characters: 6000 chars, 18000 bytes
    String frame = "{\"type\":\"dance\",\"ref\":\"wide\",\"pad\":\"" + "€".repeat(6000) + "\"}";

    JsonNode reply = nextReply(agent, () -> agent.sendRaw(frame));

    assertThat(code(reply)).isEqualTo("too_large");
    assertThat(agent.awaitClose()).isEqualTo(MESSAGE_TOO_BIG);
  }

  // --- ref -----------------------------------------------------------------------------------

  @Test
  void refIsEchoedOnAcksAndErrorsAlike() {
    String key = UUID.randomUUID().toString();
    JsonNode ack =
        replyTo(
            agent,
            "{\"type\":\"raise\",\"ref\":\"my-ref-1\",\"clientKey\":\"" + key + "\"}",
            "my-ref-1");
    JsonNode error = replyTo(agent, "{\"type\":\"dance\",\"ref\":\"my-ref-2\"}", "my-ref-2");
    JsonNode noRef = nextReply(agent, () -> agent.sendRaw("{\"type\":\"dance\"}"));

    assertThat(WsClient.type(ack)).isEqualTo("ack");
    assertThat(ack.get("ref").stringValue()).isEqualTo("my-ref-1");
    assertThat(WsClient.type(error)).isEqualTo("error");
    assertThat(error.get("ref").stringValue()).isEqualTo("my-ref-2");
    assertThat(noRef.path("ref").isMissingNode() || noRef.get("ref").isNull()).isTrue();
    agent.ack("cancel", "requestId", ack.get("request").get("id").stringValue());
  }

  @Test
  void welcomeEchoesTheRefOfHello() {
    WsClient client = open();
    String token = api.token(TestFloor.freshAgent());

    JsonNode welcome =
        replyTo(
            client,
            Api.JSON.writeValueAsString(Map.of("type", "hello", "ref", "hi-1", "token", token)),
            "hi-1");

    assertThat(WsClient.type(welcome)).isEqualTo("welcome");
    client.awaitFrame(f -> "snapshot".equals(WsClient.type(f)));
  }

  // --- origins -------------------------------------------------------------------------------

  @Test
  void handshakeFromAnOriginOutsideTheAllowListIsRefusedWith403() {
    Throwable refused = catchThrowable(() -> WsClient.openFrom(node, "https://evil.example.com"));

    assertThat(refused).hasCauseInstanceOf(WebSocketHandshakeException.class);
    assertThat(((WebSocketHandshakeException) refused.getCause()).getResponse().statusCode())
        .isEqualTo(403);
  }

  @Test
  void handshakeFromAnAllowedOriginWorks() {
    WsClient client = WsClient.openFrom(node, "http://localhost:1234");
    opened.add(client);
    String token = api.token(TestFloor.freshAgent());

    client.sendRaw(Api.JSON.writeValueAsString(Map.of("type", "hello", "token", token)));

    client.awaitFrame(f -> "welcome".equals(WsClient.type(f)));
    client.awaitFrame(f -> "snapshot".equals(WsClient.type(f)));
    assertThat(client.isClosed()).isFalse();
  }

  // --- helpers -------------------------------------------------------------------------------

  private WsClient signedIn(String userId) {
    WsClient client = WsClient.signedIn(node, api.token(userId));
    opened.add(client);
    return client;
  }

  private WsClient open() {
    WsClient client = WsClient.open(node);
    opened.add(client);
    return client;
  }

  private static String raise(WsClient agent) {
    return agent
        .ack("raise", "clientKey", UUID.randomUUID().toString())
        .get("request")
        .get("id")
        .stringValue();
  }

  private static JsonNode replyTo(WsClient client, String raw, String ref) {
    client.sendRaw(raw);
    return client.awaitFrame(f -> ref.equals(f.path("ref").asString("")));
  }

  /** The first ack, error or welcome that arrives after {@code send}. */
  private static JsonNode nextReply(WsClient client, Runnable send) {
    int seen = client.frames().size();
    send.run();
    Predicate<JsonNode> reply = f -> Set.of("ack", "error", "welcome").contains(WsClient.type(f));
    return await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () -> client.frames().stream().skip(seen).filter(reply).findFirst().orElse(null),
            f -> f != null);
  }

  /** The socket stays open for a while and still answers frames. */
  private static void assertStaysOpenAndAnswers(WsClient client) {
    await()
        .during(Duration.ofSeconds(1))
        .atMost(Duration.ofSeconds(3))
        .until(() -> !client.isClosed());
    assertThat(code(client.call("dance"))).isEqualTo("unknown_type");
  }

  private static String code(JsonNode reply) {
    return WsClient.type(reply).equals("error") ? reply.path("code").asString("") : "ack";
  }
}

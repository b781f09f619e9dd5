package io.handup.realtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.handup.directory.Role;
import io.handup.testing.Api;
import io.handup.testing.TestFloor;
import io.handup.testing.TestNode;
import io.handup.testing.WsClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * Who may do what: every frame type by every role over a real socket, and every HTTP endpoint by
 * every role and anonymously.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RoleMatrixIT {

  private static final String NO_SUCH_REQUEST = "r-no-such-request";
  private static final String ANONYMOUS = "ANONYMOUS";

  /** The design's table of client frames: who may send which. */
  private static final Map<String, Set<Role>> MAY_SEND =
      Map.ofEntries(
          Map.entry("raise", EnumSet.of(Role.AGENT)),
          Map.entry("amend", EnumSet.of(Role.AGENT)),
          Map.entry("cancel", EnumSet.of(Role.AGENT)),
          Map.entry("rate", EnumSet.of(Role.AGENT)),
          Map.entry("flag", EnumSet.of(Role.AGENT)),
          Map.entry("say", EnumSet.of(Role.AGENT, Role.SPECIALIST)),
          Map.entry("presence", EnumSet.of(Role.SPECIALIST)),
          Map.entry("claim", EnumSet.of(Role.SPECIALIST)),
          Map.entry("decline", EnumSet.of(Role.SPECIALIST)),
          Map.entry("release", EnumSet.of(Role.SPECIALIST)),
          Map.entry("transfer", EnumSet.of(Role.SPECIALIST)),
          Map.entry("arrive", EnumSet.of(Role.SPECIALIST)),
          Map.entry("resolve", EnumSet.of(Role.SPECIALIST)));

  private final TestNode node = TestFloor.nodeA();
  private final Api api = new Api(node);
  private final Map<Role, String> users = new EnumMap<>(Role.class);
  private final Map<String, String> tokens = new HashMap<>();
  private final Map<Role, WsClient> sockets = new EnumMap<>(Role.class);
  private final List<WsClient> opened = new ArrayList<>();
  private String ownerToken;
  private WsClient owner;
  private String ratedRequestId;

  @BeforeAll
  void signInOnePersonPerRole() {
    users.put(Role.AGENT, TestFloor.freshAgent());
    users.put(Role.SPECIALIST, TestFloor.freshSpecialist());
    users.put(Role.LEAD, "lead-1");
    users.put(Role.MANAGER, "manager");
    users.put(Role.ADMIN, "admin");
    users.forEach(
        (role, id) -> {
          String token = api.token(id);
          tokens.put(role.name(), token);
          WsClient socket = WsClient.signedIn(node, token);
          sockets.put(role, socket);
          opened.add(socket);
        });
    tokens.put(ANONYMOUS, null);

    // a request of another agent, answered and rated, for the reads by id
    ownerToken = api.token(TestFloor.freshAgent());
    owner = WsClient.signedIn(node, ownerToken);
    opened.add(owner);
    WsClient helper = WsClient.signedIn(node, api.token(TestFloor.freshSpecialist()));
    opened.add(helper);
    ratedRequestId =
        owner
            .ack("raise", "clientKey", UUID.randomUUID().toString(), "topic", "billing")
            .get("request")
            .get("id")
            .stringValue();
    helper.ack("claim", "requestId", ratedRequestId);
    helper.ack("resolve", "requestId", ratedRequestId, "outcome", "ANSWERED");
    owner.ack("rate", "requestId", ratedRequestId, "score", 4, "comment", "good enough");
  }

  @AfterAll
  void signOut() {
    opened.forEach(WsClient::close);
  }

  // --- frames --------------------------------------------------------------------------------

  static Stream<Arguments> everyFrameByEveryRole() {
    return MAY_SEND.keySet().stream()
        .sorted()
        .flatMap(type -> Stream.of(Role.values()).map(role -> Arguments.of(type, role)));
  }

  @ParameterizedTest(name = "{0} by {1}")
  @MethodSource("everyFrameByEveryRole")
  void frameIsForbiddenExactlyToTheRolesThatMayNotSendIt(String type, Role role) {
    WsClient socket = sockets.get(role);

    JsonNode reply = socket.call(type, fieldsOf(type));

    if (MAY_SEND.get(type).contains(role)) {
      // past the role check: an ack, or the answer about the (missing) request itself
      String expected = Set.of("raise", "presence").contains(type) ? "ack" : "not_found";
      assertThat(code(reply)).as("%s by %s: %s", type, role, reply).isEqualTo(expected);
      if ("raise".equals(type)) {
        socket.ack("cancel", "requestId", reply.get("request").get("id").stringValue());
      }
    } else {
      assertThat(code(reply)).as("%s by %s: %s", type, role, reply).isEqualTo("forbidden");
    }
    assertThat(socket.isClosed()).as("a refused frame never closes the socket").isFalse();
  }

  private static Object[] fieldsOf(String type) {
    return switch (type) {
      case "raise" -> new Object[] {"clientKey", UUID.randomUUID().toString()};
      case "presence" -> new Object[] {"status", "AWAY"};
      case "rate" -> new Object[] {"requestId", NO_SUCH_REQUEST, "score", 5};
      case "say" -> new Object[] {"requestId", NO_SUCH_REQUEST, "text", "hello"};
      case "transfer" -> new Object[] {"requestId", NO_SUCH_REQUEST, "to", "spec-1"};
      default -> new Object[] {"requestId", NO_SUCH_REQUEST};
    };
  }

  // --- HTTP ----------------------------------------------------------------------------------

  static Stream<Arguments> everyEndpointByEveryone() {
    // endpoint, then the status for AGENT, SPECIALIST, LEAD, MANAGER, ADMIN, anonymous
    return Stream.of(
            row("POST /api/requests", 200, 403, 403, 403, 403, 401),
            row("GET /api/requests", 200, 200, 403, 200, 403, 401),
            row("GET /api/requests?state=open", 200, 200, 403, 200, 403, 401),
            row("GET /api/requests/{rated}", 403, 200, 403, 200, 403, 401),
            row("GET /api/knowledge?q=refund", 200, 200, 200, 200, 200, 401),
            row("GET /api/knowledge/corrections", 403, 200, 403, 200, 403, 401),
            row("GET /actuator/prometheus", 403, 403, 403, 200, 200, 401),
            row("GET /actuator/health", 200, 200, 200, 200, 200, 200))
        .flatMap(List::stream);
  }

  private static List<Arguments> row(String endpoint, int... statuses) {
    List<String> who = List.of("AGENT", "SPECIALIST", "LEAD", "MANAGER", "ADMIN", ANONYMOUS);
    List<Arguments> rows = new ArrayList<>();
    for (int i = 0; i < who.size(); i++) {
      rows.add(Arguments.of(endpoint, who.get(i), statuses[i]));
    }
    return rows;
  }

  @ParameterizedTest(name = "{0} by {1} is {2}")
  @MethodSource("everyEndpointByEveryone")
  void endpointAnswersEachRoleWithTheExpectedStatus(String endpoint, String who, int expected) {
    Api.Response response = call(endpoint, tokens.get(who));

    assertThat(response.status())
        .as("%s by %s: %s", endpoint, who, response.body())
        .isEqualTo(expected);
    if (endpoint.contains("/api/") && (expected == 401 || expected == 403)) {
      assertThat(response.json().get("code").stringValue())
          .isEqualTo(expected == 401 ? "unauthenticated" : "forbidden");
    }
    if (endpoint.startsWith("POST") && expected == 200) {
      sockets.get(Role.AGENT).ack("cancel", "requestId", response.json().get("id").stringValue());
    }
  }

  static Stream<Arguments> reportsByEveryone() {
    return Stream.of(
            "/api/reports/summary?from=2020-01-01&to=2030-01-01",
            "/api/reports/specialists?from=2020-01-01&to=2030-01-01",
            "/api/reports/export.csv?from=2020-01-01&to=2030-01-01")
        .flatMap(
            path ->
                Stream.of("AGENT", "SPECIALIST", "LEAD", "MANAGER", "ADMIN", ANONYMOUS)
                    .map(who -> Arguments.of(path, who)));
  }

  @ParameterizedTest(name = "{0} by {1}")
  @MethodSource("reportsByEveryone")
  void reportsAreForManagersAndAdminsOnly(String path, String who) {
    Api.Response response = api.get(path, tokens.get(who));

    switch (who) {
      case ANONYMOUS -> assertThat(response.status()).isEqualTo(401);
      case "MANAGER", "ADMIN" ->
          assertThat(response.status()).as(response.body()).isNotIn(401, 403);
      default -> {
        assertThat(response.status()).as(response.body()).isEqualTo(403);
        assertThat(response.json().get("code").stringValue()).isEqualTo("forbidden");
      }
    }
  }

  @Test
  void agentReadsTheirOwnRequestButNotAnotherAgents() {
    Api.Response own = api.get("/api/requests/" + ratedRequestId, ownerToken);
    Api.Response others = api.get("/api/requests/" + ratedRequestId, tokens.get("AGENT"));

    assertThat(own.status()).isEqualTo(200);
    assertThat(own.json().get("id").stringValue()).isEqualTo(ratedRequestId);
    assertThat(own.json().has("score")).as("an agent's own view carries no score").isFalse();
    assertThat(others.status()).isEqualTo(403);
    assertThat(others.json().get("code").stringValue()).isEqualTo("forbidden");
  }

  @Test
  void specialistNeverSeesTheScoreButTheManagerDoes() {
    JsonNode bySpecialist =
        api.get("/api/requests/" + ratedRequestId, tokens.get("SPECIALIST")).json();
    JsonNode byManager = api.get("/api/requests/" + ratedRequestId, tokens.get("MANAGER")).json();

    assertThat(bySpecialist.get("rated").booleanValue()).isTrue();
    assertThat(bySpecialist.has("score")).isFalse();
    assertThat(bySpecialist.has("comment")).isFalse();
    assertThat(bySpecialist.has("wrong")).isFalse();
    assertThat(byManager.get("score").asInt()).isEqualTo(4);
    assertThat(byManager.get("comment").stringValue()).isEqualTo("good enough");
  }

  @Test
  void agentListsOnlyTheirOwnOpenRequest() {
    WsClient agent = sockets.get(Role.AGENT);
    String mine =
        agent
            .ack("raise", "clientKey", UUID.randomUUID().toString())
            .get("request")
            .get("id")
            .stringValue();
    WsClient other = WsClient.signedIn(node, api.token(TestFloor.freshAgent()));
    opened.add(other);
    String theirs =
        other
            .ack("raise", "clientKey", UUID.randomUUID().toString())
            .get("request")
            .get("id")
            .stringValue();
    try {
      JsonNode listed = api.get("/api/requests", tokens.get("AGENT")).json();
      JsonNode board = api.get("/api/requests", tokens.get("SPECIALIST")).json();

      assertThat(listed.valueStream().map(r -> r.get("id").stringValue())).containsExactly(mine);
      assertThat(board.valueStream().map(r -> r.get("id").stringValue())).contains(mine, theirs);
      assertThat(board.valueStream()).noneMatch(r -> r.has("score"));
    } finally {
      agent.ack("cancel", "requestId", mine);
      other.ack("cancel", "requestId", theirs);
    }
  }

  @Test
  void leadsAndAdminsNeverSeeIndividualRequestsOnTheirSockets() {
    for (Role role : List.of(Role.LEAD, Role.ADMIN)) {
      WsClient socket = sockets.get(role);
      JsonNode snapshot = socket.awaitFrame(f -> "snapshot".equals(WsClient.type(f)));

      assertThat(snapshot.get("requests").isEmpty()).as("%s snapshot", role).isTrue();
      assertThat(snapshot.has("specialists")).as("%s snapshot", role).isFalse();
      await()
          .during(Duration.ofSeconds(1))
          .atMost(Duration.ofSeconds(3))
          .until(
              () ->
                  socket.frames().stream()
                      .map(WsClient::type)
                      .noneMatch(Set.of("request", "offer", "said", "presence")::contains));
    }
  }

  @Test
  void ratingTravelsToManagersOnlyOverTheSocket() {
    JsonNode toManager =
        sockets.get(Role.MANAGER).awaitRequest(ratedRequestId, r -> r.path("rated").asBoolean());
    JsonNode toSpecialist =
        sockets.get(Role.SPECIALIST).awaitRequest(ratedRequestId, r -> r.path("rated").asBoolean());

    assertThat(toManager.get("score").asInt()).isEqualTo(4);
    assertThat(toManager.get("comment").stringValue()).isEqualTo("good enough");
    assertThat(toSpecialist.has("score")).isFalse();
    assertThat(toSpecialist.has("comment")).isFalse();
    assertThat(sockets.get(Role.SPECIALIST).frames())
        .noneMatch(f -> f.path("request").has("score"));
  }

  private Api.Response call(String endpoint, String token) {
    String[] parts = endpoint.split(" ", 2);
    String path = parts[1].replace("{rated}", ratedRequestId);
    if ("POST".equals(parts[0])) {
      return api.post(path, token, Map.of("clientKey", UUID.randomUUID().toString()));
    }
    return api.get(path, token);
  }

  private static String code(JsonNode reply) {
    return WsClient.type(reply).equals("error") ? reply.path("code").asString("") : "ack";
  }
}

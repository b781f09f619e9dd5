package io.handup.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.handup.testing.Api;
import io.handup.testing.TestFloor;
import io.handup.testing.TestNode;
import io.handup.testing.WsClient;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /api/auth/token}: passwords, the per-user throttle, API keys, and tokens on nodes.
 */
class SignInIT {

  private final TestNode nodeA = TestFloor.nodeA();
  private final Api api = new Api(nodeA);

  @Test
  void rightPasswordGivesATokenWithItsExpiryAndTheUser() {
    String agent = TestFloor.freshAgent();

    Api.Response response = signIn(api, agent, "demo");

    assertThat(response.status()).isEqualTo(200);
    JsonNode body = response.json();
    assertThat(body.get("token").stringValue()).isNotBlank();
    assertThat(Instant.parse(body.get("expiresAt").stringValue()))
        .isCloseTo(Instant.now().plus(Duration.ofHours(8)), within(1, ChronoUnit.MINUTES));
    assertThat(body.get("user").get("id").stringValue()).isEqualTo(agent);
    assertThat(body.get("user").get("name").stringValue()).isNotBlank();
    assertThat(body.get("user").get("roles").valueStream().map(JsonNode::stringValue))
        .containsExactly("AGENT");
    assertThat(api.get("/api/requests", body.get("token").stringValue()).status()).isEqualTo(200);
  }

  @Test
  void wrongPasswordIsUnauthenticated() {
    Api.Response response = signIn(api, TestFloor.freshAgent(), "not-demo");

    assertThat(response.status()).isEqualTo(401);
    assertThat(response.json().get("code").stringValue()).isEqualTo("unauthenticated");
    assertThat(response.body()).doesNotContain("token");
  }

  @Test
  void unknownUserGetsTheSameAnswerAsAWrongPassword() {
    Api.Response unknown = signIn(api, "nobody-" + System.nanoTime(), "demo");
    Api.Response wrong = signIn(api, TestFloor.freshAgent(), "nope");

    assertThat(unknown.status()).isEqualTo(401);
    assertThat(unknown.json()).isEqualTo(wrong.json());
  }

  @Test
  void missingPasswordIsABadRequest() {
    Api.Response response =
        api.post("/api/auth/token", null, Map.of("username", TestFloor.freshAgent()));

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.json().get("code").stringValue()).isEqualTo("bad_request");
  }

  @Test
  void userIsThrottledAfterThreeFailuresEvenWithTheRightPassword() {
    String agent = TestFloor.freshAgent();
    for (int i = 0; i < 3; i++) {
      assertThat(signIn(api, agent, "guess-" + i).status()).isEqualTo(401);
    }

    Api.Response throttled = signIn(api, agent, "demo");

    assertThat(throttled.status()).isEqualTo(429);
    assertThat(throttled.json().get("code").stringValue()).isEqualTo("rate_limited");
    assertThat(throttled.json().get("message").stringValue()).contains("try again");
  }

  @Test
  void guessesSentAllAtOnceAreThrottledLikeGuessesInARow() throws Exception {
    String agent = TestFloor.freshAgent();
    int guesses = 24;
    ExecutorService pool = Executors.newFixedThreadPool(guesses);
    try {
      List<Callable<Integer>> attempts = new ArrayList<>();
      for (int i = 0; i < guesses; i++) {
        String guess = "guess-" + i;
        attempts.add(() -> signIn(api, agent, guess).status());
      }
      List<Integer> statuses = new ArrayList<>();
      for (Future<Integer> status : pool.invokeAll(attempts)) {
        statuses.add(status.get());
      }

      assertThat(statuses).containsOnly(401, 429);
      assertThat(statuses.stream().filter(s -> s == 401))
          .as("no more passwords are tried than the limit allows")
          .hasSizeLessThanOrEqualTo(3);
    } finally {
      pool.shutdownNow();
    }
    assertThat(signIn(api, agent, "demo").status()).isEqualTo(429);
  }

  @Test
  void throttlingOneUserLeavesOthersUnaffected() {
    String victim = TestFloor.freshAgent();
    String colleague = TestFloor.freshAgent();
    for (int i = 0; i < 4; i++) {
      signIn(api, victim, "guess-" + i);
    }

    assertThat(signIn(api, victim, "demo").status()).isEqualTo(429);
    assertThat(signIn(api, colleague, "demo").status()).isEqualTo(200);
  }

  @Test
  void throttleHoldsOnEveryNode() {
    String agent = TestFloor.freshAgent();
    for (int i = 0; i < 3; i++) {
      signIn(api, agent, "guess-" + i);
    }

    assertThat(signIn(new Api(TestFloor.nodeB()), agent, "demo").status()).isEqualTo(429);
  }

  @Test
  void successfulSignInClearsEarlierFailures() {
    String agent = TestFloor.freshAgent();
    signIn(api, agent, "guess-1");
    signIn(api, agent, "guess-2");
    assertThat(signIn(api, agent, "demo").status()).isEqualTo(200);
    signIn(api, agent, "guess-3");
    signIn(api, agent, "guess-4");

    assertThat(signIn(api, agent, "demo").status()).isEqualTo(200);
  }

  @Test
  void apiKeyMintsATokenForAnyUserWithoutAPassword() {
    for (String user : new String[] {TestFloor.freshAgent(), "spec-1", "manager", "admin"}) {
      Api.Response response = withApiKey(TestFloor.API_KEY, user);

      assertThat(response.status()).as(user).isEqualTo(200);
      assertThat(response.json().get("user").get("id").stringValue()).isEqualTo(user);
      assertThat(api.get("/actuator/health", response.json().get("token").stringValue()).status())
          .isEqualTo(200);
    }
  }

  @Test
  void unknownApiKeyIsUnauthenticated() {
    Api.Response response = withApiKey("not-" + TestFloor.API_KEY, "manager");

    assertThat(response.status()).isEqualTo(401);
    assertThat(response.json().get("code").stringValue()).isEqualTo("unauthenticated");
  }

  @Test
  void apiKeyForAUserWhoDoesNotExistIsNotFound() {
    Api.Response response = withApiKey(TestFloor.API_KEY, "nobody-" + System.nanoTime());

    assertThat(response.status()).isEqualTo(404);
    assertThat(response.json().get("code").stringValue()).isEqualTo("not_found");
  }

  @Test
  void apiKeyIsNoWayToCallTheApiItself() {
    Api.Response response = api.get("/api/requests", null);
    Api.Response withKey =
        api.postRaw("/api/requests", "ApiKey " + TestFloor.API_KEY, "{\"clientKey\":\"k\"}");

    assertThat(response.status()).isEqualTo(401);
    assertThat(withKey.status()).isEqualTo(401);
    assertThat(withKey.json().get("code").stringValue()).isEqualTo("unauthenticated");
  }

  @Test
  void badBearerTokenIsRefusedNotTreatedAsAnonymous() {
    Api.Response response = api.get("/actuator/health", "v1.forged.1.x");
    Api.Response api401 = api.get("/api/requests", "v1.forged.1.x");

    assertThat(response.status()).isEqualTo(401);
    assertThat(api401.status()).isEqualTo(401);
    assertThat(api401.json().get("code").stringValue()).isEqualTo("unauthenticated");
  }

  @Test
  void clientStillSendingItsExpiredTokenCanSignInAgain() {
    Api.Response response =
        api.postRaw(
            "/api/auth/token",
            "Bearer v1.expired.1.x",
            "{\"username\":\"" + TestFloor.freshAgent() + "\",\"password\":\"demo\"}");

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.json().get("token").stringValue()).startsWith("v1.");
  }

  @Test
  void holderOfAValidTokenGetsAFreshOneWithoutThePassword() {
    String agent = TestFloor.freshAgent();
    String token = api.token(agent);

    Api.Response renewed = api.post("/api/auth/refresh", token, Map.of());

    assertThat(renewed.status()).isEqualTo(200);
    assertThat(renewed.json().get("user").get("id").stringValue()).isEqualTo(agent);
    assertThat(api.get("/api/requests", renewed.json().get("token").stringValue()).status())
        .isEqualTo(200);
    assertThat(api.post("/api/auth/refresh", null, Map.of()).status()).isEqualTo(401);
    assertThat(api.post("/api/auth/refresh", "v1.forged.1.x", Map.of()).status()).isEqualTo(401);
  }

  @Test
  void tokenFromNodeAIsAcceptedByNodeB() {
    TestNode nodeB = TestFloor.nodeB();
    String agent = TestFloor.freshAgent();
    String token = api.token(agent);

    assertThat(new Api(nodeB).get("/api/requests", token).status()).isEqualTo(200);
    try (WsClient socket = WsClient.signedIn(nodeB, token)) {
      JsonNode welcome = socket.awaitFrame(f -> "welcome".equals(WsClient.type(f)));
      assertThat(welcome.get("user").get("id").stringValue()).isEqualTo(agent);
    }
  }

  private static Api.Response signIn(Api api, String username, String password) {
    return api.post("/api/auth/token", null, Map.of("username", username, "password", password));
  }

  private Api.Response withApiKey(String key, String username) {
    return api.postRaw("/api/auth/token", "ApiKey " + key, "{\"username\":\"" + username + "\"}");
  }
}

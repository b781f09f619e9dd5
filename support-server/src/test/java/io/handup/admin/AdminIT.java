package io.handup.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import io.handup.directory.Directory;
import io.handup.directory.User;
import io.handup.request.HelpRequest;
import io.handup.request.Lifecycle;
import io.handup.request.Raise;
import io.handup.system.Keys;
import io.handup.system.LiveSettings;
import io.handup.testing.Api;
import io.handup.testing.TestFloor;
import io.handup.testing.TestNode;
import io.handup.testing.WsClient;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.UnifiedJedis;
import tools.jackson.databind.JsonNode;

/**
 * The admin API across two nodes: who may reach it, users created, edited, disabled and enabled,
 * settings that act on the other node without a restart, and the audit of it all.
 */
class AdminIT {

  private final TestNode nodeA = TestFloor.nodeA();
  private final TestNode nodeB = TestFloor.nodeB();
  private final Api apiA = new Api(nodeA);
  private final Api apiB = new Api(nodeB);
  private final AdminClient admin = AdminClient.admin(nodeA);
  private final List<WsClient> opened = new ArrayList<>();

  @AfterEach
  void closeSockets() {
    opened.forEach(WsClient::close);
  }

  @Test
  void everyRoleButAdminIsForbiddenTheAdminApiAndPage() {
    for (String who : List.of(TestFloor.freshAgent(), "spec-1", "lead-1", "manager")) {
      AdminClient someone = new AdminClient(nodeA, apiA.token(who));

      for (String path :
          List.of(
              "/api/admin/users",
              "/api/admin/settings",
              "/api/admin/roster.csv",
              "/api/admin/audit",
              "/api/admin/audit.csv",
              "/admin",
              "/admin/index.html",
              "/admin/session")) {
        Api.Response response = someone.get(path);
        assertThat(response.status()).as(who + " GET " + path).isEqualTo(403);
      }
      Api.Response create = someone.post("/api/admin/users", Map.of("id", "x", "name", "x"));
      assertThat(create.status()).as(who + " creates a user").isEqualTo(403);
      assertThat(create.json().get("code").stringValue()).isEqualTo("forbidden");
      assertThat(someone.settings(LiveSettings.OFFER_TIMEOUT, "99s").status()).isEqualTo(403);
      assertThat(someone.postCsv("/api/admin/roster.csv", "id,name,roles,floor\r\n").status())
          .isEqualTo(403);
    }
    assertThat(new AdminClient(nodeA, null).get("/api/admin/users").status()).isEqualTo(401);
    assertThat(admin.get("/api/admin/users").status()).isEqualTo(200);
    assertThat(admin.get("/admin").status()).isEqualTo(200);
  }

  @Test
  void createdUserSignsInWithThePasswordTheAdminSet() {
    String floor = AdminClient.unique("adm");
    String id = AdminClient.unique("new");
    String password = "pw-" + UUID.randomUUID();

    admin.createUser(id, List.of("AGENT"), floor, null, List.of(), password);

    assertThat(signIn(apiA, id, password).status()).isEqualTo(200);
    JsonNode listed = find(admin.get("/api/admin/users").json(), id);
    assertThat(listed.get("floor").stringValue()).isEqualTo(floor);
    assertThat(listed.get("disabled").asBoolean()).isFalse();
  }

  @Test
  void userWithoutPasswordSignsInOnlyThroughAnIntegrationsApiKey() {
    String id = AdminClient.unique("nopw");
    admin.createUser(id, List.of("AGENT"), AdminClient.unique("adm"), null, List.of(), null);

    assertThat(signIn(apiA, id, "demo").status()).isEqualTo(401);
    assertThat(apiA.mint(id)).isNotBlank();
  }

  @Test
  void creatingAUserAlreadyThereIsAConflictAndABadOneGetsEveryReason() {
    String id = AdminClient.unique("dup");
    admin.createUser(id, List.of("AGENT"), AdminClient.unique("adm"), null, List.of(), null);

    Api.Response again =
        admin.post(
            "/api/admin/users",
            Map.of("id", id, "name", "Again", "roles", List.of("AGENT"), "floor", "x"));
    Api.Response bad =
        admin.post(
            "/api/admin/users",
            Map.of(
                "id",
                AdminClient.unique("bad"),
                "name",
                "Bad",
                "roles",
                List.of("BOSS"),
                "floor",
                "no{tags}",
                "managerId",
                "nobody-" + UUID.randomUUID(),
                "password",
                "short"));

    assertThat(again.status()).isEqualTo(409);
    assertThat(again.json().get("code").stringValue()).isEqualTo("conflict");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.json().get("code").stringValue()).isEqualTo("bad_request");
    assertThat(bad.json().get("errors").valueStream().map(e -> e.get("reason").stringValue()))
        .anyMatch(r -> r.startsWith("unknown role BOSS"))
        .anyMatch(r -> r.startsWith("bad floor"))
        .anyMatch(r -> r.startsWith("a password needs"));
  }

  @Test
  void editingSkillsAndManagerRewritesWhatTheScriptsRead() {
    String floor = AdminClient.unique("adm");
    String mentor = AdminClient.unique("spec");
    String agent = AdminClient.unique("agent");
    admin.createUser(mentor, List.of("SPECIALIST"), floor, null, List.of("billing"), null);
    admin.createUser(agent, List.of("AGENT"), floor, null, List.of(), null);

    Api.Response skills =
        admin.put(
            "/api/admin/users/" + mentor,
            Map.of(
                "name",
                "Mentor",
                "roles",
                List.of("SPECIALIST"),
                "floor",
                floor,
                "skills",
                List.of("policy", "technical")));
    Api.Response line =
        admin.put(
            "/api/admin/users/" + agent,
            Map.of(
                "name", "Agent", "roles", List.of("AGENT"), "floor", floor, "managerId", mentor));

    assertThat(skills.status()).isEqualTo(200);
    assertThat(line.status()).isEqualTo(200);
    UnifiedJedis jedis = nodeA.bean(UnifiedJedis.class);
    assertThat(jedis.smembers(Keys.floor(floor).skills(mentor)))
        .containsExactlyInAnyOrder("policy", "technical");
    assertThat(jedis.smembers(Keys.floor(floor).chain(agent))).containsExactly(mentor);
    assertThat(audit(admin, "user.update", mentor).get("detail").stringValue())
        .contains("skills: billing → policy;technical");
  }

  @Test
  void aRoleChangeReachesAnOpenSocketThroughAReconnect() {
    String id = AdminClient.unique("promoted");
    String password = "pw-" + UUID.randomUUID();
    admin.createUser(id, List.of("AGENT"), "demo", null, List.of(), password);
    String token = signIn(apiB, id, password).json().get("token").stringValue();
    WsClient socket = WsClient.signedIn(nodeB, token);
    opened.add(socket);

    Api.Response changed =
        admin.put(
            "/api/admin/users/" + id,
            Map.of(
                "name",
                "Promoted",
                "roles",
                List.of("SPECIALIST"),
                "floor",
                "demo",
                "seat",
                "T-1"));

    assertThat(changed.status()).as(changed.body()).isEqualTo(200);
    assertThat(socket.awaitClose()).isEqualTo(4002);
    WsClient again = WsClient.signedIn(nodeB, token);
    opened.add(again);
    JsonNode welcome = again.awaitFrame(f -> "welcome".equals(WsClient.type(f)));
    assertThat(welcome.get("user").get("roles").toString()).contains("SPECIALIST");
  }

  @Test
  void disablingAUserClosesTheirSocketOnTheOtherNodeAndRefusesTokenPasswordAndApiKey() {
    String id = AdminClient.unique("gone");
    String password = "pw-" + UUID.randomUUID();
    admin.createUser(id, List.of("AGENT"), "demo", null, List.of(), password);
    String token = signIn(apiB, id, password).json().get("token").stringValue();
    WsClient socket = WsClient.signedIn(nodeB, token);
    opened.add(socket);

    Api.Response disabled = admin.post("/api/admin/users/" + id + "/disable", Map.of());

    assertThat(disabled.status()).isEqualTo(200);
    assertThat(disabled.json().get("disabled").asBoolean()).isTrue();
    JsonNode error = socket.awaitFrame(AdminIT::isDisabled);
    assertThat(error.get("code").stringValue()).isEqualTo("unauthenticated");
    assertThat(error.get("message").stringValue()).isEqualTo("Your account was disabled");
    assertThat(socket.awaitClose()).isEqualTo(1008);
    assertThat(apiB.get("/api/requests", token).status()).isEqualTo(401);
    assertThat(apiA.get("/api/requests", token).status()).isEqualTo(401);
    assertThat(signIn(apiB, id, password).status()).isEqualTo(401);
    assertThat(signIn(apiB, id, password).json().get("message").stringValue())
        .isEqualTo("Your account was disabled");
    assertThat(catchThrowable(() -> apiA.mint(id))).hasMessageContaining("disabled");
    WsClient again = WsClient.open(nodeB);
    opened.add(again);
    again.sendRaw(Api.JSON.writeValueAsString(Map.of("type", "hello", "token", token)));
    assertThat(again.awaitFrame(f -> "error".equals(WsClient.type(f))).get("code").stringValue())
        .isEqualTo("unauthenticated");

    assertThat(admin.post("/api/admin/users/" + id + "/enable", Map.of()).status()).isEqualTo(200);
    assertThat(signIn(apiB, id, password).status()).isEqualTo(200);
    assertThat(apiB.get("/api/requests", token).status()).isEqualTo(200);
  }

  @Test
  void anAdminCannotDisableThemselves() {
    Api.Response response = admin.post("/api/admin/users/admin/disable", Map.of());

    assertThat(response.status()).isEqualTo(409);
    assertThat(nodeA.bean(Directory.class).isDisabled("admin")).isFalse();
  }

  @Test
  void aChangeNeedsAJsonBodySoACrossSiteFormCannotMakeIt() throws Exception {
    String id = AdminClient.unique("csrf");
    admin.createUser(id, List.of("AGENT"), AdminClient.unique("adm"), null, List.of(), null);
    String token = apiA.token("admin");

    HttpResponse<String> form =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(nodeA.http("/api/admin/users/" + id + "/disable"))
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("a=b"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());

    assertThat(form.statusCode()).isEqualTo(415);
    assertThat(nodeA.bean(Directory.class).isDisabled(id)).isFalse();
  }

  @Test
  void offerTimeoutChangedOnNodeAIsUsedByATransferOnNodeB() {
    String floor = AdminClient.unique("live");
    String agent = AdminClient.unique("agent");
    String first = AdminClient.unique("spec");
    String second = AdminClient.unique("spec");
    admin.createUser(agent, List.of("AGENT"), floor, null, List.of(), null);
    admin.createUser(first, List.of("SPECIALIST"), floor, null, List.of(), null);
    admin.createUser(second, List.of("SPECIALIST"), floor, null, List.of(), null);
    Directory directory = nodeB.bean(Directory.class);
    Lifecycle lifecycle = nodeB.bean(Lifecycle.class);
    LiveSettings liveB = nodeB.bean(LiveSettings.class);
    try {
      assertThat(admin.settings(LiveSettings.OFFER_TIMEOUT, "97s").status()).isEqualTo(200);
      await().atMost(Duration.ofSeconds(5)).until(() -> liveB.offerTimeout().toSeconds() == 97);

      HelpRequest raised =
          lifecycle.raise(user(directory, agent), new Raise("k", null, false, null));
      lifecycle.claim(user(directory, first), raised.id());
      Instant before = Instant.now();
      HelpRequest offered =
          lifecycle.transfer(user(directory, first), raised.id(), user(directory, second));

      assertThat(offered.offerExpiresAt())
          .isBetween(before.plusSeconds(96), Instant.now().plusSeconds(98));
    } finally {
      admin.settings(LiveSettings.OFFER_TIMEOUT, null);
    }
    await().atMost(Duration.ofSeconds(5)).until(() -> liveB.offerTimeout().toSeconds() == 15);
  }

  @Test
  void allowedOriginsChangedOnNodeARefuseAndAdmitHandshakesOnNodeB() {
    LiveSettings liveB = nodeB.bean(LiveSettings.class);
    String crm = "https://crm-" + UUID.randomUUID().toString().substring(0, 6) + ".example.com";
    List<String> before = liveB.allowedOrigins();
    try {
      assertThat(admin.settings(LiveSettings.ALLOWED_ORIGINS, crm).status()).isEqualTo(200);

      await()
          .atMost(Duration.ofSeconds(5))
          .until(() -> refusedOrigin(nodeB, "http://localhost:1234"));
      WsClient fromCrm = WsClient.openFrom(nodeB, crm);
      opened.add(fromCrm);
      fromCrm.sendRaw(
          Api.JSON.writeValueAsString(
              Map.of("type", "hello", "token", apiB.token(TestFloor.freshAgent()))));
      assertThat(fromCrm.awaitFrame(f -> "welcome".equals(WsClient.type(f)))).isNotNull();
    } finally {
      admin.settings(LiveSettings.ALLOWED_ORIGINS, null);
    }
    await().atMost(Duration.ofSeconds(5)).until(() -> liveB.allowedOrigins().equals(before));
    assertThat(refusedOrigin(nodeB, crm)).isTrue();
  }

  @Test
  void badSettingsAreRefusedAllTogetherAndNothingChanges() {
    Api.Response response =
        admin.put(
            "/api/admin/settings",
            Map.of(
                "offerTimeout", "soon",
                "coachingMinimum", "0",
                "allowedOrigins", "*",
                "noSuchSetting", "1"));

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.json().get("message").stringValue())
        .contains("offerTimeout", "coachingMinimum", "allowedOrigins", "unknown setting");
    assertThat(nodeA.bean(UnifiedJedis.class).hgetAll(Keys.settings())).isEmpty();
    JsonNode settings = admin.get("/api/admin/settings").json();
    assertThat(settings.valueStream().map(s -> s.get("key").stringValue()))
        .contains(
            "offerTimeout",
            "requestExpiry",
            "serviceLevelTarget",
            "allowedOrigins",
            "coachingMultiple",
            "coachingMinimum");
  }

  @Test
  void auditKeepsSignInsOfEveryKindAndAdminChanges() {
    String id = AdminClient.unique("aud");
    String password = "pw-" + UUID.randomUUID();
    admin.createUser(id, List.of("AGENT"), AdminClient.unique("adm"), null, List.of(), password);
    signIn(apiA, id, "wrong-password");
    signIn(apiA, id, password);
    apiA.mint(id);
    admin.post("/api/admin/users/" + id + "/disable", Map.of());

    JsonNode created = audit(admin, "user.create", id);
    assertThat(created.get("actor").stringValue()).isEqualTo("admin");
    assertThat(created.get("detail").stringValue()).contains("roles=AGENT", "password set");
    assertThat(created.get("address").stringValue()).isNotBlank();
    assertThat(audit(admin, "sign-in.failed", id).get("detail").stringValue())
        .startsWith("password: ");
    assertThat(auditLines(admin, "sign-in", id))
        .extracting(l -> l.get("detail").stringValue())
        .contains("password", "apiKey");
    assertThat(audit(admin, "user.disable", id).get("actor").stringValue()).isEqualTo("admin");

    Api.Response csv = admin.get("/api/admin/audit.csv");
    assertThat(csv.status()).isEqualTo(200);
    assertThat(csv.body()).startsWith("at,actor,action,target,detail,address\r\n");
    assertThat(csv.body().lines().filter(l -> l.contains(",user.create," + id + ","))).hasSize(1);
  }

  // --- helpers -------------------------------------------------------------------------------

  static JsonNode audit(AdminClient admin, String action, String target) {
    List<JsonNode> lines = auditLines(admin, action, target);
    assertThat(lines).as("audit lines %s on %s", action, target).isNotEmpty();
    return lines.get(0);
  }

  static List<JsonNode> auditLines(AdminClient admin, String action, String target) {
    JsonNode body = admin.get("/api/admin/audit?limit=1000").json();
    return body.get("lines")
        .valueStream()
        .filter(l -> action.equals(l.get("action").stringValue()))
        .filter(l -> target.equals(l.get("target").stringValue()))
        .toList();
  }

  private static boolean isDisabled(JsonNode frame) {
    return "error".equals(WsClient.type(frame))
        && "Your account was disabled".equals(frame.path("message").asString(""));
  }

  private static boolean refusedOrigin(TestNode node, String origin) {
    try {
      WsClient.openFrom(node, origin).close();
      return false;
    } catch (RuntimeException e) {
      return e.getCause() instanceof WebSocketHandshakeException refused
          && refused.getResponse().statusCode() == 403;
    }
  }

  private static User user(Directory directory, String id) {
    return directory.find(id).orElseThrow();
  }

  private static Api.Response signIn(Api api, String username, String password) {
    return api.post("/api/auth/token", null, Map.of("username", username, "password", password));
  }

  private static JsonNode find(JsonNode users, String id) {
    return users
        .valueStream()
        .filter(u -> id.equals(u.get("id").stringValue()))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void anEmailSetByTheAdminIsKeptByAnEditThatDoesNotSendItAndRemovedByAnEmptyOne() {
    String id = AdminClient.unique("mail");
    String floor = AdminClient.unique("mailfloor");
    Map<String, Object> body = new java.util.HashMap<>();
    body.put("id", id);
    body.put("name", "Mail User");
    body.put("roles", List.of("AGENT"));
    body.put("floor", floor);
    body.put("email", id + "@corp.example");
    assertThat(admin.post("/api/admin/users", body).status()).isEqualTo(201);

    body.remove("email");
    body.put("name", "Mail User Renamed");
    Api.Response kept = admin.put("/api/admin/users/" + id, body);
    body.put("email", "");
    Api.Response removed = admin.put("/api/admin/users/" + id, body);

    assertThat(kept.json().get("email").stringValue()).isEqualTo(id + "@corp.example");
    assertThat(removed.json().get("email").isNull()).isTrue();
    assertThat(nodeA.bean(Directory.class).find(id).orElseThrow().email()).isNull();
  }
}

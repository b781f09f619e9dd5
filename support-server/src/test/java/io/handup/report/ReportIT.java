package io.handup.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.handup.directory.Directory;
import io.handup.directory.Role;
import io.handup.directory.User;
import io.handup.request.Lifecycle;
import io.handup.testing.Api;
import io.handup.testing.TestFloor;
import io.handup.testing.TestNode;
import io.handup.testing.WsClient;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The reports over HTTP, on a floor of their own whose requests were raised, claimed and ended at
 * times set by hand. The node's clock stands a year ahead, so no other node's timer ever fires on
 * this floor, and its own timer polling is off: the one expiry is fired as the poller would.
 */
class ReportIT {

  private static final ZoneId ZONE = ZoneId.of("Asia/Kolkata"); // UTC+05:30: days start 18:30Z
  private static final LocalDate DAY = LocalDate.now(ZoneOffset.UTC).plusDays(400);

  private static TestNode node;
  private static Api api;
  private static MovableClock clock;
  private static String floor;
  private static final Map<String, String> ids = new HashMap<>();
  private static final List<WsClient> sockets = new ArrayList<>();

  @BeforeAll
  static void raiseAndEndRequestsAtKnownTimes() {
    node = MovableClock.startNode(ZONE);
    api = new Api(node);
    clock = node.bean(MovableClock.class);
    floor = "report-" + UUID.randomUUID().toString().substring(0, 8);
    node.bean(Directory.class)
        .saveAll(
            List.of(
                user("manager", Role.MANAGER),
                user("a1", Role.AGENT),
                user("a2", Role.AGENT),
                user("a3", Role.AGENT),
                user("a4", Role.AGENT),
                user("a5", Role.AGENT),
                user("a6", Role.AGENT),
                user("a7", Role.AGENT),
                user("a8", Role.AGENT),
                user("s1", Role.SPECIALIST),
                user("s2", Role.SPECIALIST)),
            Map.of());

    at(DAY.minusDays(1), "23:50:00");
    WsClient a1 = socket("a1");
    WsClient a2 = socket("a2");
    WsClient a3 = socket("a3");
    WsClient a4 = socket("a4");
    WsClient a5 = socket("a5");
    WsClient a6 = socket("a6");
    WsClient a7 = socket("a7");
    WsClient a8 = socket("a8");
    WsClient s1 = socket("s1");
    WsClient s2 = socket("s2");

    // the day before, in the report zone: only in ranges that include it
    String r8 = raise(a8, "r8", null);
    at(DAY.minusDays(1), "23:50:05");
    a8.ack("cancel", "requestId", r8);

    // 00:10 local is still the day before in UTC, yet counts for DAY
    at(DAY, "00:10:00");
    String r7 = raise(a7, "r7", null);
    at(DAY, "00:10:05");
    s2.ack("claim", "requestId", r7); // wait 5
    at(DAY, "00:10:30");
    s2.ack("resolve", "requestId", r7); // handle 25

    at(DAY, "10:00:00");
    String r1 = raise(a1, "r1", "=1+1, on the phone");
    at(DAY, "10:00:10");
    s1.ack("claim", "requestId", r1); // wait 10
    at(DAY, "10:00:25");
    s1.ack("arrive", "requestId", r1); // walk 15
    at(DAY, "10:01:10");
    s1.ack("resolve", "requestId", r1, "outcome", "ANSWERED"); // handle 60
    a1.ack("rate", "requestId", r1, "score", 4, "comment", "Fine, \"thanks\"\nsecond line");

    at(DAY, "10:05:00");
    String r2 = raise(a2, "r2", null);
    at(DAY, "10:05:45");
    s2.ack("claim", "requestId", r2); // wait 45: over the target
    at(DAY, "10:06:15");
    s2.ack("arrive", "requestId", r2); // walk 30
    at(DAY, "10:07:45");
    s2.ack("resolve", "requestId", r2, "outcome", "ESCALATED"); // handle 120
    a2.ack("rate", "requestId", r2, "score", 2, "wrong", true);

    at(DAY, "10:10:00");
    String r3 = raise(a3, "r3", null);
    at(DAY, "10:10:20");
    a3.ack("cancel", "requestId", r3); // before any claim: abandoned

    at(DAY, "10:15:00");
    String r4 = raise(a4, "r4", null);
    at(DAY, "10:15:20");
    s2.ack("claim", "requestId", r4); // wait 20
    at(DAY, "10:15:30");
    a4.ack("cancel", "requestId", r4); // after the claim: claimed, not abandoned

    at(DAY, "10:20:00");
    String r5 = raise(a5, "r5", null);
    at(DAY, "10:25:00");
    raise(a6, "r6", null); // still waiting: open
    at(DAY, "10:30:00");
    assertThat(node.bean(Lifecycle.class).expire(floor, r5, "expire:" + r5)).isPresent();
    // whole past days are read from the rollups: wait for them to hold every event
    await().atMost(Duration.ofSeconds(60)).until(() -> node.bean(Rollups.class).caughtUp(floor));
  }

  @AfterAll
  static void stop() {
    sockets.forEach(WsClient::close);
    if (node != null) {
      node.close();
    }
  }

  @Test
  void summaryOfTheDayHasTheHandWorkedFigures() {
    JsonNode s = get("/api/reports/summary?from=" + DAY + "&to=" + DAY);

    // r1 … r7 were raised on DAY in Kolkata; r8 the evening before
    assertThat(s.get("from").stringValue()).isEqualTo(DAY.minusDays(1) + "T18:30:00.000Z");
    assertThat(s.get("to").stringValue()).isEqualTo(DAY + "T18:30:00.000Z");
    assertThat(s.get("timeZone").stringValue()).isEqualTo("Asia/Kolkata");
    assertThat(s.get("raised").asLong()).isEqualTo(7);
    assertThat(s.get("claimed").asLong()).as("r1 r2 r4 r7").isEqualTo(4);
    assertThat(s.get("resolved").asLong()).as("r1 r2 r7").isEqualTo(3);
    assertThat(s.get("cancelled").asLong()).as("r3 r4").isEqualTo(2);
    assertThat(s.get("expired").asLong()).as("r5").isEqualTo(1);
    assertThat(s.get("open").asLong()).as("r6").isEqualTo(1);
    assertThat(s.get("abandoned").asLong()).as("r3 r5").isEqualTo(2);
    // within 30 s: r1 (10), r4 (20), r7 (5) = 3 of 4 claimed + 2 abandoned
    assertThat(s.get("serviceLevel").asDouble()).isEqualTo(0.5);
    // (2 cancelled + 1 expired) / (3 resolved + 2 cancelled + 1 expired)
    assertThat(s.get("abandonRate").asDouble()).isEqualTo(0.5);
    // waits 5 10 20 45: p50 rank 2 -> 10; p90 rank ceil(3.6) = 4 -> 45; mean 80 / 4 = 20
    assertThat(s.get("waitP50Seconds").asDouble()).isEqualTo(10.0);
    assertThat(s.get("waitP90Seconds").asDouble()).isEqualTo(45.0);
    assertThat(s.get("waitP99Seconds").asDouble()).isEqualTo(45.0);
    assertThat(s.get("waitMeanSeconds").asDouble()).isEqualTo(20.0);
    // walks 15 30: p50 rank 1 -> 15
    assertThat(s.get("walkP50Seconds").asDouble()).isEqualTo(15.0);
    // handles 25 60 120: p50 rank 2 -> 60; p90 rank ceil(2.7) = 3 -> 120
    assertThat(s.get("handleP50Seconds").asDouble()).isEqualTo(60.0);
    assertThat(s.get("handleP90Seconds").asDouble()).isEqualTo(120.0);
    assertThat(s.get("handleP99Seconds").asDouble()).isEqualTo(120.0);
    assertThat(s.get("ratingMean").asDouble()).isEqualTo(3.0);
    assertThat(s.get("ratingCount").asLong()).isEqualTo(2);
    assertThat(s.get("wrongFlags").asLong()).isEqualTo(1);
    assertThat(s.get("serviceLevelTargetSeconds").asDouble()).isEqualTo(30.0);
  }

  @Test
  void withoutARangeTheSummaryIsOfTodayInTheReportZone() {
    JsonNode today = get("/api/reports/summary");

    assertThat(today.get("from").stringValue()).isEqualTo(DAY.minusDays(1) + "T18:30:00.000Z");
    assertThat(today.get("raised").asLong()).isEqualTo(7);
  }

  @Test
  void rangeOfTwoDaysTakesInTheEveningBefore() {
    JsonNode s = get("/api/reports/summary?from=" + DAY.minusDays(1) + "&to=" + DAY);

    assertThat(s.get("raised").asLong()).isEqualTo(8);
    assertThat(s.get("cancelled").asLong()).isEqualTo(3);
    assertThat(s.get("abandoned").asLong()).isEqualTo(3);
  }

  @Test
  void specialistsAreListedBusiestFirstWithTheirOwnFigures() {
    JsonNode report = get("/api/reports/specialists?from=" + DAY + "&to=" + DAY);
    JsonNode list = report.get("specialists");

    assertThat(list).hasSize(2);
    JsonNode s2 = list.get(0);
    assertThat(s2.get("specialistId").stringValue()).isEqualTo(floor + "-s2");
    assertThat(s2.get("specialistName").stringValue()).isEqualTo("Name s2");
    assertThat(s2.get("handled").asLong()).as("r2 r4 r7").isEqualTo(3);
    assertThat(s2.get("resolved").asLong()).as("r2 r7").isEqualTo(2);
    // waits 5 20 45: p50 rank 2 -> 20, p90 rank 3 -> 45; handles 25 120: p50 rank 1 -> 25
    assertThat(s2.get("waitP50Seconds").asDouble()).isEqualTo(20.0);
    assertThat(s2.get("waitP90Seconds").asDouble()).isEqualTo(45.0);
    assertThat(s2.get("walkP50Seconds").asDouble()).isEqualTo(30.0);
    assertThat(s2.get("handleP50Seconds").asDouble()).isEqualTo(25.0);
    assertThat(s2.get("ratingMean").asDouble()).isEqualTo(2.0);
    assertThat(s2.get("ratingCount").asLong()).isEqualTo(1);
    assertThat(s2.get("wrongFlags").asLong()).isEqualTo(1);
    JsonNode s1 = list.get(1);
    assertThat(s1.get("specialistId").stringValue()).isEqualTo(floor + "-s1");
    assertThat(s1.get("handled").asLong()).isEqualTo(1);
    assertThat(s1.get("waitP50Seconds").asDouble()).isEqualTo(10.0);
    assertThat(s1.get("walkP50Seconds").asDouble()).isEqualTo(15.0);
    assertThat(s1.get("handleP50Seconds").asDouble()).isEqualTo(60.0);
    assertThat(s1.get("ratingMean").asDouble()).isEqualTo(4.0);
    assertThat(s1.get("wrongFlags").asLong()).isZero();
  }

  @Test
  void exportIsAnAttachmentWithOneEscapedRowPerRequest() throws Exception {
    String path = "/api/reports/export.csv?from=" + DAY + "&to=" + DAY;
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(node.http(path))
                    .header("Authorization", "Bearer " + token("manager"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("text/csv"));
    assertThat(response.headers().firstValue("Content-Disposition"))
        .hasValue("attachment; filename=\"handup-" + floor + "-" + DAY + "-" + DAY + ".csv\"");
    String csv = response.body();
    assertThat(csv).startsWith(Csv.header());
    for (String r : List.of("r1", "r2", "r3", "r4", "r5", "r6", "r7")) {
      assertThat(csv).contains("\r\n" + ids.get(r) + ",");
    }
    assertThat(csv).doesNotContain("\r\n" + ids.get("r8") + ",");
    String r1 = DAY + "T04:30";
    assertThat(csv)
        .contains(
            ids.get("r1")
                + ",RESOLVED,"
                + floor
                + "-a1,Name a1,,,false,\"'=1+1, on the phone\","
                + floor
                + "-s1,Name s1,"
                + r1
                + ":00.000Z,"
                + r1
                + ":10.000Z,"
                + r1
                + ":25.000Z,"
                + DAY
                + "T04:31:10.000Z,,,10.0,15.0,60.0,false,ANSWERED,,true,4,false,"
                + "\"Fine, \"\"thanks\"\"\nsecond line\",false,\r\n");
    assertThat(csv).contains(ids.get("r5") + ",EXPIRED,");
  }

  @Test
  void onlyManagersAndAdminsReadReports() {
    Api.Response agent = api.get("/api/reports/summary", token("a1"));
    Api.Response specialist = api.get("/api/reports/specialists", token("s1"));
    Api.Response anonymous = api.get("/api/reports/export.csv", null);

    assertThat(agent.status()).isEqualTo(403);
    assertThat(agent.json().get("code").stringValue()).isEqualTo("forbidden");
    assertThat(specialist.status()).isEqualTo(403);
    assertThat(specialist.json().get("code").stringValue()).isEqualTo("forbidden");
    assertThat(anonymous.status()).isEqualTo(401);
    assertThat(anonymous.json().get("code").stringValue()).isEqualTo("unauthenticated");
  }

  @Test
  void backwardsMalformedOrOverlongRangesAreBadRequests() {
    String manager = token("manager");

    Api.Response backwards =
        api.get("/api/reports/summary?from=" + DAY + "&to=" + DAY.minusDays(1), manager);
    Api.Response malformed = api.get("/api/reports/export.csv?from=last-week", manager);
    Api.Response overlong =
        api.get("/api/reports/specialists?from=" + DAY.minusDays(400) + "&to=" + DAY, manager);

    assertThat(backwards.status()).isEqualTo(400);
    assertThat(backwards.json().get("code").stringValue()).isEqualTo("bad_request");
    assertThat(backwards.json().get("message").stringValue()).contains("'from' must come before");
    assertThat(malformed.status()).isEqualTo(400);
    assertThat(malformed.json().get("message").stringValue()).contains("YYYY-MM-DD");
    assertThat(overlong.status()).isEqualTo(400);
    assertThat(overlong.json().get("message").stringValue()).contains("at most 366 days");
  }

  private static JsonNode get(String path) {
    Api.Response response = api.get(path, token("manager"));
    assertThat(response.status()).as(response.body()).isEqualTo(200);
    return response.json();
  }

  private static void at(LocalDate day, String time) {
    clock.set(LocalDateTime.of(day, LocalTime.parse(time)).atZone(ZONE).toInstant());
  }

  private static String raise(WsClient agent, String name, String note) {
    Object[] fields =
        note == null
            ? new Object[] {"clientKey", name}
            : new Object[] {"clientKey", name, "note", note};
    String id = agent.ack("raise", fields).get("request").get("id").stringValue();
    ids.put(name, id);
    return id;
  }

  private static WsClient socket(String name) {
    WsClient client = WsClient.signedIn(node, token(name));
    sockets.add(client);
    return client;
  }

  /** Tokens through the integration key: these users have no password. */
  private static String token(String name) {
    Api.Response response =
        api.postRaw(
            "/api/auth/token",
            "ApiKey " + TestFloor.API_KEY,
            Api.JSON.writeValueAsString(Map.of("username", floor + "-" + name)));
    assertThat(response.status()).as(response.body()).isEqualTo(200);
    return response.json().get("token").stringValue();
  }

  private static User user(String name, Role role) {
    return new User(
        floor + "-" + name,
        "Name " + name,
        Set.of(role),
        null,
        null,
        role == Role.SPECIALIST ? "S-" + name : "",
        floor,
        Set.of());
  }
}

package io.handup.duty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import io.handup.directory.Directory;
import io.handup.directory.Role;
import io.handup.directory.User;
import io.handup.system.Keys;
import io.handup.testing.Api;
import io.handup.testing.Chromium;
import io.handup.testing.OwnFloor;
import io.handup.testing.OwnRedisNodes;
import io.handup.testing.TestNode;
import io.handup.testing.WsClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.password.PasswordEncoder;
import redis.clients.jedis.UnifiedJedis;
import tools.jackson.databind.JsonNode;

/**
 * The duty roster and rotation on two real nodes sharing one real Redis, with automatic offers and
 * short timers: a rotation break after two claims, three seconds long. Each test builds a floor of
 * its own, so only the people it connects can be offered anything.
 */
class DutyIT {

  private static final Duration BREAK = Duration.ofSeconds(3);
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private static final Map<String, Object> FAST =
      Map.ofEntries(
          Map.entry("handup.auto-offer", true),
          Map.entry("handup.offer-timeout", "1s"),
          Map.entry("handup.request-expiry", "30s"),
          Map.entry("handup.reconnect-grace", "1s"),
          Map.entry("handup.timer-poll", "100ms"),
          Map.entry("handup.dispatch-interval", "200ms"),
          Map.entry("handup.rotation.max-claims", 2),
          Map.entry("handup.rotation.off-floor", "3s"),
          Map.entry("handup.demo.agents", 20),
          Map.entry("handup.demo.specialists", 4));

  private static OwnRedisNodes own;
  private static TestNode nodeA;
  private static TestNode nodeB;

  private final OwnFloor floor = new OwnFloor("duty", nodeA);

  @BeforeAll
  static void startNodes() {
    own = OwnRedisNodes.start("duty", 2, FAST);
    nodeA = own.node(0);
    nodeB = own.node(1);
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
  void rosteredSpecialistOffDutyGetsNoOffersWhileOneOnDutyDoes() {
    floor.people(
        floor.manager("boss"),
        floor.agent("a1"),
        floor.agent("a2"),
        floor.specialist("off", "billing"),
        floor.specialist("on", "billing"));
    String boss = floor.token("boss");
    Instant now = Instant.now();
    assertThat(
            addShift(boss, "off", now.plus(Duration.ofHours(1)), now.plus(Duration.ofHours(9)))
                .status())
        .isEqualTo(201);
    assertThat(
            addShift(boss, "on", now.minus(Duration.ofHours(1)), now.plus(Duration.ofHours(7)))
                .status())
        .isEqualTo(201);
    // idle the longest: without the roster the first offer would be theirs
    WsClient off = floor.connect(nodeA, "off");
    WsClient on = floor.connect(nodeB, "on");

    String first = floor.connect(nodeA, "a1").raise("billing");
    String second = floor.connect(nodeB, "a2").raise("billing");

    JsonNode offer = on.awaitFrame(f -> "offer".equals(WsClient.type(f)));
    assertThat(WsClient.requestId(offer)).isEqualTo(first);
    await()
        .during(Duration.ofSeconds(2))
        .atMost(Duration.ofSeconds(4))
        .until(() -> off.frames().stream().noneMatch(f -> "offer".equals(WsClient.type(f))));
    assertThat(off.awaitRequest(second, r -> true).get("state").stringValue()).isEqualTo("QUEUED");
    JsonNode duty =
        Api.JSON.readTree(send("GET", "/api/duty/me", floor.token("off"), null, null).body());
    assertThat(duty.get("rostered").booleanValue()).isTrue();
    assertThat(duty.get("onDuty").booleanValue()).isFalse();
    assertThat(duty.get("next").get("start").stringValue()).endsWith("Z");
  }

  @Test
  void specialistBecomesEligibleWhenTheirShiftStarts() {
    floor.people(floor.manager("boss"), floor.agent("a1"), floor.specialist("early", "technical"));
    Instant shiftStart = Instant.now().plusSeconds(3);
    assertThat(
            addShift(floor.token("boss"), "early", shiftStart, shiftStart.plus(Duration.ofHours(8)))
                .status())
        .isEqualTo(201);
    WsClient early = floor.connect(nodeA, "early");

    String id = floor.connect(nodeB, "a1").raise("technical");

    JsonNode offer =
        early.awaitFrame(f -> "offer".equals(WsClient.type(f)) && WsClient.requestId(f).equals(id));
    assertThat(Instant.now()).isAfterOrEqualTo(shiftStart);
    assertThat(offer.get("request").get("offeredTo").stringValue())
        .isEqualTo(floor.qualified("early"));
  }

  @Test
  void specialistGoesOffTheFloorAfterTheClaimsCapGetsNoOffersAndComesBackWhenTheBreakIsOver() {
    floor.people(
        floor.agent("a1"),
        floor.agent("a2"),
        floor.agent("a3"),
        floor.specialist("busy", "policy"));
    WsClient busy = floor.connect(nodeA, "busy");
    WsClient a1 = floor.connect(nodeB, "a1");

    claimAndResolve(busy, a1.raise("policy"));
    // one claim is below the cap
    await()
        .during(Duration.ofMillis(500))
        .atMost(Duration.ofSeconds(5))
        .until(() -> "AVAILABLE".equals(status(busy)));
    claimAndResolve(busy, floor.connect(nodeB, "a2").raise("policy"));

    JsonNode off = awaitPresence(busy, "OFF_FLOOR").get("specialist");
    assertThat(off.get("reason").stringValue()).isEqualTo("rotation");
    Instant until = Instant.parse(off.get("until").stringValue());
    assertThat(until).isAfter(Instant.now()).isBefore(Instant.now().plus(BREAK).plusSeconds(1));
    assertThat(busy.call("presence", "status", "AVAILABLE").get("code").stringValue())
        .isEqualTo("conflict");
    String third = floor.connect(nodeB, "a3").raise("policy");
    await()
        .during(Duration.ofSeconds(1))
        .atMost(Duration.ofSeconds(2))
        .until(
            () ->
                busy.frames().stream()
                    .noneMatch(
                        f ->
                            "offer".equals(WsClient.type(f))
                                && WsClient.requestId(f).equals(third)));

    JsonNode back = awaitPresence(busy, "AVAILABLE", "rejoined");
    assertThat(Instant.now()).isAfterOrEqualTo(until);
    assertThat(back.get("specialist").get("until").isNull()).isTrue();
    busy.awaitFrame(f -> "offer".equals(WsClient.type(f)) && WsClient.requestId(f).equals(third));
  }

  @Test
  void rotationBreakEndsExactlyOnceThoughTwoNodesPollTheTimers() {
    floor.people(floor.agent("a1"), floor.agent("a2"), floor.specialist("twice", "billing"));
    WsClient board = floor.connect(nodeB, "twice");
    claimAndResolve(board, floor.connect(nodeA, "a1").raise("billing"));
    claimAndResolve(board, floor.connect(nodeA, "a2").raise("billing"));
    awaitPresence(board, "OFF_FLOOR");
    awaitPresence(board, "AVAILABLE", "rejoined");

    UnifiedJedis jedis = nodeA.bean(UnifiedJedis.class);
    await()
        .during(Duration.ofSeconds(1))
        .atMost(Duration.ofSeconds(3))
        .until(() -> rejoins(jedis, floor.qualified("twice")) == 1);
    assertThat(
            jedis.zscore(Keys.floor(floor.name()).timers(), "rejoin:" + floor.qualified("twice")))
        .isNull();
  }

  @Test
  void timeOnAndOffTheFloorIsCountedAndReported() {
    floor.people(floor.manager("boss"), floor.specialist("clocked", "billing"));
    WsClient board = floor.connect(nodeA, "clocked");
    String boss = floor.token("boss");
    await().atMost(Duration.ofSeconds(5)).until(() -> seconds(boss, "onFloorSeconds") >= 1);

    board.ack("presence", "status", "OFF_FLOOR");
    await().atMost(Duration.ofSeconds(5)).until(() -> seconds(boss, "offFloorSeconds") >= 1);
    board.ack("presence", "status", "AVAILABLE");

    // both stretches are now stored by the scripts, not only counted as running
    UnifiedJedis jedis = nodeA.bean(UnifiedJedis.class);
    long today = Math.floorDiv(System.currentTimeMillis(), 86_400_000L);
    Map<String, String> stored = new java.util.HashMap<>();
    for (long day = today - 1; day <= today; day++) {
      stored.putAll(jedis.hgetAll(Keys.floor(floor.name()).floorTime(day)));
    }
    long on = sum(stored, floor.qualified("clocked"), "on");
    long off = sum(stored, floor.qualified("clocked"), "off");
    assertThat(on).isGreaterThanOrEqualTo(1000);
    assertThat(off).isGreaterThanOrEqualTo(1000);
    JsonNode row = floorTimeRow(boss);
    assertThat(row.get("offFloorSeconds").longValue()).isEqualTo(off / 1000);
    assertThat(row.get("onFloorSeconds").longValue()).isGreaterThanOrEqualTo(on / 1000);
    assertThat(row.get("days"))
        .singleElement()
        .satisfies(
            d ->
                assertThat(d.get("day").stringValue())
                    .isEqualTo(LocalDate.now(ZoneId.systemDefault()).toString()));
  }

  @Test
  void onlyManagersChangeTheRosterAndBadShiftsAreRefused() {
    floor.people(
        floor.manager("boss"),
        floor.agent("a1"),
        floor.specialist("s1", "billing"),
        new User(
            "elsewhere-" + floor.name(),
            "Elsewhere",
            Set.of(Role.SPECIALIST),
            null,
            null,
            "C-1",
            floor.name() + "-other",
            Set.of("billing")));
    String boss = floor.token("boss");
    Instant start = Instant.now().plus(Duration.ofDays(1));
    Instant end = start.plus(Duration.ofHours(8));

    assertThat(addShift(floor.token("a1"), "s1", start, end).status()).isEqualTo(403);
    Api.Response bySpecialist = addShift(floor.token("s1"), "s1", start, end);
    assertThat(bySpecialist.status()).isEqualTo(403);
    assertThat(bySpecialist.json().get("code").stringValue()).isEqualTo("forbidden");
    assertThat(send("GET", "/api/duty/roster", floor.token("s1"), null, null).status())
        .isEqualTo(403);

    Api.Response backwards = addShift(boss, "s1", end, start);
    assertThat(backwards.status()).isEqualTo(400);
    assertThat(backwards.json().get("code").stringValue()).isEqualTo("bad_request");
    Api.Response unknown = addShift(boss, "nobody", start, end);
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.json().get("code").stringValue()).isEqualTo("not_found");
    assertThat(
            send(
                    "POST",
                    "/api/duty/specialists/elsewhere-" + floor.name() + "/shifts",
                    boss,
                    "application/json",
                    Api.JSON.writeValueAsString(
                        Map.of("start", start.toString(), "end", end.toString())))
                .status())
        .as("another floor's specialist is not the manager's to roster")
        .isEqualTo(404);

    Api.Response added = addShift(boss, "s1", start, end);
    assertThat(added.status()).isEqualTo(201);
    Api.Response overlapping =
        addShift(boss, "s1", start.plus(Duration.ofHours(7)), end.plus(Duration.ofHours(7)));
    assertThat(overlapping.status()).isEqualTo(400);
    assertThat(overlapping.json().get("code").stringValue()).isEqualTo("bad_request");
    assertThat(
            addShift(boss, "s1", start.minus(Duration.ofHours(8)), start.minusSeconds(1)).status())
        .as("a shift ending as the next starts does not overlap")
        .isEqualTo(201);

    Api.Response csv =
        send(
            "POST",
            "/api/duty/roster.csv",
            boss,
            "text/csv",
            "specialistId,start,end\n"
                + floor.qualified("s1")
                + ","
                + end.plus(Duration.ofHours(16))
                + ","
                + end.plus(Duration.ofHours(20))
                + "\n"
                + floor.qualified("s1")
                + ","
                + end.plus(Duration.ofHours(19))
                + ","
                + end.plus(Duration.ofHours(22))
                + "\n");
    assertThat(csv.status()).isEqualTo(400);
    assertThat(csv.json().get("errors"))
        .singleElement()
        .satisfies(e -> assertThat(e.get("line").intValue()).isEqualTo(3));

    JsonNode roster =
        Api.JSON.readTree(
            send("GET", "/api/duty/roster?to=" + LocalDate.now().plusDays(3), boss, null, null)
                .body());
    JsonNode row = null;
    for (JsonNode s : roster.get("specialists")) {
      if (floor.qualified("s1").equals(s.get("id").stringValue())) {
        row = s;
      }
    }
    assertThat(row).isNotNull();
    assertThat(row.get("shifts")).hasSize(2);
    assertThat(row.get("rostered").booleanValue()).isTrue();

    String shiftId = added.json().get("id").stringValue();
    String path = "/api/duty/specialists/" + floor.qualified("s1") + "/shifts/" + shiftId;
    assertThat(send("DELETE", path, floor.token("a1"), null, null).status()).isEqualTo(403);
    assertThat(send("DELETE", path, boss, null, null).status()).isEqualTo(204);
    assertThat(send("DELETE", path, boss, null, null).status()).isEqualTo(404);

    JsonNode audit =
        Api.JSON.readTree(
            send("GET", "/api/admin/audit?limit=50", new Api(nodeA).token("admin"), null, null)
                .body());
    assertThat(audit.get("lines"))
        .anySatisfy(
            l -> {
              assertThat(l.get("action").stringValue()).isEqualTo("duty.shift.remove");
              assertThat(l.get("actor").stringValue()).isEqualTo(floor.qualified("boss"));
              assertThat(l.get("target").stringValue()).isEqualTo(floor.qualified("s1"));
            });
  }

  @Test
  void boardShowsTheShiftThenTheRotationBreakWithTheTimeLeftAndTheFloorSeesIt() {
    floor.people(
        floor.manager("boss"),
        floor.agent("a1"),
        floor.agent("a2"),
        floor.specialist("seen", "billing"));
    String username = floor.qualified("seen");
    nodeA
        .bean(Directory.class)
        .saveAll(
            List.of(floor.specialist("seen", "billing")),
            Map.of(username, nodeA.bean(PasswordEncoder.class).encode("demo")));
    Instant now = Instant.now();
    addShift(
        floor.token("boss"), "seen", now.minus(Duration.ofHours(1)), now.plus(Duration.ofHours(3)));

    try (Playwright playwright = Chromium.playwright();
        Browser browser = Chromium.launch(playwright)) {
      BrowserContext context =
          browser.newContext(new Browser.NewContextOptions().setLocale("en-US"));
      context.setDefaultTimeout(10_000);
      Page page = context.newPage();
      page.navigate(nodeA.http("/login").toString());
      page.fill("input[name=username]", username);
      page.fill("input[name=password]", "demo");
      page.click("button[type=submit]");
      page.waitForURL(url -> url.endsWith("/board"));
      eventually().until(() -> page.textContent("#duty").startsWith("On duty until"));

      WsClient sameSpecialist = floor.connect(nodeB, "seen");
      claimAndResolve(sameSpecialist, floor.connect(nodeA, "a1").raise("billing"));
      claimAndResolve(sameSpecialist, floor.connect(nodeA, "a2").raise("billing"));

      eventually()
          .until(
              () ->
                  page.textContent("#duty")
                      .startsWith("Rotation break — back on the floor in 0:0"));
      assertThat(page.getAttribute("#presence [data-status=OFF_FLOOR]", "aria-pressed"))
          .isEqualTo("true");
      // the countdown is filled in on the next tick of the board's clock
      eventually()
          .until(
              () ->
                  page.textContent("[data-group=offFloor] li[data-me=true]")
                      .matches("Specialist seen\\s*back in 0:0\\d"));
      page.selectOption("#lang", "zh-CN");
      eventually().until(() -> page.textContent("#duty").startsWith("轮换休整"));
      page.selectOption("#lang", "en");

      eventually()
          .until(
              () ->
                  "true"
                      .equals(
                          page.getAttribute("#presence [data-status=AVAILABLE]", "aria-pressed")));
      eventually().until(() -> page.textContent("#duty").startsWith("On duty until"));
      assertThat(page.locator("[data-group=offFloor] li").count()).isZero();
    }
  }

  @Test
  void managerAddsAShiftOnTheDashboardAndSeesWhoIsOnDutyWhileALeadSeesNoRoster() {
    User boss = floor.manager("boss");
    User lead =
        new User(
            floor.qualified("lead"),
            "Lead lead",
            Set.of(Role.LEAD),
            null,
            null,
            null,
            floor.name(),
            Set.of());
    String password = nodeA.bean(PasswordEncoder.class).encode("demo");
    nodeA
        .bean(Directory.class)
        .saveAll(
            List.of(
                boss,
                lead,
                floor.specialist("now", "billing"),
                floor.specialist("later", "billing")),
            Map.of(boss.id(), password, lead.id(), password));
    Instant now = Instant.now();
    // rostered, but the shift is tomorrow: off duty now whatever unrostered specialists are
    addShift(
        floor.token("boss"),
        "later",
        now.plus(Duration.ofHours(20)),
        now.plus(Duration.ofHours(26)));
    DateTimeFormatter minutes = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");
    LocalDateTime start = LocalDateTime.ofInstant(now.minus(Duration.ofHours(1)), ZoneOffset.UTC);

    try (Playwright playwright = Chromium.playwright();
        Browser browser = Chromium.launch(playwright)) {
      BrowserContext context =
          browser.newContext(
              new Browser.NewContextOptions().setLocale("en-US").setTimezoneId("UTC"));
      context.setDefaultTimeout(10_000);
      Page page = signIn(context, boss.id());
      String nowRow = "#duty-table tr[data-id=" + floor.qualified("now") + "]";
      String laterRow = "#duty-table tr[data-id=" + floor.qualified("later") + "]";
      eventually().until(() -> page.locator(laterRow).count() == 1);
      assertThat(page.locator("#duty-range select[name=floor]").isVisible())
          .as("a manager has only their own floor")
          .isFalse();
      assertThat(page.textContent(laterRow + " td:nth-child(2)")).isEqualTo("Off duty");
      assertThat(page.locator(laterRow + " .shifts li").count()).isEqualTo(1);
      assertThat(page.locator(nowRow + " .shifts li").count()).isZero();

      page.selectOption("#duty-form select[name=specialist]", floor.qualified("now"));
      page.fill("#duty-form input[name=start]", start.format(minutes));
      page.fill("#duty-form input[name=end]", start.plusHours(4).format(minutes));
      page.click("#duty-form button[type=submit]");

      eventually().until(() -> page.locator(nowRow + " .shifts li").count() == 1);
      assertThat(page.textContent(nowRow + " td:nth-child(2)")).isEqualTo("On duty");
      assertThat(page.textContent(laterRow + " td:nth-child(2)")).isEqualTo("Off duty");
      assertThat(page.textContent("#status")).isEqualTo("Shift added.");
      JsonNode mine =
          Api.JSON.readTree(send("GET", "/api/duty/me", floor.token("now"), null, null).body());
      assertThat(mine.get("onDuty").booleanValue()).isTrue();
      page.selectOption("#lang", "zh-CN");
      eventually().until(() -> "值班中".equals(page.textContent(nowRow + " td:nth-child(2)")));

      BrowserContext leadContext =
          browser.newContext(new Browser.NewContextOptions().setLocale("en-US"));
      leadContext.setDefaultTimeout(10_000);
      List<String> dutyCalls = new ArrayList<>();
      leadContext.onRequest(
          r -> {
            if (r.url().contains("/api/duty/")) {
              dutyCalls.add(r.url());
            }
          });
      Page leadPage = signIn(leadContext, lead.id());
      assertThat(leadPage.locator("#duty").isHidden()).isTrue();
      assertThat(leadPage.locator("#duty button").count()).isZero();
      assertThat(dutyCalls)
          .as("a lead may not read the roster, so the page does not ask")
          .isEmpty();
    }
  }

  @Test
  void administratorRunsAnyFloorsRosterOnTheAdminPageAndTheAuditFollows() {
    floor.people(floor.specialist("ward", "billing"));
    String row = "#duty-table tr[data-id=" + floor.qualified("ward") + "]";
    DateTimeFormatter minutes = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");
    LocalDateTime start =
        LocalDateTime.ofInstant(Instant.now().minus(Duration.ofHours(1)), ZoneOffset.UTC);

    try (Playwright playwright = Chromium.playwright();
        Browser browser = Chromium.launch(playwright)) {
      BrowserContext context =
          browser.newContext(
              new Browser.NewContextOptions().setLocale("en-US").setTimezoneId("UTC"));
      context.setDefaultTimeout(10_000);
      Page page = context.newPage();
      page.navigate(nodeA.http("/login").toString());
      page.fill("input[name=username]", "admin");
      page.fill("input[name=password]", "demo");
      page.click("button[type=submit]");
      page.waitForURL(url -> url.endsWith("/admin"));
      eventually().until(() -> "true".equals(page.getAttribute("body", "data-ready")));
      assertThat(page.textContent("#duty h2")).isEqualTo("Duty roster");

      page.selectOption("#duty-range select[name=floor]", floor.name());
      eventually().until(() -> page.locator(row).count() == 1);
      page.selectOption("#duty-form select[name=specialist]", floor.qualified("ward"));
      page.fill("#duty-form input[name=start]", start.format(minutes));
      page.fill("#duty-form input[name=end]", start.plusHours(2).format(minutes));
      page.click("#duty-form button[type=submit]");
      eventually().until(() -> page.locator(row + " .shifts li").count() == 1);
      assertThat(page.textContent(row + " td:nth-child(2)")).isEqualTo("On duty");
      String added =
          "#audit-table tr[data-action='duty.shift.add'][data-target="
              + floor.qualified("ward")
              + "]";
      eventually().until(() -> page.locator(added).count() == 1);

      page.click(row + " .shifts button");
      eventually().until(() -> page.locator(row + " .shifts li").count() == 0);
      assertThat(page.textContent("#status")).isEqualTo("Shift removed.");
      String removed = added.replace("duty.shift.add", "duty.shift.remove");
      eventually().until(() -> page.locator(removed).count() == 1);
      page.selectOption("#lang", "zh-CN");
      eventually().until(() -> "值班表".equals(page.textContent("#duty h2")));
    }
  }

  private Page signIn(BrowserContext context, String username) {
    Page page = context.newPage();
    page.navigate(nodeA.http("/dashboard").toString());
    page.fill("input[name=username]", username);
    page.fill("input[name=password]", "demo");
    page.click("button[type=submit]");
    page.waitForURL("**/dashboard**");
    page.waitForFunction("!!document.body.dataset.loaded");
    return page;
  }

  private static ConditionFactory eventually() {
    return await()
        .pollInSameThread()
        .atMost(Duration.ofSeconds(15))
        .pollInterval(Duration.ofMillis(100));
  }

  // --- helpers ---

  private void claimAndResolve(WsClient specialist, String requestId) {
    specialist.ack("claim", "requestId", requestId);
    specialist.ack("resolve", "requestId", requestId);
  }

  private JsonNode awaitPresence(WsClient board, String status) {
    return awaitPresence(board, status, null);
  }

  private JsonNode awaitPresence(WsClient board, String status, String reason) {
    return board.awaitFrame(
        f ->
            "presence".equals(WsClient.type(f))
                && status.equals(f.get("specialist").get("status").stringValue())
                && (reason == null
                    || reason.equals(f.get("specialist").path("reason").stringValue(null))));
  }

  /** The specialist's own latest status as their board heard it. */
  private static String status(WsClient board) {
    String status = null;
    for (JsonNode f : board.frames()) {
      if ("presence".equals(WsClient.type(f))) {
        status = f.get("specialist").get("status").stringValue();
      }
    }
    return status;
  }

  private long rejoins(UnifiedJedis jedis, String specialist) {
    return jedis.xrange(Keys.floor(floor.name()).events(), "-", "+").stream()
        .filter(e -> "presence".equals(e.getFields().get("kind")))
        .map(e -> Api.JSON.readTree(e.getFields().get("data")))
        .filter(d -> specialist.equals(d.get("id").stringValue()))
        .filter(d -> "rejoined".equals(d.path("reason").stringValue(null)))
        .count();
  }

  private long seconds(String token, String field) {
    JsonNode row = floorTimeRow(token);
    return row == null ? 0 : row.get(field).longValue();
  }

  private JsonNode floorTimeRow(String token) {
    JsonNode report =
        Api.JSON.readTree(send("GET", "/api/reports/floor-time", token, null, null).body());
    for (JsonNode s : report.get("specialists")) {
      if (floor.qualified("clocked").equals(s.get("id").stringValue())) {
        return s;
      }
    }
    return null;
  }

  private static long sum(Map<String, String> stored, String specialist, String kind) {
    return stored.entrySet().stream()
        .filter(e -> e.getKey().startsWith(specialist + "|") && e.getKey().endsWith("|" + kind))
        .mapToLong(e -> Long.parseLong(e.getValue()))
        .sum();
  }

  private Api.Response addShift(String token, String specialist, Instant start, Instant end) {
    return send(
        "POST",
        "/api/duty/specialists/" + floor.qualified(specialist) + "/shifts",
        token,
        "application/json",
        Api.JSON.writeValueAsString(Map.of("start", start.toString(), "end", end.toString())));
  }

  private static Api.Response send(
      String method, String path, String token, String contentType, String body) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(nodeA.http(path))
            .header("Authorization", "Bearer " + token)
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    try {
      var response = HTTP.send(request.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
      return new Api.Response(response.statusCode(), response.body(), response.uri());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}

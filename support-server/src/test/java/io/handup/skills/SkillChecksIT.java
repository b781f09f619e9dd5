package io.handup.skills;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import io.handup.directory.Directory;
import io.handup.directory.User;
import io.handup.system.LiveSettings;
import io.handup.testing.Api;
import io.handup.testing.Chromium;
import io.handup.testing.OwnFloor;
import io.handup.testing.OwnRedisNodes;
import io.handup.testing.TestNode;
import io.handup.testing.WsClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.password.PasswordEncoder;
import tools.jackson.databind.JsonNode;

/**
 * Skill checks gating routing, on two real nodes with automatic offers sharing one real Redis of
 * their own (the validity setting is changed here, which must not reach other tests). Each test
 * builds a floor and topics of its own. Offers wait {@link #OFFER_TIMEOUT} for a skilled taker
 * before anyone may be offered, so "not offered for a while" means the skill did not count.
 */
class SkillChecksIT {

  private static final Duration OFFER_TIMEOUT = Duration.ofSeconds(6);
  private static final Duration NOT_OFFERED = Duration.ofMillis(2500);

  private static final Duration RETRY_AFTER = Duration.ofSeconds(2);
  private static final Map<String, Object> ROUTING =
      Map.of(
          "handup.auto-offer",
          true,
          "handup.offer-timeout",
          "6s",
          "handup.request-expiry",
          "60s",
          "handup.timer-poll",
          "100ms",
          "handup.dispatch-interval",
          "200ms",
          "handup.demo.agents",
          20,
          "handup.demo.specialists",
          4,
          "handup.skill-checks.retry-after",
          RETRY_AFTER.toSeconds() + "s");

  private static OwnRedisNodes own;
  private static TestNode nodeA;
  private static TestNode nodeB;

  private final OwnFloor floor = new OwnFloor("skills", nodeA);
  private final String topicA = "t-" + UUID.randomUUID().toString().substring(0, 8);
  private final String topicB = "t-" + UUID.randomUUID().toString().substring(0, 8);

  @BeforeAll
  static void startNodes() {
    own = OwnRedisNodes.start("skills", 2, ROUTING);
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
  void failedCheckTakesOnlyThatSkillOutOfOffers() {
    floor.people(
        floor.manager("boss"),
        floor.agent("a1"),
        floor.agent("a2"),
        floor.specialist("s", topicA, topicB));
    writeCheck(topicA);
    assertThat(take("s", topicA, 0).get("passed").booleanValue()).isFalse();
    WsClient specialist = floor.connect(nodeA, "s");

    String checked = floor.connect(nodeB, "a1").raise(topicA);
    assertNeverOffered(specialist, checked);
    String other = floor.connect(nodeB, "a2").raise(topicB);

    JsonNode offer = specialist.awaitFrame(f -> "offer".equals(WsClient.type(f)));
    assertThat(WsClient.requestId(offer)).isEqualTo(other);
    assertThat(status("s", topicA)).isEqualTo("failed");
    assertThat(status("s", topicB)).isEqualTo("unchecked");
  }

  @Test
  void expiredCheckTakesOnlyThatSkillOutOfOffersAndIsShownExpired() {
    floor.people(
        floor.manager("boss"),
        floor.agent("a1"),
        floor.agent("a2"),
        floor.specialist("s", topicA, topicB));
    writeCheck(topicA);
    assertThat(take("s", topicA, 1).get("passed").booleanValue()).isTrue();
    assertThat(status("s", topicA)).isEqualTo("valid");
    try {
      validity("1s");
      // both nodes route: each must see the new validity and the result grow older than it
      await()
          .atMost(Duration.ofSeconds(5))
          .until(() -> status(nodeA, "s", topicA).equals("expired"));
      await()
          .atMost(Duration.ofSeconds(5))
          .until(() -> status(nodeB, "s", topicA).equals("expired"));
      WsClient specialist = floor.connect(nodeA, "s");

      String checked = floor.connect(nodeB, "a1").raise(topicA);
      assertNeverOffered(specialist, checked);
      String other = floor.connect(nodeB, "a2").raise(topicB);

      JsonNode offer = specialist.awaitFrame(f -> "offer".equals(WsClient.type(f)));
      assertThat(WsClient.requestId(offer)).isEqualTo(other);
      JsonNode skill = skill(managerView("s"), topicA);
      assertThat(skill.get("skill").booleanValue()).isTrue();
      assertThat(skill.get("routes").booleanValue()).isFalse();
      assertThat(skill.get("latest").get("passed").booleanValue()).isTrue();
      assertThat(skill.get("validUntil").stringValue()).endsWith("Z");
    } finally {
      validity(null);
    }
  }

  @Test
  void passingAgainBringsTheSkillBackIntoRouting() {
    floor.people(floor.manager("boss"), floor.agent("a1"), floor.specialist("s", topicA, topicB));
    writeCheck(topicA);
    take("s", topicA, 0);
    WsClient specialist = floor.connect(nodeA, "s");
    long raisedAt = System.nanoTime();
    String id = floor.connect(nodeB, "a1").raise(topicA);
    assertNeverOffered(specialist, id);

    JsonNode result = retake("s", topicA, 1);

    assertThat(result.get("passed").booleanValue()).isTrue();
    assertThat(result.get("status").stringValue()).isEqualTo("valid");
    JsonNode offer =
        specialist.awaitFrame(
            f -> "offer".equals(WsClient.type(f)) && WsClient.requestId(f).equals(id));
    assertThat(offer).isNotNull();
    // offered as skilled, not by the fallback that lets anyone take it after one offer timeout
    assertThat(Duration.ofNanos(System.nanoTime() - raisedAt)).isLessThan(OFFER_TIMEOUT);
    JsonNode history = managerView("s").get("history");
    assertThat(history).hasSize(2);
    assertThat(history.get(0).get("passed").booleanValue()).isTrue();
    assertThat(history.get(1).get("passed").booleanValue()).isFalse();
  }

  @Test
  void topicWithNoCheckStillRoutesByTheDirectorySkill() {
    floor.people(floor.manager("boss"), floor.agent("a1"), floor.specialist("s", topicA, topicB));
    // a check on another topic, never taken, changes nothing for topic B
    writeCheck(topicA);
    WsClient specialist = floor.connect(nodeA, "s");
    long raisedAt = System.nanoTime();

    String id = floor.connect(nodeB, "a1").raise(topicB);

    specialist.awaitFrame(
        f -> "offer".equals(WsClient.type(f)) && WsClient.requestId(f).equals(id));
    assertThat(Duration.ofNanos(System.nanoTime() - raisedAt)).isLessThan(OFFER_TIMEOUT);
    assertThat(status("s", topicA)).isEqualTo("untested");
    assertThat(status("s", topicB)).isEqualTo("unchecked");
  }

  @Test
  void onlyManagersWriteChecksAndBadInputIsRefusedClearly() {
    floor.people(floor.manager("boss"), floor.agent("a1"), floor.specialist("s", topicA));
    Api api = new Api(nodeA);
    String path = "/api/skills/checks/" + topicA;

    JsonNode byAgent = api.put(path, floor.token("a1"), checkBody(1)).json();
    assertThat(byAgent.get("code").stringValue()).isEqualTo("forbidden");
    Api.Response bySpecialist = api.put(path, floor.token("s"), checkBody(1));
    assertThat(bySpecialist.status()).isEqualTo(403);
    assertThat(bySpecialist.json().get("code").stringValue()).isEqualTo("forbidden");
    assertThat(api.get("/api/skills/checks", floor.token("a1")).status()).isEqualTo(403);

    Api.Response malformed =
        api.put(
            path,
            floor.token("boss"),
            Map.of(
                "title",
                "Billing",
                "passMark",
                150,
                "questions",
                List.of(Map.of("text", "Which?", "options", List.of("a", "b"), "answer", 5))));
    assertThat(malformed.status()).isEqualTo(400);
    assertThat(malformed.json().get("code").stringValue()).isEqualTo("bad_request");
    assertThat(malformed.json().get("message").stringValue())
        .contains("passMark must be a whole number from 1 to 100")
        .contains("questions[0].answer must be the index of one of its 2 options");
    Api.Response noQuestions =
        api.put(path, floor.token("boss"), Map.of("title", "Billing", "passMark", 80));
    assertThat(noQuestions.json().get("message").stringValue())
        .contains("a check needs at least one question");
    Api.Response notJson =
        api.postRaw(
            "/api/skills/checks/" + topicA + "/attempts",
            "Bearer " + floor.token("s"),
            "{answers: [");
    assertThat(notJson.status()).isEqualTo(400);
    assertThat(notJson.json().get("code").stringValue()).isEqualTo("bad_request");
    Api.Response badTopic = api.put("/api/skills/checks/a:b", floor.token("boss"), checkBody(1));
    assertThat(badTopic.json().get("code").stringValue()).isEqualTo("bad_request");

    Api.Response unknown = api.get("/api/skills/checks/" + topicB, floor.token("s"));
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.json().get("code").stringValue()).isEqualTo("not_found");
    assertThat(unknown.json().get("message").stringValue()).contains(topicB);
    Api.Response takeUnknown =
        api.post(
            "/api/skills/checks/" + topicB + "/attempts",
            floor.token("s"),
            Map.of("answers", List.of(0)));
    assertThat(takeUnknown.json().get("code").stringValue()).isEqualTo("not_found");
    assertThat(api.get("/api/skills/specialists/nobody", floor.token("boss")).status())
        .isEqualTo(404);
    assertThat(
            api.get("/api/skills/specialists/" + floor.qualified("s"), floor.token("s")).status())
        .isEqualTo(403);

    writeCheck(topicA);
    Api.Response tooFew =
        api.post(path + "/attempts", floor.token("s"), Map.of("answers", List.of()));
    assertThat(tooFew.status()).isEqualTo(400);
    assertThat(tooFew.json().get("message").stringValue()).contains("1 expected, 0 given");
    assertThat(
            api.post(path + "/attempts", floor.token("boss"), Map.of("answers", List.of(1)))
                .status())
        .isEqualTo(403);
    Api.Response stale = api.put(path, floor.token("boss"), withVersion(checkBody(1), 7));
    assertThat(stale.json().get("code").stringValue()).isEqualTo("conflict");
  }

  @Test
  void answersAreNeverInTheSpecialistsView() {
    floor.people(floor.manager("boss"), floor.specialist("s", topicA));
    writeCheck(topicA);
    Api api = new Api(nodeA);

    Api.Response asSpecialist = api.get("/api/skills/checks/" + topicA, floor.token("s"));
    Api.Response asManager = api.get("/api/skills/checks/" + topicA, floor.token("boss"));
    Api.Response taken =
        api.post(
            "/api/skills/checks/" + topicA + "/attempts",
            floor.token("s"),
            Map.of("answers", List.of(0)));
    Api.Response mine = api.get("/api/skills/me", floor.token("s"));

    assertThat(asSpecialist.status()).isEqualTo(200);
    assertThat(asSpecialist.json().get("questions").get(0).get("options")).hasSize(3);
    assertThat(asSpecialist.json().get("questions").get(0).has("answer")).isFalse();
    assertThat(asSpecialist.body()).doesNotContain("answer");
    assertThat(asManager.json().get("questions").get(0).get("answer").intValue()).isEqualTo(1);
    assertThat(taken.json().get("passed").booleanValue()).isFalse();
    assertThat(taken.body()).doesNotContain("answer");
    assertThat(mine.body()).doesNotContain("answer");
  }

  @Test
  void writingAndTakingChecksIsAudited() {
    floor.people(floor.manager("boss"), floor.specialist("s", topicA));
    writeCheck(topicA);
    take("s", topicA, 1);
    Api api = new Api(nodeA);
    String admin = api.token("admin");

    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(
            () -> {
              String audit = api.get("/api/admin/audit", admin).body();
              assertThat(audit)
                  .contains("skill-check.save")
                  .contains("skill-check.attempt")
                  .contains(floor.name() + "/" + topicA);
            });
  }

  @Test
  void specialistPassesACheckOnTheBoardAndIsThenOfferedThatTopic() {
    User specialist = floor.specialist("s", topicA);
    floor.people(floor.manager("boss"), floor.agent("a1"), floor.agent("a2"), specialist);
    withPassword(specialist);
    writeCheck(topicA);
    WsClient before = floor.connect(nodeB, "a1");

    try (Playwright playwright = Chromium.playwright()) {
      Browser browser = Chromium.launch(playwright);
      Page board = signIn(browser, specialist, "/board");
      inBrowser().until(() -> "online".equals(board.getAttribute("#connection", "data-state")));
      // untested: the topic's request is not offered to them
      String notYet = before.raise(topicA);
      inBrowser()
          .during(NOT_OFFERED)
          .atMost(NOT_OFFERED.plusSeconds(2))
          .until(() -> !board.isVisible("#offer"));
      before.ack("cancel", "requestId", notYet);

      board.click("[data-tab=skills]");
      String row = "#skills-rows tr[data-topic='" + topicA + "']";
      inBrowser()
          .until(() -> board.isVisible(row) && board.textContent(row).contains("Not taken yet"));
      board.click(row + " [data-action=take]");
      board.check("#skills-questions input[name=q0][value='1']");
      board.click("#skills-form button[type=submit]");

      inBrowser().until(() -> board.isVisible("#skills-result"));
      assertThat(board.textContent("#skills-result")).startsWith("Passed: 100%");
      inBrowser().until(() -> board.textContent(row).contains("Valid"));
      board.click("[data-tab=board]");
      long raisedAt = System.nanoTime();
      String id = floor.connect(nodeB, "a2").raise(topicA);

      inBrowser().until(() -> board.isVisible("#offer"));
      assertThat(board.getAttribute("#offer", "data-id")).isEqualTo(id);
      board.click("[data-tab=skills]");
      board.screenshot(
          new Page.ScreenshotOptions()
              .setPath(Path.of("target", "screenshots", "skills-board.png"))
              .setFullPage(true));
      // as a skill, not by the fallback that offers anyone after one offer timeout
      assertThat(Duration.ofNanos(System.nanoTime() - raisedAt)).isLessThan(OFFER_TIMEOUT);
      browser.close();
    }
  }

  @Test
  void managerWritesACheckOnTheDashboardAndSeesTheSpecialistsSkillsWithStatus() {
    User boss = floor.manager("boss");
    floor.people(boss, floor.agent("a1"), floor.specialist("s", topicA, topicB));
    withPassword(boss);
    // the specialists table lists who worked in the range: one request claimed and resolved
    WsClient specialist = floor.connect(nodeA, "s");
    String id = floor.connect(nodeB, "a1").raise(topicB);
    specialist.ack("claim", "requestId", id);
    specialist.ack("resolve", "requestId", id);

    try (Playwright playwright = Chromium.playwright()) {
      Browser browser = Chromium.launch(playwright);
      Page dashboard = signIn(browser, boss, "/dashboard");
      inBrowser().until(() -> dashboard.getAttribute("body", "data-loaded") != null);
      dashboard.click("#skill-check-new");
      dashboard.fill("#skill-check-editor [name=topic]", topicA);
      dashboard.fill("#skill-check-editor [name=title]", "Refund forms");
      dashboard.fill("#skill-check-editor [name=passMark]", "100");
      dashboard.fill("#skill-check-questions [name=text]", "Which form refunds a double charge?");
      dashboard.fill("#skill-check-questions [name=options]", "R-1\nR-2\nR-3");
      dashboard.selectOption("#skill-check-questions [name=answer]", "1");
      dashboard.click("#skill-check-editor button[type=submit]");
      String listed = "#skill-checks tr[data-topic='" + topicA + "']";
      inBrowser().until(() -> dashboard.isVisible(listed));
      assertThat(dashboard.textContent(listed)).contains("Refund forms").contains("100%");
      JsonNode saved =
          new Api(nodeA).get("/api/skills/checks/" + topicA, floor.token("boss")).json();
      assertThat(saved.get("questions").get(0).get("options")).hasSize(3);
      assertThat(saved.get("questions").get(0).get("answer").intValue()).isEqualTo(1);

      take("s", topicA, 0);
      dashboard.click("#specialists [data-specialist='" + floor.qualified("s") + "'] button");
      String failed = "#specialist-skill-table tr[data-topic='" + topicA + "']";
      inBrowser().until(() -> dashboard.isVisible(failed));
      assertThat(dashboard.getAttribute(failed, "data-status")).isEqualTo("failed");
      assertThat(
              dashboard.getAttribute(
                  "#specialist-skill-table tr[data-topic='" + topicB + "']", "data-status"))
          .isEqualTo("unchecked");
      dashboard.screenshot(
          new Page.ScreenshotOptions()
              .setPath(Path.of("target", "screenshots", "skills-dashboard.png"))
              .setFullPage(true));
      browser.close();
    }
  }

  // --- helpers ---------------------------------------------------------------------------------

  private void withPassword(User user) {
    nodeA
        .bean(Directory.class)
        .saveAll(
            List.of(user), Map.of(user.id(), nodeA.bean(PasswordEncoder.class).encode("demo")));
  }

  private static Page signIn(Browser browser, User user, String landing) {
    Page page = browser.newContext(new Browser.NewContextOptions().setLocale("en-US")).newPage();
    page.setDefaultTimeout(10_000);
    page.onPageError(e -> System.out.println("[" + user.id() + " page error] " + e));
    page.navigate(nodeA.http("/login").toString());
    page.fill("input[name=username]", user.id());
    page.fill("input[name=password]", "demo");
    page.click("button[type=submit]");
    page.waitForURL(url -> url.endsWith(landing));
    return page;
  }

  /** Playwright objects belong to the thread that made them, so waits poll on this thread. */
  private static org.awaitility.core.ConditionFactory inBrowser() {
    return await()
        .pollInSameThread()
        .atMost(Duration.ofSeconds(15))
        .pollInterval(Duration.ofMillis(100));
  }

  private void assertNeverOffered(WsClient specialist, String requestId) {
    await()
        .during(NOT_OFFERED)
        .atMost(NOT_OFFERED.plusSeconds(2))
        .until(
            () ->
                specialist.frames().stream()
                    .noneMatch(
                        f ->
                            "offer".equals(WsClient.type(f))
                                && WsClient.requestId(f).equals(requestId)));
  }

  private static Map<String, Object> checkBody(int answer) {
    return Map.of(
        "title",
        "Quick check",
        "passMark",
        100,
        "questions",
        List.of(
            Map.of(
                "text",
                "Which form refunds a double charge?",
                "options",
                List.of("R-1", "R-2", "R-3"),
                "answer",
                answer)));
  }

  private static Map<String, Object> withVersion(Map<String, Object> body, long version) {
    Map<String, Object> copy = new HashMap<>(body);
    copy.put("version", version);
    return copy;
  }

  /** A check whose one question's right answer is option 1. */
  private void writeCheck(String topic) {
    Api.Response saved =
        new Api(nodeA).put("/api/skills/checks/" + topic, floor.token("boss"), checkBody(1));
    assertThat(saved.status()).as(saved.body()).isEqualTo(200);
  }

  @Test
  void aFailedCheckCanBeTakenAgainOnlyAfterAWhile() {
    floor.people(floor.manager("boss"), floor.specialist("s", topicA));
    writeCheck(topicA);
    take("s", topicA, 0);

    Api.Response tooSoon = attempt("s", topicA, 1);

    assertThat(tooSoon.status()).isEqualTo(429);
    assertThat(tooSoon.json().get("code").stringValue()).isEqualTo("rate_limited");
    assertThat(status("s", topicA)).isEqualTo("failed");
    assertThat(retake("s", topicA, 1).get("passed").booleanValue()).isTrue();
    // a pass sets no wait: taking it again at once is fine
    assertThat(take("s", topicA, 1).get("passed").booleanValue()).isTrue();
  }

  /** Takes a check again once the wait after a failure is over. */
  private JsonNode retake(String specialist, String topic, int answer) {
    return await()
        .atMost(RETRY_AFTER.plusSeconds(5))
        .pollInterval(Duration.ofMillis(250))
        .until(() -> attempt(specialist, topic, answer), r -> r.status() == 200)
        .json();
  }

  private Api.Response attempt(String specialist, String topic, int answer) {
    return new Api(nodeB)
        .post(
            "/api/skills/checks/" + topic + "/attempts",
            floor.token(specialist),
            Map.of("answers", List.of(answer)));
  }

  private JsonNode take(String specialist, String topic, int answer) {
    Api.Response taken =
        new Api(nodeB)
            .post(
                "/api/skills/checks/" + topic + "/attempts",
                floor.token(specialist),
                Map.of("answers", List.of(answer)));
    assertThat(taken.status()).as(taken.body()).isEqualTo(200);
    return taken.json();
  }

  private void validity(String value) {
    Map<String, String> change = new HashMap<>();
    change.put(LiveSettings.SKILL_CHECK_VALIDITY, value);
    nodeA.bean(LiveSettings.class).change(change);
  }

  private JsonNode managerView(String specialist) {
    Api.Response view =
        new Api(nodeA)
            .get("/api/skills/specialists/" + floor.qualified(specialist), floor.token("boss"));
    assertThat(view.status()).as(view.body()).isEqualTo(200);
    return view.json();
  }

  private String status(String specialist, String topic) {
    return skill(managerView(specialist), topic).get("status").stringValue();
  }

  private String status(TestNode node, String specialist, String topic) {
    JsonNode mine = new Api(node).get("/api/skills/me", floor.token(specialist)).json();
    return skill(mine, topic).get("status").stringValue();
  }

  private static JsonNode skill(JsonNode standing, String topic) {
    for (JsonNode s : standing.get("skills")) {
      if (topic.equals(s.get("topic").stringValue())) {
        return s;
      }
    }
    throw new AssertionError("No skill " + topic + " in " + standing);
  }
}

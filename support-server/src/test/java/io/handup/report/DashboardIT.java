package io.handup.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import io.handup.directory.Directory;
import io.handup.directory.Role;
import io.handup.directory.User;
import io.handup.request.HelpRequest;
import io.handup.request.Lifecycle;
import io.handup.request.Outcome;
import io.handup.request.Raise;
import io.handup.system.Keys;
import io.handup.testing.Api;
import io.handup.testing.Chromium;
import io.handup.testing.TestNode;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.password.PasswordEncoder;
import redis.clients.jedis.UnifiedJedis;
import tools.jackson.databind.JsonNode;

/**
 * The supervision reports and the dashboard page over a seeded month whose times are set by hand:
 * four requests a day at 09, 10, 11 and 14 o'clock (UTC), waits of 8 to 12 s except on the outlier
 * day (60 s), 120 s handle; s1 always scores 5, s2 4, s3 3; one agent asks every day of one week on
 * top. The node's clock stands over a year ahead, so no other node's timer touches it.
 */
class DashboardIT {

  // set to ../docs/images to refresh the screenshots of docs/manager-guide.md
  private static final Path SCREENSHOTS =
      Paths.get(System.getProperty("handup.screenshots", "target/screenshots"));
  private static final String PASSWORD = "pw-" + UUID.randomUUID();
  private static final LocalDate MONTH =
      LocalDate.now(ZoneOffset.UTC).plusMonths(14).withDayOfMonth(1);
  private static final LocalDate LAST = MONTH.plusDays(29);
  private static final LocalDate OUTLIER = MONTH.plusDays(17);
  private static final LocalDate BUSY_WEEK =
      MONTH.plusDays(21).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
  private static final String[] TOPICS = {"billing", "technical", "billing", "policy"};

  private static TestNode node;
  private static Api api;
  private static MovableClock clock;
  private static Lifecycle lifecycle;
  private static String floor;
  private static final Map<String, User> users = new HashMap<>();
  private static final List<String> flagged = new ArrayList<>();
  private static String unflagged;

  @BeforeAll
  static void seedAMonth() {
    node = MovableClock.startNode(ZoneOffset.UTC);
    api = new Api(node);
    clock = node.bean(MovableClock.class);
    lifecycle = node.bean(Lifecycle.class);
    floor = "dash-" + UUID.randomUUID().toString().substring(0, 8);
    List<User> all = new ArrayList<>();
    all.add(user("manager", Role.MANAGER, null));
    all.add(user("admin", Role.ADMIN, null));
    all.add(user("lead-a", Role.LEAD, null));
    all.add(user("lead-b", Role.LEAD, null));
    for (int a = 1; a <= 8; a++) {
      all.add(user("a" + a, Role.AGENT, a <= 4 ? "lead-a" : "lead-b"));
    }
    for (int s = 1; s <= 4; s++) {
      all.add(user("s" + s, Role.SPECIALIST, null));
    }
    String hash = node.bean(PasswordEncoder.class).encode(PASSWORD);
    Map<String, String> hashes = new HashMap<>();
    all.forEach(u -> hashes.put(u.id(), hash));
    node.bean(Directory.class).saveAll(all, hashes);
    all.forEach(u -> users.put(u.id().substring(floor.length() + 1), u));

    int k = 0;
    for (int d = 0; d < 30; d++) {
      LocalDate day = MONTH.plusDays(d);
      int wait = day.equals(OUTLIER) ? 60 : 8 + d % 5;
      // one answer of s2 is flagged wrong on each of three days
      boolean flagToday = d == 10 || d == 12 || d == 14;
      for (String time : List.of("09:00:00", "10:00:00", "11:00:00", "14:00:00")) {
        int s = k % 3 + 1;
        boolean wrong = flagToday && s == 2;
        HelpRequest r =
            answered(day, time, "a" + (k % 8 + 1), "s" + s, wait, 6 - s, wrong, TOPICS[k % 4]);
        if (wrong) {
          flagged.add(r.id());
          flagToday = false;
        } else if (unflagged == null) {
          unflagged = r.id();
        }
        k++;
      }
      if (!day.isBefore(BUSY_WEEK) && day.isBefore(BUSY_WEEK.plusDays(7))) {
        answered(day, "15:00:00", "a1", "s1", wait, 5, false, "policy");
      }
    }
    // s4 has two ratings only: too few to be shown to them
    answered(LAST, "16:00:00", "a2", "s4", 10, 2, false, "billing");
    answered(LAST, "16:30:00", "a3", "s4", 10, 3, false, "billing");
    // an abandoned request, cancelled before anyone claimed it
    at(MONTH.plusDays(3), "16:00:00");
    HelpRequest cancelled =
        lifecycle.raise(users.get("a5"), new Raise("cancel", null, false, null));
    at(MONTH.plusDays(3), "16:01:00");
    lifecycle.cancel(users.get("a5"), cancelled.id());
    node.bean(UnifiedJedis.class)
        .hset(Keys.floor(floor).specialist(users.get("s3").id()), "lapsedTotal", "3");
    at(LAST, "18:00:00");
    // whole past days are read from the rollups: wait for them to hold every event
    await().atMost(Duration.ofSeconds(60)).until(() -> node.bean(Rollups.class).caughtUp(floor));
  }

  @AfterAll
  static void stop() {
    if (node != null) {
      node.close();
    }
  }

  @Test
  void dailyControlChartMarksTheOutlierDayOnly() {
    JsonNode daily = get("manager", "/api/reports/daily?from=" + MONTH + "&to=" + LAST);

    assertThat(daily.get("days")).hasSize(30);
    JsonNode chart = daily.get("waitControl");
    List<String> outside = new ArrayList<>();
    chart
        .get("points")
        .forEach(
            p -> {
              if (p.get("outside").asBoolean()) {
                outside.add(p.get("date").stringValue());
              }
            });
    assertThat(outside).containsExactly(OUTLIER.toString());
    assertThat(chart.get("upper").asDouble())
        .isLessThan(60)
        .isGreaterThan(chart.get("mean").asDouble());
    JsonNode outlier = daily.get("days").get(17);
    assertThat(outlier.get("date").stringValue()).isEqualTo(OUTLIER.toString());
    assertThat(outlier.get("figures").get("waitMeanSeconds").asDouble()).isEqualTo(60.0);
  }

  @Test
  void daysWithoutRequestsHaveNoFiguresAndStayOffTheChart() {
    JsonNode daily = get("manager", "/api/reports/daily?from=" + LAST + "&to=" + LAST.plusDays(2));

    JsonNode empty = daily.get("days").get(1).get("figures");
    assertThat(empty.get("raised").asLong()).isZero();
    assertThat(empty.get("waitMeanSeconds").isNull()).isTrue();
    assertThat(daily.get("waitControl").get("points").get(1).get("value").isNull()).isTrue();
    assertThat(daily.get("waitControl").get("sigma").isNull()).as("one day with a value").isTrue();
  }

  @Test
  void specialistsAreRankedByTheirRatingSmoothedTowardTheFloorMean() {
    JsonNode list =
        get("manager", "/api/reports/specialists?from=" + MONTH + "&to=" + LAST).get("specialists");
    JsonNode summary = get("manager", "/api/reports/summary?from=" + MONTH + "&to=" + LAST);

    Map<String, JsonNode> byId = new HashMap<>();
    list.forEach(s -> byId.put(s.get("specialistId").stringValue(), s));
    // (5 × floor mean + sum) / (5 + n), with the floor's exact mean
    double floorSum = 0;
    long floorCount = 0;
    for (JsonNode s : list) {
      floorSum += s.get("ratingMean").asDouble() * s.get("ratingCount").asLong();
      floorCount += s.get("ratingCount").asLong();
    }
    assertThat(floorCount).isEqualTo(summary.get("ratingCount").asLong());
    double floorMean = floorSum / floorCount;
    for (JsonNode s : list) {
      double expected =
          (5 * floorMean + s.get("ratingMean").asDouble() * s.get("ratingCount").asLong())
              / (5 + s.get("ratingCount").asLong());
      assertThat(s.get("ratingBayesian").asDouble()).isEqualTo(Math.round(expected * 100) / 100.0);
    }
    assertThat(byId.get(users.get("s1").id()).get("ratingRank").asInt()).isEqualTo(1);
    assertThat(byId.get(users.get("s2").id()).get("ratingRank").asInt()).isEqualTo(2);
    assertThat(byId.get(users.get("s3").id()).get("offersLapsed").asLong()).isEqualTo(3);
    assertThat(byId.get(users.get("s2").id()).get("wrongFlags").asLong()).isEqualTo(3);
  }

  @Test
  void staffingComparesErlangCWithTheSpecialistsSeenWorking() {
    JsonNode hourly = get("manager", "/api/reports/hourly?from=" + MONTH + "&to=" + LAST);

    assertThat(hourly.get("activeDays").asLong()).isEqualTo(30);
    JsonNode nine = hourly.get("hours").get(9);
    // one request an hour, 120 s handle: A = 1/30 Erlang; with N = 1, C = A and
    // SL = 1 − (1/30) × e^(−(1 − 1/30) × 30 / 120) = 0.974 >= 0.8 -> one specialist
    assertThat(nine.get("perDay").asDouble()).isEqualTo(1.0);
    assertThat(nine.get("handleMeanSeconds").asDouble()).isEqualTo(120.0);
    assertThat(nine.get("required").asInt()).isEqualTo(1);
    assertThat(nine.get("available").asDouble()).isEqualTo(1.0);
    assertThat(hourly.get("hours").get(3).get("required").asInt()).isZero();
  }

  @Test
  void topicsRunFromTheMostAsked() {
    JsonNode topics = get("manager", "/api/reports/topics?from=" + MONTH + "&to=" + LAST);

    assertThat(topics.get("topics").get(0).get("topic").stringValue()).isEqualTo("billing");
    // 120 base requests: billing every 2nd (60) + s4's two
    assertThat(topics.get("topics").get(0).get("raised").asLong()).isEqualTo(62);
  }

  @Test
  void managerConfirmsAFlagOnceAndItLeavesTheQueue() {
    String manager = token("manager");
    String id = flagged.get(0);
    assertThat(ids(get("manager", "/api/reports/reviews"))).contains(id);

    Api.Response confirmed =
        api.post(
            "/api/reports/reviews/" + id,
            manager,
            Map.of("verdict", "CONFIRMED", "correction", "Refunds go through billing tab 2"));
    Api.Response retried =
        api.post("/api/reports/reviews/" + id, manager, Map.of("verdict", "CONFIRMED"));
    Api.Response changed =
        api.post("/api/reports/reviews/" + id, manager, Map.of("verdict", "DISMISSED"));
    Api.Response notFlagged =
        api.post("/api/reports/reviews/" + unflagged, manager, Map.of("verdict", "DISMISSED"));
    Api.Response nonsense =
        api.post("/api/reports/reviews/" + flagged.get(1), manager, Map.of("verdict", "MAYBE"));
    Api.Response byLead =
        api.post(
            "/api/reports/reviews/" + flagged.get(1),
            token("lead-a"),
            Map.of("verdict", "DISMISSED"));

    assertThat(confirmed.status()).as(confirmed.body()).isEqualTo(200);
    assertThat(confirmed.json().get("reviewVerdict").stringValue()).isEqualTo("CONFIRMED");
    assertThat(confirmed.json().get("correction").stringValue()).startsWith("Refunds");
    assertThat(confirmed.json().get("reviewedBy").stringValue())
        .isEqualTo(users.get("manager").id());
    assertThat(retried.status()).as("a retry of the same decision").isEqualTo(200);
    assertThat(changed.status()).isEqualTo(409);
    assertThat(notFlagged.status()).isEqualTo(409);
    assertThat(nonsense.status()).isEqualTo(400);
    assertThat(byLead.status()).isEqualTo(403);
    assertThat(ids(get("manager", "/api/reports/reviews")))
        .doesNotContain(id)
        .contains(flagged.get(1));
    // the review reaches the day's rollup through the event stream, within the rollup linger
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(
                        get("manager", "/api/reports/summary?from=" + MONTH + "&to=" + LAST)
                            .get("confirmedWrong")
                            .asLong())
                    .isEqualTo(1));
    JsonNode ratings =
        get("manager", "/api/reports/ratings?from=" + MONTH + "&to=" + LAST + "&wrong=true");
    assertThat(ratings.get("ratings")).hasSize(3);
    assertThat(ratings.toString()).contains("CONFIRMED").contains("Refunds go through");
  }

  @Test
  void ratingsAreFilteredBySpecialistAndScore() {
    JsonNode s4 =
        get(
            "manager",
            "/api/reports/ratings?from="
                + MONTH
                + "&to="
                + LAST
                + "&specialist="
                + users.get("s4").id());
    JsonNode threes =
        get("manager", "/api/reports/ratings?from=" + MONTH + "&to=" + LAST + "&score=3");

    assertThat(s4.get("ratings")).hasSize(2);
    assertThat(s4.get("ratings").get(0).get("score").asInt()).as("newest first").isEqualTo(3);
    assertThat(s4.get("ratings").get(0).get("agentName").stringValue()).isEqualTo("Name a3");
    threes.get("ratings").forEach(r -> assertThat(r.get("score").asInt()).isEqualTo(3));
  }

  @Test
  void ratingsComePageByPageNewestFirst() {
    String range = "/api/reports/ratings?from=" + MONTH + "&to=" + LAST;
    JsonNode all = get("manager", range + "&limit=500");
    List<String> paged = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      JsonNode page =
          get("manager", range + "&limit=40" + (cursor == null ? "" : "&cursor=" + cursor));
      assertThat(page.get("ratings").size()).isLessThanOrEqualTo(40);
      assertThat(page.get("total").asLong()).isEqualTo(all.get("total").asLong());
      assertThat(page.get("previousCursor").isNull()).isEqualTo(pages == 0);
      page.get("ratings").forEach(r -> paged.add(r.get("requestId").stringValue()));
      cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").stringValue();
      pages++;
    } while (cursor != null);

    List<String> whole = new ArrayList<>();
    all.get("ratings").forEach(r -> whole.add(r.get("requestId").stringValue()));
    assertThat(all.get("total").asLong()).isEqualTo(whole.size());
    assertThat(paged).isEqualTo(whole);
    assertThat(pages).isEqualTo((whole.size() + 39) / 40);
    assertThat(all.get("ratings").get(0).get("raisedAt").stringValue())
        .as("newest first")
        .isGreaterThan(all.get("ratings").get(whole.size() - 1).get("raisedAt").stringValue());
    assertThat(api.get(range + "&cursor=-3", token("manager")).status()).isEqualTo(400);
  }

  @Test
  void coachingPromptsTheAgentWhoAskedEveryDayOfTheWeek() {
    JsonNode coaching = get("manager", "/api/reports/team/coaching?week=" + BUSY_WEEK.plusDays(3));

    assertThat(coaching.get("weekFrom").stringValue()).isEqualTo(BUSY_WEEK.toString());
    assertThat(coaching.get("askers").asLong()).isEqualTo(8);
    JsonNode prompts = coaching.get("prompts");
    assertThat(prompts).hasSize(1);
    assertThat(prompts.get(0).get("agentId").stringValue()).isEqualTo(users.get("a1").id());
    assertThat(prompts.get(0).get("requests").asLong())
        .isGreaterThan((long) coaching.get("threshold").asDouble())
        .isGreaterThanOrEqualTo(5);
    assertThat(prompts.get(0).get("topics").get(0).get("key").stringValue()).isEqualTo("policy");
  }

  @Test
  void leadSeesOnlyTheirTeamsAggregatesAndPrompts() {
    String leadA = token("lead-a");
    String range = "?from=" + MONTH + "&to=" + LAST;

    Api.Response own = api.get("/api/reports/team/summary" + range, leadA);
    Api.Response other =
        api.get("/api/reports/team/summary" + range + "&team=" + users.get("lead-b").id(), leadA);
    Api.Response promptsA = api.get("/api/reports/team/coaching?week=" + BUSY_WEEK, leadA);
    Api.Response promptsB =
        api.get("/api/reports/team/coaching?week=" + BUSY_WEEK, token("lead-b"));
    Api.Response all = api.get("/api/reports/team/summary" + range, token("manager"));

    assertThat(own.status()).isEqualTo(200);
    assertThat(own.json().get("teams")).hasSize(1);
    JsonNode team = own.json().get("teams").get(0);
    assertThat(team.get("lead").stringValue()).isEqualTo(users.get("lead-a").id());
    assertThat(team.get("agents").asInt()).isEqualTo(4);
    assertThat(own.body())
        .as("never a request, a time or a note")
        .doesNotContain("requestId", "raisedAt", "claimedAt", "note", "comment", "score");
    for (String id : flagged) {
      assertThat(own.body()).doesNotContain(id);
    }
    assertThat(other.status()).isEqualTo(403);
    assertThat(promptsA.json().get("prompts")).hasSize(1);
    assertThat(promptsB.json().get("prompts")).as("a1 is lead-a's, not lead-b's").isEmpty();
    assertThat(promptsA.body()).doesNotContain("raisedAt", "note");
    assertThat(all.json().get("teams")).hasSize(2);
  }

  @Test
  void everyRoleReachesOnlyItsOwnReports() {
    Map<String, String> tokens = new HashMap<>();
    for (String who : List.of("a1", "s1", "lead-a", "manager", "admin")) {
      tokens.put(who, token(who));
    }
    tokens.put("anonymous", null);
    Map<String, Map<String, Integer>> expected = new HashMap<>();
    expected.put("anonymous", statuses(401, 401, 401, 401, 401));
    expected.put("a1", statuses(403, 403, 403, 403, 403));
    expected.put("s1", statuses(403, 403, 403, 200, 403));
    expected.put("lead-a", statuses(403, 403, 403, 403, 200));
    expected.put("manager", statuses(200, 200, 200, 403, 200));
    expected.put("admin", statuses(200, 200, 200, 403, 200));

    expected.forEach(
        (who, paths) ->
            paths.forEach(
                (path, status) ->
                    assertThat(api.get(path, tokens.get(who)).status())
                        .as(who + " GET " + path)
                        .isEqualTo(status)));
  }

  @Test
  void specialistSeesTheirOwnRatingOnlyOnceItRestsOnFiveRatings() {
    JsonNode s1 = get("s1", "/api/reports/me");
    JsonNode s4 = get("s4", "/api/reports/me");

    assertThat(s1.get("ratingCount").asLong()).isGreaterThanOrEqualTo(5);
    assertThat(s1.get("ratingMean").asDouble()).isEqualTo(5.0);
    assertThat(s4.get("ratingCount").asLong()).isEqualTo(2);
    assertThat(s4.get("ratingMean").isNull()).isTrue();
    assertThat(s4.get("minimum").asInt()).isEqualTo(5);
    assertThat(s4.toString()).doesNotContain("agent", "comment");
  }

  @Test
  void specialistsTableExportsAsCsv() {
    Api.Response csv =
        api.get("/api/reports/specialists.csv?from=" + MONTH + "&to=" + LAST, token("manager"));

    assertThat(csv.status()).isEqualTo(200);
    assertThat(csv.body()).startsWith(SpecialistCsv.header());
    assertThat(csv.body().split("\r\n")).hasSize(5);
    assertThat(csv.body()).contains(users.get("s3").id() + ",Name s3,");
  }

  @Test
  void dashboardShowsTheApiFiguresAndMarksTheOutlierDay() throws Exception {
    JsonNode summary = get("manager", "/api/reports/summary?from=" + MONTH + "&to=" + LAST);
    try (Playwright playwright = Chromium.playwright();
        Browser browser = Chromium.launch(playwright)) {
      BrowserContext context =
          browser.newContext(
              new Browser.NewContextOptions().setViewportSize(1360, 1000).setLocale("en-GB"));
      Page page = signIn(context, "manager", "/dashboard?from=" + MONTH + "&to=" + LAST);

      for (String metric :
          List.of(
              "raised",
              "waitMeanSeconds",
              "waitP50Seconds",
              "waitP90Seconds",
              "waitP99Seconds",
              "handleP50Seconds")) {
        JsonNode value = summary.get(metric);
        String text = page.locator("[data-metric=" + metric + "] .value").textContent();
        assertThat(text)
            .as(metric)
            .isEqualTo(
                metric.equals("raised")
                    ? value.asString()
                    : String.format(Locale.ROOT, "%.1f s", value.asDouble()));
      }
      assertThat(page.locator("[data-metric=serviceLevel] .value").textContent())
          .isEqualTo(
              String.format(Locale.ROOT, "%.1f%%", summary.get("serviceLevel").asDouble() * 100));
      assertThat(page.locator("[data-metric=abandonRate] .value").textContent())
          .isEqualTo(
              String.format(Locale.ROOT, "%.1f%%", summary.get("abandonRate").asDouble() * 100));
      assertThat(page.locator("[data-metric=ratingMean] .value").textContent())
          .isEqualTo(String.format(Locale.ROOT, "%.2f", summary.get("ratingMean").asDouble()));
      assertThat(page.locator("[data-metric=ratingMean] .sub").textContent())
          .isEqualTo("n = " + summary.get("ratingCount").asLong());
      assertThat(page.locator("[data-metric=wrongFlags] .value").textContent())
          .isEqualTo(summary.get("wrongFlags").asString());
      assertThat(page.locator("#control rect.outside").count()).isEqualTo(1);
      assertThat(page.locator("#control rect.outside").getAttribute("data-date"))
          .isEqualTo(OUTLIER.toString());
      assertThat(page.locator("#control-note").textContent()).contains(OUTLIER.toString());
      assertThat(page.locator("#specialists tbody tr")).isNotNull();
      assertThat(page.locator("#specialists tbody tr").count()).isEqualTo(4);
      assertThat(page.locator("[data-metric=serviceLevel]").getAttribute("title"))
          .startsWith("Claimed within the target");
      shoot(page, "dashboard-manager.png");

      page.locator("#specialists th[data-key=ratingBayesian]").click();
      page.locator("#specialists th[data-key=ratingBayesian]").click();
      assertThat(page.locator("#specialists tbody tr").first().getAttribute("data-specialist"))
          .as("best Bayesian rating first")
          .isEqualTo(users.get("s1").id());
      page.locator("#specialists tbody tr").first().locator("button").click();
      page.locator("#specialist-control circle, #specialist-control rect").first().waitFor();
      page.locator("#specialist")
          .screenshot(
              new com.microsoft.playwright.Locator.ScreenshotOptions()
                  .setPath(SCREENSHOTS.resolve("dashboard-specialist.png")));
      page.locator("#reviews .review").first().scrollIntoViewIfNeeded();
      page.locator("#reviews")
          .screenshot(
              new com.microsoft.playwright.Locator.ScreenshotOptions()
                  .setPath(SCREENSHOTS.resolve("dashboard-reviews.png")));

      // the ratings table shows 50 at a time, newest first, and pages on to the older ones
      long ratingTotal =
          get("manager", "/api/reports/ratings?from=" + MONTH + "&to=" + LAST)
              .get("total")
              .asLong();
      assertThat(ratingTotal).isGreaterThan(100);
      assertThat(page.locator("#ratings tbody tr").count()).isEqualTo(50);
      assertThat(page.locator("#ratings-page").textContent()).isEqualTo("1–50 of " + ratingTotal);
      assertThat(page.locator("#ratings-previous").isDisabled()).isTrue();
      String newest = page.locator("#ratings tbody tr").first().textContent();
      page.locator("#ratings-next").click();
      page.waitForFunction(
          "document.querySelector('#ratings-page').textContent.startsWith('51–100')");
      assertThat(page.locator("#ratings tbody tr").first().textContent()).isNotEqualTo(newest);
      page.locator("#ratings-next").click();
      page.waitForFunction(
          "document.querySelector('#ratings-page').textContent.startsWith('101–')");
      assertThat(page.locator("#ratings tbody tr").count()).isEqualTo((int) ratingTotal - 100);
      assertThat(page.locator("#ratings-next").isDisabled()).isTrue();
      page.locator("#ratings-previous").click();
      page.locator("#ratings-previous").click();
      page.waitForFunction(
          "document.querySelector('#ratings-page').textContent.startsWith('1–50')");
      assertThat(page.locator("#ratings tbody tr").first().textContent()).isEqualTo(newest);
      assertThat(
              page.locator("#ratings")
                  .evaluate("t => getComputedStyle(t.parentElement).overflowY")
                  .toString())
          .as("the table scrolls within its panel")
          .isEqualTo("auto");

      page.selectOption("#lang", "zh-CN");
      page.waitForFunction(
          "document.documentElement.lang === 'zh-CN' && !!document.body.dataset.loaded");
      assertThat(page.locator("[data-metric=serviceLevel] .label").textContent()).isEqualTo("服务水平");
      page.locator("#control rect.outside").waitFor();
      shoot(page, "dashboard-zh-CN.png");
      context.close();

      BrowserContext leadContext =
          browser.newContext(new Browser.NewContextOptions().setViewportSize(1100, 700));
      Page lead =
          signIn(
              leadContext,
              "lead-a",
              "/dashboard?from=" + BUSY_WEEK + "&to=" + BUSY_WEEK.plusDays(6));
      assertThat(lead.locator("#manager").isHidden()).isTrue();
      assertThat(lead.locator("#team-table tbody tr")).isNotNull();
      assertThat(lead.locator("#team-table tbody tr").count()).isEqualTo(1);
      assertThat(lead.locator("#prompts tbody tr").getAttribute("data-agent"))
          .isEqualTo(users.get("a1").id());
      shoot(lead, "dashboard-lead.png");
      leadContext.close();
    }
  }

  private static Page signIn(BrowserContext context, String who, String path) {
    Page page = context.newPage();
    page.navigate(node.http(path).toString());
    page.locator("input[name=username]").fill(users.get(who).id());
    page.locator("input[name=password]").fill(PASSWORD);
    page.locator("button[type=submit]").click();
    page.waitForURL("**" + "/dashboard**");
    page.waitForFunction("!!document.body.dataset.loaded");
    return page;
  }

  private static void shoot(Page page, String name) {
    page.screenshot(
        new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(name)).setFullPage(true));
  }

  private static Map<String, Integer> statuses(
      int summary, int ratings, int reviews, int me, int team) {
    return Map.of(
        "/api/reports/summary", summary,
        "/api/reports/ratings", ratings,
        "/api/reports/reviews", reviews,
        "/api/reports/me", me,
        "/api/reports/team/summary", team);
  }

  private static List<String> ids(JsonNode queue) {
    List<String> ids = new ArrayList<>();
    queue.get("items").forEach(i -> ids.add(i.get("requestId").stringValue()));
    return ids;
  }

  /** Raised, claimed after {@code wait} s, reached 5 s later, resolved after 120 s and rated. */
  private static HelpRequest answered(
      LocalDate day,
      String time,
      String agent,
      String specialist,
      int wait,
      int score,
      boolean wrong,
      String topic) {
    LocalDateTime raised = LocalDateTime.of(day, LocalTime.parse(time));
    User a = users.get(agent);
    User s = users.get(specialist);
    clock.set(raised.toInstant(ZoneOffset.UTC));
    HelpRequest r =
        lifecycle.raise(
            a, new Raise(UUID.randomUUID().toString(), topic, false, "note of " + agent));
    clock.set(raised.plusSeconds(wait).toInstant(ZoneOffset.UTC));
    lifecycle.claim(s, r.id());
    clock.set(raised.plusSeconds(wait + 5).toInstant(ZoneOffset.UTC));
    lifecycle.arrive(s, r.id());
    clock.set(raised.plusSeconds(wait + 120).toInstant(ZoneOffset.UTC));
    lifecycle.resolve(s, r.id(), Outcome.ANSWERED, "answered for " + agent);
    lifecycle.rate(a, r.id(), score, wrong, wrong ? "That was the wrong tab" : "Thanks");
    return r;
  }

  private static void at(LocalDate day, String time) {
    clock.set(LocalDateTime.of(day, LocalTime.parse(time)).toInstant(ZoneOffset.UTC));
  }

  private static JsonNode get(String who, String path) {
    Api.Response response = api.get(path, token(who));
    assertThat(response.status()).as(path + ": " + response.body()).isEqualTo(200);
    return response.json();
  }

  private static String token(String who) {
    Api.Response response =
        api.post(
            "/api/auth/token", null, Map.of("username", users.get(who).id(), "password", PASSWORD));
    assertThat(response.status()).as(response.body()).isEqualTo(200);
    return response.json().get("token").stringValue();
  }

  private static User user(String name, Role role, String team) {
    return new User(
        floor + "-" + name,
        "Name " + name,
        Set.of(role),
        team == null ? null : floor + "-" + team,
        team == null ? null : floor + "-" + team,
        role == Role.SPECIALIST ? "S-" + name : "",
        floor,
        Set.of());
  }
}

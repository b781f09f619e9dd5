package io.handup.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.handup.directory.Directory;
import io.handup.directory.Role;
import io.handup.directory.User;
import io.handup.request.HelpRequest;
import io.handup.request.Lifecycle;
import io.handup.request.Outcome;
import io.handup.request.Raise;
import io.handup.system.Keys;
import io.handup.testing.Api;
import io.handup.testing.TestNode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.UnifiedJedis;
import tools.jackson.databind.JsonNode;

/**
 * The reports read from the rollups against the same reports read request by request ({@code
 * exact=true}), on a floor of its own whose requests were raised, claimed and ended over four days
 * at millisecond times set by hand: counts, sums and means agree exactly, and each percentile is
 * the exact one rounded down to its bucket (docs/metrics.md): the floor's to the whole second, an
 * hour's, topic's or specialist's to the cells' coarser buckets past the first minute. The node
 * counts days in a zone no other node uses (UTC−03:30), so its rollups are its own.
 */
class RollupIT {

  private static final ZoneId ZONE = ZoneId.of("America/St_Johns");
  private static final LocalDate FIRST = LocalDate.now(ZoneOffset.UTC).plusDays(500);
  private static final LocalDate LAST = FIRST.plusDays(3);
  private static final String[] TOPICS = {"billing", "technical", "", "policy"};

  private static TestNode node;
  private static Api api;
  private static MovableClock clock;
  private static Lifecycle lifecycle;
  private static String floor;
  private static final Map<String, User> users = new HashMap<>();
  private static final List<HelpRequest> raised = new ArrayList<>();

  @BeforeAll
  static void workFourDays() {
    node = MovableClock.startNode(ZONE);
    api = new Api(node);
    clock = node.bean(MovableClock.class);
    lifecycle = node.bean(Lifecycle.class);
    floor = "rollup-" + UUID.randomUUID().toString().substring(0, 8);
    List<User> all = new ArrayList<>();
    all.add(user("manager", Role.MANAGER));
    for (int a = 1; a <= 6; a++) {
      all.add(user("a" + a, Role.AGENT));
    }
    for (int s = 1; s <= 4; s++) {
      all.add(user("s" + s, Role.SPECIALIST));
    }
    node.bean(Directory.class).saveAll(all, Map.of());
    all.forEach(u -> users.put(u.id().substring(floor.length() + 1), u));

    Random random = new Random(7);
    for (LocalDate day = FIRST; !day.isAfter(LAST); day = day.plusDays(1)) {
      Instant t = day.atStartOfDay(ZONE).toInstant().plusSeconds(600);
      for (int i = 0; i < 24; i++) {
        t = t.plusMillis(1_800_000 + random.nextInt(1_000_000));
        work(i, t, random);
      }
    }
    // one claimed and never resolved: open on its day for good
    Instant late = LAST.atStartOfDay(ZONE).toInstant().plus(Duration.ofHours(23));
    clock.set(late);
    HelpRequest open = lifecycle.raise(users.get("a6"), new Raise("open", "policy", true, null));
    clock.set(late.plusMillis(4_321));
    lifecycle.claim(users.get("s4"), open.id());
    raised.add(open);
    clock.set(LAST.plusDays(1).atStartOfDay(ZONE).toInstant().plus(Duration.ofHours(9)));
    Rollups rollups = node.bean(Rollups.class);
    await().atMost(Duration.ofSeconds(60)).until(() -> rollups.caughtUp(floor));
  }

  /** One request, its fate chosen by {@code i} and its times by chance. */
  private static void work(int i, Instant raisedAt, Random random) {
    User agent = users.get("a" + (i % 5 + 1));
    User spec = users.get("s" + (i % 3 + 1));
    clock.set(raisedAt);
    HelpRequest r =
        lifecycle.raise(
            agent, new Raise(UUID.randomUUID().toString(), TOPICS[i % 4], i % 7 == 0, null));
    raised.add(r);
    Instant t = raisedAt.plusMillis(random.nextInt(90_000));
    clock.set(t);
    switch (i % 8) {
      case 0 -> lifecycle.cancel(agent, r.id()); // abandoned
      case 1 -> lifecycle.expire(floor, r.id(), "expire:" + r.id());
      case 2 -> {
        // released, then claimed again for good: only the second claim counts
        lifecycle.claim(spec, r.id());
        clock.set(t = t.plusMillis(random.nextInt(20_000)));
        lifecycle.release(spec, r.id());
        clock.set(t = t.plusMillis(random.nextInt(20_000)));
        lifecycle.claim(spec, r.id());
        clock.set(t.plusMillis(random.nextInt(400_000)));
        lifecycle.resolve(spec, r.id(), Outcome.ANSWERED, null);
      }
      case 3 -> {
        lifecycle.claim(spec, r.id());
        clock.set(t.plusMillis(random.nextInt(30_000)));
        lifecycle.cancel(agent, r.id()); // claimed, not abandoned
      }
      default -> {
        lifecycle.claim(spec, r.id());
        if (i % 2 == 0) {
          clock.set(t = t.plusMillis(random.nextInt(60_000)));
          lifecycle.arrive(spec, r.id());
        }
        // now and then a handle past 10 minutes, where the buckets are a minute wide
        clock.set(t.plusMillis(random.nextInt(i % 5 == 0 ? 1_500_000 : 300_000)));
        lifecycle.resolve(spec, r.id(), Outcome.ANSWERED, null);
        if (i % 3 != 0) {
          lifecycle.rate(agent, r.id(), 1 + random.nextInt(5), i % 6 == 4, "comment " + i);
        }
        if (i % 6 == 4) {
          lifecycle.review(users.get("manager"), r.id(), i % 12 == 4, "the right answer");
        } else if (i % 11 == 5) {
          lifecycle.flag(agent, r.id(), "found out later");
        }
      }
    }
  }

  @AfterAll
  static void stop() {
    if (node != null) {
      node.close();
    }
  }

  @Test
  void everyDayIsRolledUpWithAllItsRequests() {
    UnifiedJedis jedis = node.bean(UnifiedJedis.class);
    Rollups rollups = node.bean(Rollups.class);
    long total = 0;
    for (LocalDate day = FIRST; !day.isAfter(LAST); day = day.plusDays(1)) {
      String n = jedis.hget(Keys.floor(floor).rollup(rollups.tag(), day.toString()), "n");
      assertThat(n).as("rollup of " + day).isNotNull();
      total += Long.parseLong(n);
    }
    assertThat(total).isEqualTo(raised.size());
  }

  @Test
  void summaryFromTheRollupsIsTheExactOneToTheSecond() {
    String range = "?from=" + FIRST + "&to=" + LAST;
    JsonNode rolled = get("/api/reports/summary" + range);
    JsonNode exact = get("/api/reports/summary" + range + "&exact=true");

    assertThat(rolled.get("raised").asLong()).isEqualTo(raised.size());
    assertThat(rolled.get("open").asLong()).isEqualTo(1);
    assertThat(rolled.get("confirmedWrong").asLong()).isPositive();
    // times to the millisecond: the exact median is not a whole second, the rolled one is
    assertThat(exact.get("waitP50Seconds").asDouble() % 1).isNotZero();
    assertThat(rolled.get("waitP50Seconds").asDouble())
        .isEqualTo(Math.floor(exact.get("waitP50Seconds").asDouble()));
    agree("summary", rolled, exact, Histogram.Layout.FLOOR);
  }

  @Test
  void dailyHourlyTopicsAndSpecialistsAgreeToo() {
    String range = "?from=" + FIRST + "&to=" + LAST;
    agree(
        "daily",
        get("/api/reports/daily" + range),
        get("/api/reports/daily" + range + "&exact=true"),
        Histogram.Layout.FLOOR);
    // an hour's, topic's or specialist's figures come from the cells
    for (String report :
        List.of(
            "daily" + range + "&specialist=" + users.get("s2").id(),
            "hourly" + range,
            "topics" + range,
            "specialists" + range)) {
      agree(
          report,
          get("/api/reports/" + report),
          get("/api/reports/" + report + "&exact=true"),
          Histogram.Layout.CELL);
    }
    // handles of minutes: there the cells' buckets are 10 s wide, so the medians say so
    JsonNode specialists = get("/api/reports/specialists" + range).get("specialists");
    List<Double> handles = new ArrayList<>();
    specialists.forEach(
        f -> {
          if (f.get("handleP50Seconds").isNumber()) {
            handles.add(f.get("handleP50Seconds").asDouble());
          }
        });
    assertThat(handles).hasSize(3).allSatisfy(h -> assertThat(h).isGreaterThan(60));
    assertThat(handles).allSatisfy(h -> assertThat(h % 10).isZero());
  }

  @Test
  void aRangeReachingIntoTodayAddsTodayRequestByRequest() {
    JsonNode rolled = get("/api/reports/summary?from=" + FIRST + "&to=" + LAST.plusDays(1));
    JsonNode exact =
        get("/api/reports/summary?from=" + FIRST + "&to=" + LAST.plusDays(1) + "&exact=true");

    agree("summary with today", rolled, exact, Histogram.Layout.FLOOR);
  }

  @Test
  void applyingEveryRequestAgainChangesNothing() {
    List<String> reports = List.of("summary", "hourly", "topics", "specialists");
    Map<String, JsonNode> before = new HashMap<>();
    reports.forEach(
        r -> before.put(r, get("/api/reports/" + r + "?from=" + FIRST + "&to=" + LAST)));
    Rollups rollups = node.bean(Rollups.class);

    for (HelpRequest r : raised) {
      assertThat(rollups.apply(floor, r.id(), r.raisedAt())).as(r.id()).isFalse();
    }

    for (String r : reports) {
      assertThat(get("/api/reports/" + r + "?from=" + FIRST + "&to=" + LAST))
          .as(r)
          .isEqualTo(before.get(r));
    }
  }

  /**
   * Every figure the same, except percentiles ({@code …P50Seconds} and the like), which the rollups
   * give rounded down to their bucket in this layout.
   */
  private static void agree(
      String where, JsonNode rolled, JsonNode exact, Histogram.Layout layout) {
    if (exact.isObject()) {
      assertThat(rolled.isObject()).as(where).isTrue();
      for (Iterator<String> names = exact.propertyNames().iterator(); names.hasNext(); ) {
        String name = names.next();
        JsonNode e = exact.get(name);
        JsonNode r = rolled.get(name);
        if (name.matches(".*P\\d+Seconds") && e.isNumber()) {
          long bucket = layout.lowerBound(layout.bucket(Math.round(e.asDouble() * 1000)));
          assertThat(r.asDouble()).as(where + "." + name).isEqualTo(bucket / 1000.0);
        } else {
          agree(where + "." + name, r, e, layout);
        }
      }
    } else if (exact.isArray()) {
      assertThat(rolled.size()).as(where).isEqualTo(exact.size());
      for (int i = 0; i < exact.size(); i++) {
        agree(where + "[" + i + "]", rolled.get(i), exact.get(i), layout);
      }
    } else {
      assertThat(rolled).as(where).isEqualTo(exact);
    }
  }

  private static JsonNode get(String path) {
    Api.Response response = api.get(path, api.mint(users.get("manager").id()));
    assertThat(response.status()).as(path + ": " + response.body()).isEqualTo(200);
    return response.json();
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

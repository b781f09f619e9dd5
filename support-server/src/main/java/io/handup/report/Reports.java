package io.handup.report;

import io.handup.directory.Directory;
import io.handup.directory.Role;
import io.handup.directory.User;
import io.handup.request.HelpRequest;
import io.handup.request.HelpRequests;
import io.handup.request.RequestState;
import io.handup.system.HandupSettings;
import io.handup.system.Keys;
import io.handup.system.LiveSettings;
import io.handup.system.Times;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.springframework.stereotype.Component;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;

/** Reads a floor's requests for a range and folds them into report figures. */
@Component
class Reports {

  /** The most review-queue items one answer carries, and the largest page of ratings. */
  static final int MAX_LINES = 5000;

  static final String COACHING_MULTIPLE = "coachingMultiple";
  static final String COACHING_MINIMUM = "coachingMinimum";

  private final HelpRequests requests;
  private final HandupSettings settings;
  private final ReportSettings reportSettings;
  // the service-level target and coaching thresholds, which an administrator may change live
  private final LiveSettings live;
  private final Directory directory;
  private final UnifiedJedis jedis;
  private final Clock clock;
  private final Rollups rollups;

  Reports(
      HelpRequests requests,
      HandupSettings settings,
      ReportSettings reportSettings,
      LiveSettings live,
      Directory directory,
      UnifiedJedis jedis,
      Clock clock,
      Rollups rollups) {
    this.rollups = rollups;
    this.requests = requests;
    this.settings = settings;
    this.reportSettings = reportSettings;
    this.live = live;
    live.define(
        COACHING_MULTIPLE,
        LiveSettings.Kind.DECIMAL,
        String.valueOf(reportSettings.coachingMultiple()),
        1.0);
    live.define(
        COACHING_MINIMUM,
        LiveSettings.Kind.WHOLE,
        String.valueOf(reportSettings.coachingMinimum()),
        1);
    this.directory = directory;
    this.jedis = jedis;
    this.clock = clock;
  }

  ReportRange range(String from, String to) {
    return ReportRange.parse(from, to, settings.timeZone(), clock.instant());
  }

  /**
   * The floor's figures. Whole past days come from the rollups unless {@code exact}; a range with
   * any such day then gives its percentiles to the rollups' buckets (docs/metrics.md).
   */
  Summary summary(String floor, ReportRange range, boolean exact) {
    List<Rollups.Day> days = rollups.days(floor, range, exact, Rollups.Dimension.FLOOR);
    Tally tally = tally(days);
    for (Rollups.Day day : days) {
      if (day.rolled()) {
        tally.add(day.floor());
      } else {
        forEachReviewed(floor, day.range(), tally::add);
      }
    }
    return tally.summary(range);
  }

  SpecialistReport specialists(String floor, ReportRange range, boolean exact) {
    List<Rollups.Day> days = rollups.days(floor, range, exact, Rollups.Dimension.SPECIALISTS);
    boolean bucketed = days.stream().anyMatch(Rollups.Day::rolled);
    Tally all = tally(days);
    Map<String, Tally> bySpecialist = new HashMap<>();
    for (Rollups.Day day : days) {
      if (day.rolled()) {
        all.add(day.floor());
        day.cells()
            .forEach(
                (id, cell) ->
                    bySpecialist
                        .computeIfAbsent(
                            id, i -> new Tally(live.serviceLevelTarget(), Histogram.Layout.CELL))
                        .add(cell));
        continue;
      }
      forEachReviewed(
          floor,
          day.range(),
          (r, verdict) -> {
            all.add(r, verdict);
            if (r.claimedAt() != null && r.specialistId() != null) {
              bySpecialist
                  .computeIfAbsent(
                      r.specialistId(),
                      id ->
                          new Tally(
                              live.serviceLevelTarget(), bucketed ? Histogram.Layout.CELL : null))
                  .add(r, verdict);
            }
          });
    }
    Double floorMean = all.ratingCount() == 0 ? null : (double) all.ratingSum() / all.ratingCount();
    Map<String, Long> lapsed = lapsed(floor, bySpecialist.keySet());
    List<SpecialistFigures> figures =
        bySpecialist.entrySet().stream()
            .map(
                e ->
                    e.getValue()
                        .specialist(
                            e.getKey(),
                            Ratings.bayesian(
                                e.getValue().ratingSum(),
                                e.getValue().ratingCount(),
                                floorMean,
                                reportSettings.ratingPriorWeight()),
                            lapsed.getOrDefault(e.getKey(), 0L)))
            .toList();
    List<SpecialistFigures> ranked = new ArrayList<>(figures.size());
    for (SpecialistFigures f : figures) {
      Integer rank = null;
      if (f.ratingBayesian() != null) {
        // competition ranking: 1 + how many rate strictly better
        rank =
            1
                + (int)
                    figures.stream()
                        .filter(
                            o ->
                                o.ratingBayesian() != null
                                    && o.ratingBayesian() > f.ratingBayesian())
                        .count();
      }
      ranked.add(f.ranked(rank));
    }
    ranked.sort(
        Comparator.comparingLong(SpecialistFigures::handled)
            .reversed()
            .thenComparing(SpecialistFigures::specialistId));
    return new SpecialistReport(
        Times.iso(range.from()), Times.iso(range.to()), range.zone().getId(), ranked);
  }

  DailyReport daily(String floor, ReportRange range, String specialistId, boolean exact) {
    List<DailyReport.Day> days = new ArrayList<>();
    List<ControlChart.Day> waits = new ArrayList<>();
    String name = null;
    for (Rollups.Day rolled :
        rollups.days(
            floor,
            range,
            exact,
            specialistId == null ? Rollups.Dimension.FLOOR : Rollups.Dimension.SPECIALISTS)) {
      ReportRange day = rolled.range();
      String date = LocalDate.ofInstant(day.from(), range.zone()).toString();
      if (rolled.rolled()) {
        Tally tally =
            new Tally(
                live.serviceLevelTarget(),
                specialistId == null ? Histogram.Layout.FLOOR : Histogram.Layout.CELL);
        Cell cell = specialistId == null ? rolled.floor() : rolled.cells().get(specialistId);
        if (cell != null) {
          tally.add(cell);
          if (specialistId != null && cell.name != null) {
            name = cell.name;
          }
        }
        Summary figures = tally.summary(day);
        days.add(new DailyReport.Day(date, figures));
        waits.add(new ControlChart.Day(date, figures.waitMeanSeconds()));
        continue;
      }
      Tally tally = tally();
      List<HelpRequest> raised = raised(floor, day);
      Map<String, String> verdicts = verdicts(floor, raised);
      for (HelpRequest r : raised) {
        if (specialistId == null
            || (r.claimedAt() != null && specialistId.equals(r.specialistId()))) {
          tally.add(r, verdicts.get(r.id()));
          if (specialistId != null) {
            name = r.specialistName();
          }
        }
      }
      Summary figures = tally.summary(day);
      days.add(new DailyReport.Day(date, figures));
      waits.add(new ControlChart.Day(date, figures.waitMeanSeconds()));
    }
    return new DailyReport(
        Times.iso(range.from()),
        Times.iso(range.to()),
        range.zone().getId(),
        specialistId,
        name,
        days,
        ControlChart.of(waits));
  }

  HourlyReport hourly(String floor, ReportRange range, boolean exact) {
    List<Rollups.Day> plan = rollups.days(floor, range, exact, Rollups.Dimension.HOURS);
    Tally all = tally(plan);
    Tally[] hours = new Tally[24];
    for (int h = 0; h < 24; h++) {
      hours[h] = cellTally(plan);
    }
    // per hour of the day, the distinct specialists who claimed something on each active day
    long[] claimers = new long[24];
    long activeDays = 0;
    for (Rollups.Day rolled : plan) {
      if (rolled.rolled()) {
        if (rolled.floor().isEmpty()) {
          continue;
        }
        activeDays++;
        all.add(rolled.floor());
        rolled
            .cells()
            .forEach(
                (hour, cell) -> {
                  int h = Integer.parseInt(hour);
                  hours[h].add(cell);
                  claimers[h] += cell.claimers;
                });
        continue;
      }
      ReportRange day = rolled.range();
      List<HelpRequest> raised = raised(floor, day);
      if (raised.isEmpty()) {
        continue;
      }
      activeDays++;
      List<Set<String>> seen = new ArrayList<>(24);
      for (int h = 0; h < 24; h++) {
        seen.add(new HashSet<>());
      }
      for (HelpRequest r : raised) {
        int hour = r.raisedAt().atZone(range.zone()).getHour();
        hours[hour].add(r);
        all.add(r);
        if (r.claimedAt() != null && r.specialistId() != null) {
          seen.get(hour).add(r.specialistId());
        }
      }
      for (int h = 0; h < 24; h++) {
        claimers[h] += seen.get(h).size();
      }
    }
    Double overallHandle = all.handleMeanMillis();
    double target = live.serviceLevelTarget().toMillis() / 1000.0;
    double share = reportSettings.serviceLevelShare();
    List<HourlyReport.Hour> list = new ArrayList<>(24);
    for (int h = 0; h < 24; h++) {
      Tally t = hours[h];
      Summary s = t.summary(range);
      double perDay = activeDays == 0 ? 0 : (double) t.raised() / activeDays;
      Double handleMillis = t.handleMeanMillis() != null ? t.handleMeanMillis() : overallHandle;
      int required =
          handleMillis == null ? 0 : ErlangC.required(perDay, handleMillis / 1000.0, target, share);
      list.add(
          new HourlyReport.Hour(
              h,
              t.raised(),
              round(perDay, 100),
              s.serviceLevel(),
              s.waitMeanSeconds(),
              s.waitP90Seconds(),
              Tally.seconds(handleMillis),
              required,
              activeDays == 0 ? 0 : round((double) claimers[h] / activeDays, 100)));
    }
    return new HourlyReport(
        Times.iso(range.from()),
        Times.iso(range.to()),
        range.zone().getId(),
        activeDays,
        target,
        share,
        Tally.seconds(overallHandle),
        list);
  }

  TopicReport topics(String floor, ReportRange range, int limit, boolean exact) {
    List<Rollups.Day> plan = rollups.days(floor, range, exact, Rollups.Dimension.TOPICS);
    Map<String, Tally> byTopic = new HashMap<>();
    long[] total = {0};
    for (Rollups.Day day : plan) {
      if (day.rolled()) {
        total[0] += day.floor().get("n");
        day.cells()
            .forEach(
                (topic, cell) -> byTopic.computeIfAbsent(topic, t -> cellTally(plan)).add(cell));
        continue;
      }
      forEach(
          floor,
          day.range(),
          r -> {
            total[0]++;
            byTopic
                .computeIfAbsent(r.topic() == null ? "" : r.topic(), t -> cellTally(plan))
                .add(r);
          });
    }
    List<TopicReport.Topic> topics =
        byTopic.entrySet().stream()
            .map(
                e -> {
                  Summary s = e.getValue().summary(range);
                  return new TopicReport.Topic(
                      e.getKey(),
                      s.raised(),
                      Tally.fraction(s.raised(), total[0]),
                      s.waitP50Seconds(),
                      s.handleP50Seconds(),
                      s.ratingMean(),
                      s.ratingCount(),
                      s.wrongFlags());
                })
            .sorted(
                Comparator.comparingLong(TopicReport.Topic::raised)
                    .reversed()
                    .thenComparing(TopicReport.Topic::topic))
            .limit(limit)
            .toList();
    return new TopicReport(
        Times.iso(range.from()), Times.iso(range.to()), range.zone().getId(), total[0], topics);
  }

  /**
   * One page of the rated answers, newest first, filtered by specialist, score, wrong mark and
   * comment: {@code limit} lines from the {@code offset}-th on.
   */
  RatingList ratings(
      String floor,
      ReportRange range,
      String specialistId,
      Integer score,
      boolean wrongOnly,
      boolean withComment,
      int offset,
      int limit) {
    List<RatingList.Line> lines = new ArrayList<>();
    List<HelpRequest> matched = new ArrayList<>();
    forEach(
        floor,
        range,
        r -> {
          if (r.rated()
              && r.score() != null
              && (specialistId == null || specialistId.equals(r.specialistId()))
              && (score == null || score.equals(r.score()))
              && (!wrongOnly || r.wrong() || r.flagged())
              && (!withComment || (r.comment() != null && !r.comment().isBlank()))) {
            matched.add(r);
          }
        });
    Collections.reverse(matched);
    int start = Math.min(offset, matched.size());
    int end = Math.min(start + limit, matched.size());
    List<HelpRequest> page = matched.subList(start, end);
    Map<String, Map<String, String>> reviews = reviewFields(floor, page);
    for (HelpRequest r : page) {
      Map<String, String> review = reviews.getOrDefault(r.id(), Map.of());
      lines.add(
          new RatingList.Line(
              r.id(),
              Times.iso(r.raisedAt()),
              Times.iso(r.resolvedAt()),
              r.topic(),
              r.agentId(),
              r.agentName(),
              r.specialistId(),
              r.specialistName(),
              r.score(),
              r.wrong(),
              r.comment(),
              r.flagged(),
              r.flagReason(),
              review.get("reviewVerdict"),
              review.get("correction")));
    }
    return new RatingList(
        Times.iso(range.from()),
        Times.iso(range.to()),
        range.zone().getId(),
        lines,
        matched.size(),
        start,
        limit,
        end < matched.size() ? String.valueOf(end) : null,
        start > 0 ? String.valueOf(Math.max(0, start - limit)) : null);
  }

  ReviewQueue reviewQueue(String floor) {
    Keys.Floor keys = Keys.floor(floor);
    List<String> ids = jedis.zrange(keys.reviewQueue(), 0, MAX_LINES - 1);
    List<Response<Map<String, String>>> replies = new ArrayList<>(ids.size());
    try (AbstractPipeline pipe = jedis.pipelined()) {
      ids.forEach(id -> replies.add(pipe.hgetAll(keys.request(id))));
    }
    List<ReviewQueue.Item> items = new ArrayList<>();
    for (Response<Map<String, String>> reply : replies) {
      Map<String, String> hash = reply.get();
      if (hash.isEmpty()) {
        continue;
      }
      HelpRequest r = HelpRequest.fromHash(hash);
      String flaggedAt = hash.get("flaggedAt");
      items.add(
          new ReviewQueue.Item(
              r.id(),
              flaggedAt == null ? null : Times.iso(Instant.ofEpochMilli(Long.parseLong(flaggedAt))),
              Times.iso(r.raisedAt()),
              Times.iso(r.resolvedAt()),
              r.topic(),
              r.agentName(),
              r.specialistId(),
              r.specialistName(),
              r.note(),
              r.resolveNote(),
              r.score(),
              r.comment(),
              r.flagReason()));
    }
    return new ReviewQueue(items);
  }

  /** The review fields of one request as stored by review.lua. */
  ReviewQueue.Reviewed reviewed(String floor, String requestId) {
    List<String> v =
        jedis.hmget(
            Keys.floor(floor).request(requestId),
            "reviewVerdict",
            "correction",
            "reviewedBy",
            "reviewedAt");
    return new ReviewQueue.Reviewed(
        requestId,
        v.get(0),
        v.get(1),
        v.get(2),
        v.get(3) == null ? null : Times.iso(Instant.ofEpochMilli(Long.parseLong(v.get(3)))));
  }

  MyRating mine(User specialist, ReportRange range) {
    Tally tally = tally();
    forEach(
        specialist.floor(),
        range,
        r -> {
          if (r.claimedAt() != null && specialist.id().equals(r.specialistId())) {
            tally.add(r);
          }
        });
    Summary s = tally.summary(range);
    int minimum = reportSettings.ownRatingMinimum();
    return new MyRating(
        specialist.id(),
        s.from(),
        s.to(),
        s.claimed(),
        s.ratingCount(),
        minimum,
        s.ratingCount() >= minimum ? s.ratingMean() : null);
  }

  /** Every team of the floor, or only {@code lead}'s when it is not null. */
  TeamReport teams(String floor, ReportRange range, String lead) {
    Map<String, User> agents = agents(floor);
    Map<String, String> leadNames = new HashMap<>();
    for (User u : directory.onFloor(floor)) {
      if (u.has(Role.LEAD)) {
        leadNames.put(u.id(), u.name());
      }
    }
    Map<String, TeamTally> byTeam = new TreeMap<>();
    agents.values().stream()
        .filter(a -> a.team() != null && (lead == null || lead.equals(a.team())))
        .forEach(a -> byTeam.computeIfAbsent(a.team(), t -> new TeamTally()).agents++);
    if (lead != null) {
      byTeam.computeIfAbsent(lead, t -> new TeamTally());
    }
    forEach(
        floor,
        range,
        r -> {
          User agent = agents.get(r.agentId());
          String team = agent == null ? null : agent.team();
          TeamTally t = team == null ? null : byTeam.get(team);
          if (t == null) {
            return;
          }
          t.raised++;
          if (r.state() == RequestState.RESOLVED) {
            t.resolved++;
          }
          if (r.abandoned()) {
            t.abandoned++;
          }
          t.topics.merge(r.topic() == null ? "" : r.topic(), 1L, Long::sum);
          t.days.merge(LocalDate.ofInstant(r.raisedAt(), range.zone()).toString(), 1L, Long::sum);
        });
    List<TeamReport.Team> teams = new ArrayList<>();
    byTeam.forEach(
        (team, t) ->
            teams.add(
                new TeamReport.Team(
                    team,
                    leadNames.getOrDefault(team, team),
                    t.agents,
                    t.raised,
                    t.resolved,
                    t.abandoned,
                    counts(t.topics, true),
                    counts(t.days, false))));
    return new TeamReport(
        Times.iso(range.from()), Times.iso(range.to()), range.zone().getId(), teams);
  }

  /** The coaching prompts of the week holding {@code anyDay}; only {@code lead}'s team if set. */
  CoachingReport coaching(String floor, String anyDay, String lead) {
    LocalDate today = LocalDate.ofInstant(clock.instant(), settings.timeZone());
    LocalDate day =
        anyDay == null || anyDay.isBlank()
            ? today
            : LocalDate.ofInstant(range(anyDay, anyDay).from(), settings.timeZone());
    LocalDate monday = day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    ReportRange week = range(monday.toString(), monday.plusDays(6).toString());
    Map<String, Long> counts = new HashMap<>();
    Map<String, Map<String, Long>> topics = new HashMap<>();
    Map<String, String> names = new HashMap<>();
    forEach(
        floor,
        week,
        r -> {
          counts.merge(r.agentId(), 1L, Long::sum);
          names.put(r.agentId(), r.agentName());
          topics
              .computeIfAbsent(r.agentId(), a -> new HashMap<>())
              .merge(r.topic() == null ? "" : r.topic(), 1L, Long::sum);
        });
    Map<String, User> agents = agents(floor);
    Double median = Coaching.median(List.copyOf(counts.values()));
    double multiple = live.decimal(COACHING_MULTIPLE);
    int minimum = live.whole(COACHING_MINIMUM);
    List<CoachingReport.Prompt> prompts = new ArrayList<>();
    for (String agentId : Coaching.prompts(counts, multiple, minimum)) {
      User agent = agents.get(agentId);
      String team = agent == null ? null : agent.team();
      if (lead != null && !lead.equals(team)) {
        continue;
      }
      prompts.add(
          new CoachingReport.Prompt(
              agentId,
              agent == null ? names.get(agentId) : agent.name(),
              team,
              counts.get(agentId),
              counts(topics.get(agentId), true)));
    }
    return new CoachingReport(
        monday.toString(),
        monday.plusDays(6).toString(),
        week.zone().getId(),
        counts.size(),
        median,
        multiple,
        minimum,
        median == null ? null : multiple * median,
        prompts);
  }

  /** Every request raised in the range, oldest first, read one day at a time. */
  void forEach(String floor, ReportRange range, Consumer<HelpRequest> each) {
    for (ReportRange day : range.days()) {
      raised(floor, day).forEach(each);
    }
  }

  /** As {@link #forEach}, with the verdict of each reviewed flag (null when none). */
  void forEachReviewed(String floor, ReportRange range, BiConsumer<HelpRequest, String> each) {
    for (ReportRange day : range.days()) {
      List<HelpRequest> raised = raised(floor, day);
      Map<String, String> verdicts = verdicts(floor, raised);
      raised.forEach(r -> each.accept(r, verdicts.get(r.id())));
    }
  }

  /** The requests raised in a range short enough to read at once, such as one day. */
  List<HelpRequest> raised(String floor, ReportRange range) {
    return requests.raisedBetween(floor, range.from(), range.to());
  }

  private Tally tally() {
    return new Tally(live.serviceLevelTarget());
  }

  /** A tally that counts in buckets when any of these days comes rolled up. */
  private Tally tally(List<Rollups.Day> days) {
    return new Tally(live.serviceLevelTarget(), days.stream().anyMatch(Rollups.Day::rolled));
  }

  /**
   * A tally of an hour, topic or specialist: in the cells' coarser buckets when any of these days
   * comes rolled up, so that days read request by request count alike.
   */
  private Tally cellTally(List<Rollups.Day> days) {
    return new Tally(
        live.serviceLevelTarget(),
        days.stream().anyMatch(Rollups.Day::rolled) ? Histogram.Layout.CELL : null);
  }

  /** Review verdicts of the flagged requests among these: only flags are ever reviewed. */
  private Map<String, String> verdicts(String floor, List<HelpRequest> list) {
    Map<String, String> verdicts = new HashMap<>();
    reviewFields(floor, list).forEach((id, f) -> verdicts.put(id, f.get("reviewVerdict")));
    return verdicts;
  }

  private Map<String, Map<String, String>> reviewFields(String floor, List<HelpRequest> list) {
    Keys.Floor keys = Keys.floor(floor);
    Map<String, Response<List<String>>> replies = new LinkedHashMap<>();
    try (AbstractPipeline pipe = jedis.pipelined()) {
      for (HelpRequest r : list) {
        if (r.flagged()) {
          replies.put(r.id(), pipe.hmget(keys.request(r.id()), "reviewVerdict", "correction"));
        }
      }
    }
    Map<String, Map<String, String>> fields = new HashMap<>();
    replies.forEach(
        (id, reply) -> {
          List<String> v = reply.get();
          if (v.get(0) != null) {
            Map<String, String> f = new HashMap<>();
            f.put("reviewVerdict", v.get(0));
            f.put("correction", v.get(1));
            fields.put(id, f);
          }
        });
    return fields;
  }

  private Map<String, Long> lapsed(String floor, Set<String> specialists) {
    Keys.Floor keys = Keys.floor(floor);
    Map<String, Response<String>> replies = new HashMap<>();
    try (AbstractPipeline pipe = jedis.pipelined()) {
      specialists.forEach(id -> replies.put(id, pipe.hget(keys.specialist(id), "lapsedTotal")));
    }
    Map<String, Long> lapsed = new HashMap<>();
    replies.forEach(
        (id, reply) -> lapsed.put(id, reply.get() == null ? 0L : Long.parseLong(reply.get())));
    return lapsed;
  }

  private Map<String, User> agents(String floor) {
    Map<String, User> agents = new HashMap<>();
    for (User u : directory.onFloor(floor)) {
      if (u.has(Role.AGENT)) {
        agents.put(u.id(), u);
      }
    }
    return agents;
  }

  /** Counts as a list: by count, most first, or by key (dates) in order. */
  private static List<TeamReport.Count> counts(Map<String, Long> map, boolean byCount) {
    if (map == null) {
      return List.of();
    }
    Comparator<Map.Entry<String, Long>> order =
        byCount
            ? Map.Entry.<String, Long>comparingByValue()
                .reversed()
                .thenComparing(Map.Entry.comparingByKey())
            : Map.Entry.comparingByKey();
    return map.entrySet().stream()
        .sorted(order)
        .map(e -> new TeamReport.Count(e.getKey(), e.getValue()))
        .toList();
  }

  private static double round(double value, int scale) {
    return Math.round(value * scale) / (double) scale;
  }

  /** A team's counts as they add up. */
  private static final class TeamTally {
    int agents;
    long raised;
    long resolved;
    long abandoned;
    final Map<String, Long> topics = new HashMap<>();
    final Map<String, Long> days = new HashMap<>();
  }
}

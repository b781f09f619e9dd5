package io.handup.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.handup.request.HelpRequest;
import io.handup.request.Outcome;
import io.handup.request.RequestState;
import io.handup.system.Refused;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The report arithmetic on requests whose times are known, worked out by hand below. */
class ReportFiguresTest {

  private static final Instant T0 = Instant.parse("2031-03-04T09:00:00Z");
  private static final Duration TARGET = Duration.ofSeconds(30);

  /*
   * #   state      wait  walk  handle  score  flagged
   * 1   RESOLVED    10    20    100     5
   * 2   RESOLVED    20    40    200     4      yes
   * 3   RESOLVED    30     -    300     2            (exactly the target: within it)
   * 4   RESOLVED    40     -    400     -
   * 5   RESOLVED    50     -    500     -
   * 6   CANCELLED    5     -      -     -            (after its claim: claimed, not abandoned)
   * 7   CANCELLED    -     -      -     -            (before any claim: abandoned)
   * 8   EXPIRED      -     -      -     -            (abandoned)
   * 9   CLAIMED     60     -      -     -            (open)
   * 10  QUEUED       -     -      -     -            (open)
   */
  private static final List<HelpRequest> FIXTURE =
      List.of(
          request(1, RequestState.RESOLVED, 10, 20, 100, 5, false),
          request(2, RequestState.RESOLVED, 20, 40, 200, 4, true),
          request(3, RequestState.RESOLVED, 30, null, 300, 2, false),
          request(4, RequestState.RESOLVED, 40, null, 400, null, false),
          request(5, RequestState.RESOLVED, 50, null, 500, null, false),
          request(6, RequestState.CANCELLED, 5, null, null, null, false),
          request(7, RequestState.CANCELLED, null, null, null, null, false),
          request(8, RequestState.EXPIRED, null, null, null, null, false),
          request(9, RequestState.CLAIMED, 60, null, null, null, false),
          request(10, RequestState.QUEUED, null, null, null, null, false));

  @Test
  void summaryOfTheFixtureMatchesTheHandWorkedFigures() {
    Tally tally = new Tally(TARGET);
    FIXTURE.forEach(tally::add);

    Summary s = tally.summary(new ReportRange(T0, T0.plus(Duration.ofDays(1)), ZoneOffset.UTC));

    assertThat(s.raised()).isEqualTo(10);
    assertThat(s.claimed()).as("1-6 and 9 have a claim").isEqualTo(7);
    assertThat(s.resolved()).isEqualTo(5);
    assertThat(s.cancelled()).isEqualTo(2);
    assertThat(s.expired()).isEqualTo(1);
    assertThat(s.open()).isEqualTo(2);
    assertThat(s.abandoned()).as("7 and 8").isEqualTo(2);
    // within 30 s: 1, 2, 3, 6 = 4 of 7 claimed + 2 abandoned = 9 -> 0.4444
    assertThat(s.serviceLevel()).isEqualTo(0.4444);
    // (2 cancelled + 1 expired) / (5 resolved + 2 cancelled + 1 expired) = 3/8
    assertThat(s.abandonRate()).isEqualTo(0.375);
    // waits sorted 5 10 20 30 40 50 60 (n = 7): p50 rank ceil(3.5) = 4 -> 30;
    // p90 rank ceil(6.3) = 7 -> 60; p99 rank ceil(6.93) = 7 -> 60; mean 215 / 7 = 30.714
    assertThat(s.waitP50Seconds()).isEqualTo(30.0);
    assertThat(s.waitP90Seconds()).isEqualTo(60.0);
    assertThat(s.waitP99Seconds()).isEqualTo(60.0);
    assertThat(s.waitMeanSeconds()).isEqualTo(30.714);
    // walks 20 40: p50 rank ceil(1.0) = 1 -> 20
    assertThat(s.walkP50Seconds()).isEqualTo(20.0);
    // handles 100 200 300 400 500: p50 rank ceil(2.5) = 3 -> 300; p90 rank ceil(4.5) = 5 -> 500
    assertThat(s.handleP50Seconds()).isEqualTo(300.0);
    assertThat(s.handleP90Seconds()).isEqualTo(500.0);
    assertThat(s.handleP99Seconds()).isEqualTo(500.0);
    // (5 + 4 + 2) / 3 = 3.67
    assertThat(s.ratingMean()).isEqualTo(3.67);
    assertThat(s.ratingCount()).isEqualTo(3);
    assertThat(s.wrongFlags()).isEqualTo(1);
    assertThat(s.serviceLevelTargetSeconds()).isEqualTo(30.0);
    assertThat(s.from()).isEqualTo("2031-03-04T09:00:00.000Z");
  }

  @Test
  void emptyRangeHasCountsOfZeroAndNoFigures() {
    Summary s = new Tally(TARGET).summary(new ReportRange(T0, T0.plusSeconds(60), ZoneOffset.UTC));

    assertThat(s.raised()).isZero();
    assertThat(s.serviceLevel()).isNull();
    assertThat(s.abandonRate()).isNull();
    assertThat(s.waitP50Seconds()).isNull();
    assertThat(s.ratingMean()).isNull();
  }

  @Test
  void nearestRankPercentileIsAValueThatHappened() {
    Samples tenSeconds = new Samples();
    for (int i = 10; i >= 1; i--) {
      tenSeconds.add(Duration.ofSeconds(i));
    }
    // n = 10: p50 rank 5, p90 rank 9, p99 rank ceil(9.9) = 10
    assertThat(tenSeconds.percentile(50)).isEqualTo(5_000);
    assertThat(tenSeconds.percentile(90)).isEqualTo(9_000);
    assertThat(tenSeconds.percentile(99)).isEqualTo(10_000);

    Samples hundred = new Samples();
    for (int i = 1; i <= 100; i++) {
      hundred.add(Duration.ofMillis(i));
    }
    assertThat(hundred.percentile(90)).isEqualTo(90);
    assertThat(hundred.percentile(99)).isEqualTo(99);

    Samples one = new Samples();
    one.add(Duration.ofMillis(7));
    assertThat(one.percentile(50)).isEqualTo(7);
    assertThat(new Samples().percentile(50)).isNull();
  }

  @Test
  void datesAreWholeDaysInTheReportZone() {
    ZoneId kolkata = ZoneId.of("Asia/Kolkata"); // UTC+05:30

    ReportRange range = ReportRange.parse("2031-03-01", "2031-03-02", kolkata, T0);

    assertThat(range.from()).isEqualTo(Instant.parse("2031-02-28T18:30:00Z"));
    assertThat(range.to()).as("to is inclusive").isEqualTo(Instant.parse("2031-03-02T18:30:00Z"));
    assertThat(range.days())
        .extracting(ReportRange::from)
        .containsExactly(
            Instant.parse("2031-02-28T18:30:00Z"), Instant.parse("2031-03-01T18:30:00Z"));
  }

  @Test
  void missingBoundsMeanTodayAndInstantsAreTakenAsTheyAre() {
    ZoneId kolkata = ZoneId.of("Asia/Kolkata");

    ReportRange today = ReportRange.parse(null, "", kolkata, T0);
    ReportRange exact =
        ReportRange.parse("2031-03-04T08:00:00Z", "2031-03-04T10:00:00+01:00", kolkata, T0);

    assertThat(today.from()).isEqualTo(Instant.parse("2031-03-03T18:30:00Z"));
    assertThat(today.to()).isEqualTo(Instant.parse("2031-03-04T18:30:00Z"));
    assertThat(exact.from()).isEqualTo(Instant.parse("2031-03-04T08:00:00Z"));
    assertThat(exact.to()).isEqualTo(Instant.parse("2031-03-04T09:00:00Z"));
    assertThat(exact.days()).hasSize(1);
  }

  @Test
  void backwardsMalformedAndOverlongRangesAreRefused() {
    assertThatThrownBy(() -> ReportRange.parse("2031-03-05", "2031-03-04", ZoneOffset.UTC, T0))
        .isInstanceOf(Refused.class)
        .hasMessageContaining("'from' must come before 'to'");
    assertThatThrownBy(() -> ReportRange.parse("yesterday", null, ZoneOffset.UTC, T0))
        .isInstanceOf(Refused.class)
        .hasMessageContaining("'from' must be a date (YYYY-MM-DD)");
    assertThatThrownBy(() -> ReportRange.parse(null, "2031-02-30", ZoneOffset.UTC, T0))
        .isInstanceOf(Refused.class)
        .hasMessageContaining("'to' must be a date");
    assertThatThrownBy(() -> ReportRange.parse("2029-12-31", "2031-01-01", ZoneOffset.UTC, T0))
        .isInstanceOf(Refused.class)
        .hasMessageContaining("at most 366 days");
    assertThat(ReportRange.parse("2031-01-01", "2031-12-31", ZoneOffset.UTC, T0).days())
        .hasSize(365);
    assertThat(ReportRange.parse("2032-01-01", "2032-12-31", ZoneOffset.UTC, T0).days())
        .as("a leap year fits")
        .hasSize(366);
  }

  @Test
  void csvTextIsQuotedWhereNeededAndNeverRunsAsAFormula() {
    assertThat(Csv.text("plain")).isEqualTo("plain");
    assertThat(Csv.text("a, b")).isEqualTo("\"a, b\"");
    assertThat(Csv.text("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
    assertThat(Csv.text("two\nlines")).isEqualTo("\"two\nlines\"");
    assertThat(Csv.text("=HYPERLINK(\"x\")")).isEqualTo("\"'=HYPERLINK(\"\"x\"\")\"");
    assertThat(Csv.text("+1")).isEqualTo("'+1");
    assertThat(Csv.text("-2")).isEqualTo("'-2");
    assertThat(Csv.text("@SUM(A1)")).isEqualTo("'@SUM(A1)");
    assertThat(Csv.text(null)).isEmpty();
  }

  @Test
  void csvRowHasOneCellPerHeaderColumn() {
    String row = Csv.row(FIXTURE.get(0));

    assertThat(row).endsWith("\r\n");
    assertThat(row.strip().split(",", -1)).hasSize(Csv.HEADER.size());
    assertThat(row)
        .contains(",2031-03-04T09:01:00.000Z,2031-03-04T09:01:10.000Z,")
        .contains(",10.0,20.0,100.0,false,ANSWERED,");
  }

  @Test
  void aRequestTheKnowledgeBaseAnsweredIsNotAbandoned() {
    Tally tally = new Tally(TARGET);
    FIXTURE.forEach(tally::add);
    tally.add(selfServed(request(11, RequestState.CANCELLED, null, null, null, null, false)));

    Summary s = tally.summary(new ReportRange(T0, T0.plus(Duration.ofDays(1)), ZoneOffset.UTC));

    assertThat(s.cancelled()).isEqualTo(3);
    assertThat(s.selfServed()).isEqualTo(1);
    assertThat(s.abandoned()).as("still 7 and 8").isEqualTo(2);
    // unchanged: 4 within / (7 claimed + 2 abandoned)
    assertThat(s.serviceLevel()).isEqualTo(0.4444);
    // (3 cancelled - 1 self-served + 1 expired) / (5 resolved + 3 cancelled + 1 expired) = 3/9
    assertThat(s.abandonRate()).isEqualTo(0.3333);
  }

  private static HelpRequest selfServed(HelpRequest r) {
    return new HelpRequest(
        r.id(),
        r.floor(),
        r.agentId(),
        r.agentName(),
        r.seat(),
        r.topic(),
        r.urgent(),
        r.note(),
        r.state(),
        r.offeredTo(),
        r.offerExpiresAt(),
        r.specialistId(),
        r.specialistName(),
        r.specialistSeat(),
        r.raisedAt(),
        r.claimedAt(),
        r.arrivedAt(),
        r.resolvedAt(),
        r.cancelledAt(),
        r.expiredAt(),
        r.outcome(),
        r.resolveNote(),
        r.rated(),
        r.score(),
        r.wrong(),
        r.comment(),
        r.flagged(),
        r.flagReason(),
        r.clientKey(),
        "kb-1",
        HelpRequest.SELF_SERVED);
  }

  private static HelpRequest request(
      int n,
      RequestState state,
      Integer wait,
      Integer walk,
      Integer handle,
      Integer score,
      boolean flagged) {
    Instant raised = T0.plus(Duration.ofMinutes(n));
    Instant claimed = wait == null ? null : raised.plusSeconds(wait);
    Instant arrived = walk == null ? null : claimed.plusSeconds(walk);
    Instant resolved = handle == null ? null : claimed.plusSeconds(handle);
    Instant ended = raised.plusSeconds(120);
    return new HelpRequest(
        "r" + n,
        "fixture",
        "agent-" + n,
        "Agent " + n,
        "A-" + n,
        null,
        false,
        null,
        state,
        null,
        null,
        claimed == null ? null : "spec-1",
        claimed == null ? null : "Spec One",
        claimed == null ? null : "C-11",
        raised,
        claimed,
        arrived,
        resolved,
        state == RequestState.CANCELLED ? ended : null,
        state == RequestState.EXPIRED ? ended : null,
        resolved == null ? null : Outcome.ANSWERED,
        null,
        score != null,
        score,
        flagged,
        null,
        flagged,
        null,
        "key-" + n,
        null,
        null);
  }
}

package io.handup.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The supervision arithmetic on fixtures worked out by hand in the comments. */
class SupervisionFiguresTest {

  @Test
  void controlLimitsComeFromTheAverageMovingRangeAndMarkTheWildDay() {
    // 10 12 10 12 10 12 10 12 10 40: mean 138 / 10 = 13.8
    // moving ranges: eight of 2, then |40 − 10| = 30 -> 46 / 9 = 5.1111; sigma 5.1111 / 1.128
    // = 4.5311; limits 13.8 ± 3 × 4.5311 = 13.8 ± 13.5934 -> 27.393 and 0.207
    List<ControlChart.Day> days = new ArrayList<>();
    double[] waits = {10, 12, 10, 12, 10, 12, 10, 12, 10, 40};
    for (int i = 0; i < waits.length; i++) {
      days.add(new ControlChart.Day("d" + i, waits[i]));
    }

    ControlChart chart = ControlChart.of(days);

    assertThat(chart.mean()).isEqualTo(13.8);
    assertThat(chart.movingRange()).isEqualTo(5.111);
    assertThat(chart.sigma()).isEqualTo(4.531);
    assertThat(chart.upper()).isEqualTo(27.393);
    assertThat(chart.lower()).isEqualTo(0.207);
    assertThat(chart.points())
        .filteredOn(ControlChart.Point::outside)
        .extracting(ControlChart.Point::date)
        .containsExactly("d9");
  }

  @Test
  void daysWithoutRequestsAreLeftOutOfTheControlChartNotCountedAsZero() {
    // 10, (none), 12: mean 11; one moving range |12 − 10| = 2; sigma 2 / 1.128 = 1.7730
    // limits 11 ± 5.3191 -> 16.319 and 5.681
    ControlChart chart =
        ControlChart.of(
            List.of(
                new ControlChart.Day("mon", 10.0),
                new ControlChart.Day("tue", null),
                new ControlChart.Day("wed", 12.0)));

    assertThat(chart.mean()).isEqualTo(11.0);
    assertThat(chart.movingRange()).isEqualTo(2.0);
    assertThat(chart.sigma()).isEqualTo(1.773);
    assertThat(chart.upper()).isEqualTo(16.319);
    assertThat(chart.lower()).isEqualTo(5.681);
    assertThat(chart.points()).hasSize(3).noneMatch(ControlChart.Point::outside);
    assertThat(chart.points().get(1).value()).isNull();
  }

  @Test
  void controlChartOfAnEmptyOrOneDayRangeHasNoLimits() {
    ControlChart empty = ControlChart.of(List.of(new ControlChart.Day("mon", null)));
    ControlChart one = ControlChart.of(List.of(new ControlChart.Day("mon", 9.0)));

    assertThat(empty.mean()).isNull();
    assertThat(empty.upper()).isNull();
    assertThat(one.mean()).isEqualTo(9.0);
    assertThat(one.sigma()).isNull();
    assertThat(one.points()).noneMatch(ControlChart.Point::outside);
  }

  @Test
  void lowerLimitStopsAtZeroForAWaitCannotBeNegative() {
    // 1 9 1 9: mean 5, moving range 8, sigma 7.092; 5 − 21.3 < 0
    ControlChart chart =
        ControlChart.of(
            List.of(
                new ControlChart.Day("a", 1.0),
                new ControlChart.Day("b", 9.0),
                new ControlChart.Day("c", 1.0),
                new ControlChart.Day("d", 9.0)));

    assertThat(chart.lower()).isZero();
    assertThat(chart.upper()).isEqualTo(26.277);
  }

  @Test
  void bayesianRatingPullsFewRatingsTowardTheFloorMean() {
    // floor mean 4.0, prior weight 5
    // two fives: (5 × 4 + 10) / (5 + 2) = 30 / 7 = 4.2857 -> 4.29
    // forty 4.5s (sum 180): (20 + 180) / 45 = 4.4444 -> 4.44, so many good ratings rank higher
    assertThat(Ratings.bayesian(10, 2, 4.0, 5)).isEqualTo(4.29);
    assertThat(Ratings.bayesian(180, 40, 4.0, 5)).isEqualTo(4.44);
    // no ratings of their own: the floor mean
    assertThat(Ratings.bayesian(0, 0, 4.0, 5)).isEqualTo(4.0);
    // prior weight 0: the plain mean
    assertThat(Ratings.bayesian(7, 2, 4.0, 0)).isEqualTo(3.5);
    assertThat(Ratings.bayesian(0, 0, null, 5)).as("a floor without ratings").isNull();
  }

  @Test
  void erlangCFindsTheFewestSpecialistsForTheServiceLevel() {
    // 12 requests an hour, 300 s handle: A = 12 × 300 / 3600 = 1 Erlang; target 30 s, share 0.8
    // N = 2: B(1) = 1/2, B(2) = 0.5 / 2.5 = 0.2; C = 2 × 0.2 / (2 − 1 × 0.8) = 1/3
    //   SL = 1 − 1/3 × e^(−(2 − 1) × 30 / 300) = 1 − 0.33333 × 0.904837 = 0.698388 < 0.8
    // N = 3: B(3) = 0.2 / 3.2 = 0.0625; C = 3 × 0.0625 / (3 − 0.9375) = 0.090909
    //   SL = 1 − 0.090909 × e^(−0.2) = 1 − 0.090909 × 0.818731 = 0.925570 >= 0.8
    assertThat(ErlangC.probabilityOfWaiting(2, 1.0)).isCloseTo(1 / 3.0, within(1e-9));
    assertThat(ErlangC.serviceLevel(2, 1.0, 300, 30)).isCloseTo(0.698388, within(1e-6));
    assertThat(ErlangC.serviceLevel(3, 1.0, 300, 30)).isCloseTo(0.925570, within(1e-6));
    assertThat(ErlangC.serviceLevel(1, 1.0, 300, 30)).as("N <= A never catches up").isZero();
    assertThat(ErlangC.required(12, 300, 30, 0.8)).isEqualTo(3);
    // a share of 0.6 is met by N = 2 (0.698)
    assertThat(ErlangC.required(12, 300, 30, 0.6)).isEqualTo(2);
    assertThat(ErlangC.required(0, 300, 30, 0.8)).as("an hour without requests").isZero();
  }

  @Test
  void coachingPromptsAreAboveTwiceTheMedianAndTheMinimum() {
    // counts 1 1 2 3 3 4 6 12: even n, median (3 + 3) / 2 = 3; threshold 2 × 3 = 6
    // 12 > 6 and >= 5: a prompt; 6 is not above 6
    Map<String, Long> counts = new LinkedHashMap<>();
    long[] n = {1, 1, 2, 3, 3, 4, 6, 12};
    for (int i = 0; i < n.length; i++) {
      counts.put("agent-" + i, n[i]);
    }

    assertThat(Coaching.median(List.copyOf(counts.values()))).isEqualTo(3.0);
    assertThat(Coaching.prompts(counts, 2.0, 5)).containsExactly("agent-7");
  }

  @Test
  void coachingNeedsTheMinimumCountInAQuietWeek() {
    // counts 1 1 4: median 1, threshold 2; 4 is above it but below the minimum of 5
    Map<String, Long> quiet = Map.of("a", 1L, "b", 1L, "c", 4L);
    // odd n: the middle one
    assertThat(Coaching.median(List.of(4L, 1L, 1L))).isEqualTo(1.0);
    assertThat(Coaching.prompts(quiet, 2.0, 5)).isEmpty();
    assertThat(Coaching.prompts(quiet, 2.0, 4)).containsExactly("c");
    assertThat(Coaching.prompts(Map.of(), 2.0, 5)).as("a week without requests").isEmpty();
    assertThat(Coaching.median(List.of())).isNull();
  }

  @Test
  void specialistCsvHasOneCellPerHeaderColumn() {
    SpecialistFigures f =
        new SpecialistFigures(
            "s1", "Li, Wei", 3, 2, 10.0, 20.0, null, 60.0, 4.5, 2, 4.29, 1, 1, 1, 0.5, 2);

    String row = SpecialistCsv.row(f);

    assertThat(row).isEqualTo("s1,\"Li, Wei\",3,2,10.0,20.0,,60.0,4.5,2,4.29,1,1,1,0.5,2\r\n");
    assertThat(SpecialistCsv.header().strip().split(",")).hasSize(16);
  }
}

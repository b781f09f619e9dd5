package io.handup.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The rollups' histograms against the exact nearest-rank percentiles of docs/metrics.md: the same
 * value rounded down to the bucket, i.e. to the whole second below 10 minutes for the floor, below
 * 1 minute for an hour, topic or specialist.
 */
class HistogramTest {

  @Test
  void bucketsAreSecondsThenMinutesThenOneForTheRest() {
    assertThat(Histogram.bucket(-5)).isZero();
    assertThat(Histogram.bucket(999)).isZero();
    assertThat(Histogram.bucket(1000)).isEqualTo(1);
    assertThat(Histogram.bucket(599_999)).isEqualTo(599);
    assertThat(Histogram.bucket(600_000)).isEqualTo(600);
    assertThat(Histogram.bucket(659_999)).isEqualTo(600);
    assertThat(Histogram.bucket(660_000)).isEqualTo(601);
    assertThat(Histogram.bucket(4 * 3600_000 - 1)).isEqualTo(829);
    assertThat(Histogram.bucket(4 * 3600_000)).isEqualTo(830);
    assertThat(Histogram.bucket(Long.MAX_VALUE)).isEqualTo(830);
    for (int b = 0; b < Histogram.BUCKETS; b++) {
      assertThat(Histogram.bucket(Histogram.lowerBound(b))).isEqualTo(b);
    }
  }

  @Test
  void cellBucketsAreSecondsToAMinuteThenTenSecondsThenMinutesThenTenMinutes() {
    Histogram.Layout cell = Histogram.Layout.CELL;
    assertThat(cell.bucket(-5)).isZero();
    assertThat(cell.bucket(59_999)).isEqualTo(59);
    assertThat(cell.bucket(60_000)).isEqualTo(60);
    assertThat(cell.bucket(69_999)).isEqualTo(60);
    assertThat(cell.bucket(70_000)).isEqualTo(61);
    assertThat(cell.bucket(599_999)).isEqualTo(113);
    assertThat(cell.bucket(600_000)).isEqualTo(114);
    assertThat(cell.bucket(3_599_999)).isEqualTo(163);
    assertThat(cell.bucket(3_600_000)).isEqualTo(164);
    assertThat(cell.bucket(4 * 3600_000 - 1)).isEqualTo(181);
    assertThat(cell.bucket(4 * 3600_000)).isEqualTo(182);
    assertThat(cell.bucket(Long.MAX_VALUE)).isEqualTo(182);
    assertThat(cell.buckets).isEqualTo(183);
    // by hand: 2 min 34.9 s is in the 10-second bucket from 2 min 30 s; 47 min 10 s in the minute
    assertThat(cell.lowerBound(cell.bucket(154_900))).isEqualTo(150_000);
    assertThat(cell.lowerBound(cell.bucket(2_830_000))).isEqualTo(2_820_000);
    assertThat(cell.lowerBound(cell.bucket(7_000_000))).isEqualTo(6_600_000);
    for (int b = 0; b < cell.buckets; b++) {
      assertThat(cell.bucket(cell.lowerBound(b))).isEqualTo(b);
    }
  }

  @Test
  void cellPercentilesAreTheExactOnesRoundedDownToTheCellBucket() {
    Random random = new Random(43);
    Histogram.Layout cell = Histogram.Layout.CELL;
    for (int fixture = 0; fixture < 100; fixture++) {
      Samples exact = new Samples();
      Histogram rolled = new Histogram(cell);
      int n = 1 + random.nextInt(fixture < 20 ? 5 : 2000);
      for (int i = 0; i < n; i++) {
        long millis = random.nextInt(random.nextBoolean() ? 90_000 : 20_000_000);
        exact.add(Duration.ofMillis(millis));
        rolled.add(Duration.ofMillis(millis));
      }
      for (int p = 1; p <= 100; p++) {
        long truth = exact.percentile(p);
        assertThat(rolled.percentile(p))
            .as("p%d of %d values", p, n)
            .isEqualTo(cell.lowerBound(cell.bucket(truth)));
      }
      assertThat(rolled.mean()).isEqualTo(exact.mean());
    }
  }

  @Test
  void bucketsOfOneLayoutDoNotAddToAnother() {
    assertThatThrownBy(
            () -> new Histogram(Histogram.Layout.CELL).add(new long[Histogram.BUCKETS], 0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void percentilesAreTheExactOnesRoundedDownToTheirBucket() {
    Random random = new Random(42);
    for (int fixture = 0; fixture < 200; fixture++) {
      Samples exact = new Samples();
      Histogram rolled = new Histogram();
      int n = 1 + random.nextInt(fixture < 20 ? 5 : 2000);
      for (int i = 0; i < n; i++) {
        // mostly waits under a minute, some long handles past 10 minutes and past 4 hours
        long millis =
            switch (random.nextInt(10)) {
              case 0 -> random.nextInt(20_000_000);
              case 1, 2 -> random.nextInt(3_600_000);
              default -> random.nextInt(60_000);
            };
        exact.add(Duration.ofMillis(millis));
        rolled.add(Duration.ofMillis(millis));
      }
      for (int p = 1; p <= 100; p++) {
        long truth = exact.percentile(p);
        assertThat(rolled.percentile(p))
            .as("p%d of %d values", p, n)
            .isEqualTo(Histogram.lowerBound(Histogram.bucket(truth)));
        if (truth < 600_000) {
          assertThat(truth - rolled.percentile(p)).isBetween(0L, 999L);
        }
      }
      assertThat(rolled.mean()).isEqualTo(exact.mean());
    }
  }

  @Test
  void addedBucketsCountAsTheirDurationsWould() {
    Histogram one = new Histogram();
    Histogram other = new Histogram();
    long[] buckets = new long[Histogram.BUCKETS];
    long sum = 0;
    for (long millis : new long[] {5_400, 12_000, 12_999, 45_000, 700_000}) {
      one.add(Duration.ofMillis(millis));
      buckets[Histogram.bucket(millis)]++;
      sum += millis;
    }
    other.add(buckets, sum);

    for (int p : new int[] {1, 50, 90, 99, 100}) {
      assertThat(other.percentile(p)).isEqualTo(one.percentile(p));
    }
    assertThat(other.mean()).isEqualTo(one.mean());
    assertThat(other.count()).isEqualTo(5);
    assertThat(other.percentile(50)).isEqualTo(12_000);
    assertThat(other.percentile(100)).isEqualTo(660_000);
  }

  @Test
  void anEmptyHistogramHasNoFigures() {
    assertThat(new Histogram().percentile(50)).isNull();
    assertThat(new Histogram().mean()).isNull();
  }
}

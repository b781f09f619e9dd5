package io.handup.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The rollups' histograms against the exact nearest-rank percentiles of docs/metrics.md: the same
 * value rounded down to the bucket, i.e. to the whole second below 10 minutes.
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

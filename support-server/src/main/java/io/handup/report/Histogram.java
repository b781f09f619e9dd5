package io.handup.report;

import java.time.Duration;

/**
 * Durations counted in fixed buckets, as the rollups keep them (rollup.lua mirrors the layout): one
 * second wide from 0 to 10 minutes, one minute wide from 10 minutes to 4 hours, and one bucket for
 * anything longer. Nearest rank over the buckets finds the bucket of the value nearest rank finds
 * over the raw values (the buckets keep the order), so a percentile here is the exact one rounded
 * down to its bucket's lower bound: to the whole second below 10 minutes. The sum is kept exactly,
 * so the mean is exact.
 */
final class Histogram implements Durations {

  static final int BUCKETS = 831;
  private static final int SECOND_BUCKETS = 600;
  private static final int MINUTE_BUCKETS = 230;

  private final long[] counts = new long[BUCKETS];
  private long count;
  private long sumMillis;

  /** The bucket of a duration in milliseconds; negative ones (clock skew) count as 0. */
  static int bucket(long millis) {
    long s = Math.max(0, millis) / 1000;
    if (s < SECOND_BUCKETS) {
      return (int) s;
    }
    long m = (s - SECOND_BUCKETS) / 60;
    return m < MINUTE_BUCKETS ? SECOND_BUCKETS + (int) m : BUCKETS - 1;
  }

  /** The lower bound of a bucket in milliseconds. */
  static long lowerBound(int bucket) {
    if (bucket < SECOND_BUCKETS) {
      return bucket * 1000L;
    }
    return (SECOND_BUCKETS + (bucket - SECOND_BUCKETS) * 60L) * 1000L;
  }

  @Override
  public void add(Duration duration) {
    if (duration == null) {
      return;
    }
    long millis = duration.toMillis();
    counts[bucket(millis)]++;
    count++;
    sumMillis += millis;
  }

  /** Adds a rollup's buckets and the exact sum of the durations they count. */
  void add(long[] buckets, long sum) {
    for (int i = 0; i < BUCKETS; i++) {
      counts[i] += buckets[i];
      count += buckets[i];
    }
    sumMillis += sum;
  }

  long count() {
    return count;
  }

  @Override
  public Long percentile(int p) {
    if (count == 0) {
      return null;
    }
    long rank = Durations.rank(p, count);
    long seen = 0;
    for (int i = 0; i < BUCKETS; i++) {
      seen += counts[i];
      if (seen >= rank) {
        return lowerBound(i);
      }
    }
    return lowerBound(BUCKETS - 1);
  }

  @Override
  public Double mean() {
    return count == 0 ? null : (double) sumMillis / count;
  }
}

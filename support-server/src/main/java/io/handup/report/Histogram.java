package io.handup.report;

import java.time.Duration;

/**
 * Durations counted in fixed buckets, as the rollups keep them (rollup.lua mirrors both layouts).
 * Nearest rank over the buckets finds the bucket of the value nearest rank finds over the raw
 * values (the buckets keep the order), so a percentile here is the exact one rounded down to its
 * bucket's lower bound. The sum is kept exactly, so the mean is exact.
 */
final class Histogram implements Durations {

  /** The buckets of one layout: what a duration rounds down to. */
  enum Layout {
    /**
     * The floor's own histograms: one second wide from 0 to 10 minutes, one minute wide from 10
     * minutes to 4 hours, and one bucket for anything longer.
     */
    FLOOR(831),
    /**
     * The histograms of a cell (an hour of the day, a topic, a specialist), kept densely for every
     * cell of every day and so coarser past the first minute: one second wide up to 1 minute, 10
     * seconds up to 10 minutes, 1 minute up to 1 hour, 10 minutes up to 4 hours, one bucket beyond.
     */
    CELL(183);

    final int buckets;

    Layout(int buckets) {
      this.buckets = buckets;
    }

    /** The bucket of a duration in milliseconds; negative ones (clock skew) count as 0. */
    int bucket(long millis) {
      long s = Math.max(0, millis) / 1000;
      if (this == FLOOR) {
        if (s < 600) {
          return (int) s;
        }
        long m = (s - 600) / 60;
        return m < 230 ? 600 + (int) m : 830;
      }
      if (s < 60) {
        return (int) s;
      }
      if (s < 600) {
        return 60 + (int) ((s - 60) / 10);
      }
      if (s < 3600) {
        return 114 + (int) ((s - 600) / 60);
      }
      if (s < 14_400) {
        return 164 + (int) ((s - 3600) / 600);
      }
      return 182;
    }

    /** The lower bound of a bucket in milliseconds. */
    long lowerBound(int bucket) {
      long s;
      if (this == FLOOR) {
        s = bucket < 600 ? bucket : 600 + (bucket - 600) * 60L;
      } else if (bucket < 60) {
        s = bucket;
      } else if (bucket < 114) {
        s = 60 + (bucket - 60) * 10L;
      } else if (bucket < 164) {
        s = 600 + (bucket - 114) * 60L;
      } else {
        s = 3600 + (bucket - 164) * 600L;
      }
      return s * 1000L;
    }
  }

  /** The buckets of the floor's layout. */
  static final int BUCKETS = Layout.FLOOR.buckets;

  private final Layout layout;
  private final long[] counts;
  private long count;
  private long sumMillis;

  /** A histogram in the floor's layout. */
  Histogram() {
    this(Layout.FLOOR);
  }

  Histogram(Layout layout) {
    this.layout = layout;
    this.counts = new long[layout.buckets];
  }

  /** The floor layout's bucket of a duration in milliseconds. */
  static int bucket(long millis) {
    return Layout.FLOOR.bucket(millis);
  }

  /** The lower bound of a floor layout's bucket in milliseconds. */
  static long lowerBound(int bucket) {
    return Layout.FLOOR.lowerBound(bucket);
  }

  Layout layout() {
    return layout;
  }

  @Override
  public void add(Duration duration) {
    if (duration == null) {
      return;
    }
    long millis = duration.toMillis();
    counts[layout.bucket(millis)]++;
    count++;
    sumMillis += millis;
  }

  /** Adds a rollup's buckets (of this layout) and the exact sum of the durations they count. */
  void add(long[] buckets, long sum) {
    if (buckets.length != counts.length) {
      throw new IllegalArgumentException("Buckets of another layout");
    }
    for (int i = 0; i < counts.length; i++) {
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
    for (int i = 0; i < counts.length; i++) {
      seen += counts[i];
      if (seen >= rank) {
        return layout.lowerBound(i);
      }
    }
    return layout.lowerBound(counts.length - 1);
  }

  @Override
  public Double mean() {
    return count == 0 ? null : (double) sumMillis / count;
  }
}

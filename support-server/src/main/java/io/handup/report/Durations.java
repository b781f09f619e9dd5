package io.handup.report;

import java.time.Duration;

/**
 * The durations of one measure (wait, walk or handle) as a tally collects them: every value ({@link
 * Samples}) when a range is read request by request, or bucket counts ({@link Histogram}) when any
 * day of it comes from the rollups.
 */
interface Durations {

  void add(Duration duration);

  /** The nearest-rank percentile in milliseconds (docs/metrics.md), null with no values. */
  Long percentile(int p);

  /** The mean in milliseconds, exact either way; null with no values. */
  Double mean();

  /** The rank ⌈p/100 × n⌉ of nearest-rank, at least 1: the same for both kinds. */
  static long rank(int p, long n) {
    // integer ceiling: no floating point error at exact ranks
    return Math.max((p * n + 99) / 100, 1);
  }
}

package io.handup.report;

/**
 * The Bayesian rating specialists are ranked by: their mean pulled toward the floor's mean as if
 * they had started with {@code priorWeight} ratings at the floor mean, (m × floor + sum) / (m + n).
 * With few ratings it stays near the floor; with many it approaches their own mean.
 */
final class Ratings {

  private Ratings() {}

  /** Null when the floor has no ratings to start from. */
  static Double bayesian(long sum, long count, Double floorMean, int priorWeight) {
    if (floorMean == null) {
      return null;
    }
    if (count == 0 && priorWeight == 0) {
      return null;
    }
    double value = (priorWeight * floorMean + sum) / (priorWeight + count);
    return Math.round(value * 100) / 100.0;
  }
}

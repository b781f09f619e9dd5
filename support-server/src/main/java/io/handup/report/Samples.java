package io.handup.report;

import java.time.Duration;
import java.util.Arrays;

/** Durations in milliseconds, kept as plain longs so a year of requests stays small. */
final class Samples implements Durations {

  private long[] values = new long[16];
  private int size;
  private boolean sorted = true;

  @Override
  public void add(Duration duration) {
    if (duration == null) {
      return;
    }
    if (size == values.length) {
      values = Arrays.copyOf(values, size * 2);
    }
    values[size++] = duration.toMillis();
    sorted = false;
  }

  int count() {
    return size;
  }

  /**
   * Nearest rank: the value at rank ⌈p/100 × n⌉ of the n values in ascending order, so always a
   * duration that really happened; null with no values.
   */
  @Override
  public Long percentile(int p) {
    if (size == 0) {
      return null;
    }
    if (!sorted) {
      Arrays.sort(values, 0, size);
      sorted = true;
    }
    return values[(int) Durations.rank(p, size) - 1];
  }

  /** The mean in milliseconds, null with no values. */
  @Override
  public Double mean() {
    if (size == 0) {
      return null;
    }
    long sum = 0;
    for (int i = 0; i < size; i++) {
      sum += values[i];
    }
    return (double) sum / size;
  }
}

package io.handup.report;

import java.util.ArrayList;
import java.util.List;

/**
 * An individuals (XmR) control chart of one value per day. The centre line is the mean of the days;
 * sigma is estimated from the average moving range (the mean absolute difference between one day
 * and the previous day with a value) divided by d2 = 1.128, the expected range of two normal
 * values, so a single wild day widens the limits far less than a plain standard deviation would.
 * The limits are the mean ± 3 sigma; a wait cannot be negative, so the lower limit stops at 0. Days
 * with no value (no request claimed) are left out, not counted as 0.
 *
 * @param mean the centre line; null without any value
 * @param movingRange the average moving range; null with fewer than two values
 * @param sigma movingRange / 1.128
 * @param upper mean + 3 sigma
 * @param lower mean − 3 sigma, at least 0
 * @param points every day, with whether it lies outside the limits
 */
record ControlChart(
    Double mean, Double movingRange, Double sigma, Double upper, Double lower, List<Point> points) {

  static final double D2 = 1.128;

  /** One day: its value (null when it had none) and whether it is outside the limits. */
  record Point(String date, Double value, boolean outside) {}

  /** A day's label and value, in order. */
  record Day(String date, Double value) {}

  static ControlChart of(List<Day> days) {
    List<Double> values = new ArrayList<>();
    for (Day day : days) {
      if (day.value() != null) {
        values.add(day.value());
      }
    }
    Double mean = values.isEmpty() ? null : values.stream().mapToDouble(v -> v).average().orElse(0);
    Double movingRange = null;
    Double sigma = null;
    Double upper = null;
    Double lower = null;
    if (values.size() >= 2) {
      double sum = 0;
      for (int i = 1; i < values.size(); i++) {
        sum += Math.abs(values.get(i) - values.get(i - 1));
      }
      movingRange = sum / (values.size() - 1);
      sigma = movingRange / D2;
      upper = mean + 3 * sigma;
      lower = Math.max(0, mean - 3 * sigma);
    }
    List<Point> points = new ArrayList<>(days.size());
    for (Day day : days) {
      boolean outside =
          upper != null && day.value() != null && (day.value() > upper || day.value() < lower);
      points.add(new Point(day.date(), day.value(), outside));
    }
    return new ControlChart(
        round(mean), round(movingRange), round(sigma), round(upper), round(lower), points);
  }

  private static Double round(Double value) {
    return value == null ? null : Math.round(value * 1000) / 1000.0;
  }
}

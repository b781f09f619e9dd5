package io.handup.report;

import java.util.List;

/**
 * {@code GET /api/reports/hourly}: the range folded onto the 24 hours of the day, with the
 * specialists Erlang C asks for in each hour beside those seen working.
 *
 * @param activeDays days of the range with at least one request: the rates are per such day
 * @param serviceLevelShare the share that should be claimed within the target
 */
record HourlyReport(
    String from,
    String to,
    String timeZone,
    long activeDays,
    double serviceLevelTargetSeconds,
    double serviceLevelShare,
    Double handleMeanSeconds,
    List<Hour> hours) {

  /**
   * One hour of the day (0 = midnight to 1 in the report zone).
   *
   * @param perDay requests raised in this hour per active day: the arrival rate per hour
   * @param handleMeanSeconds the mean handle time of this hour's requests, else of the range
   * @param required specialists Erlang C needs for the service-level target and share
   * @param available specialists seen working: on average per active day, how many different
   *     specialists claimed a request raised in this hour
   */
  record Hour(
      int hour,
      long raised,
      double perDay,
      Double serviceLevel,
      Double waitMeanSeconds,
      Double waitP90Seconds,
      Double handleMeanSeconds,
      int required,
      double available) {}
}

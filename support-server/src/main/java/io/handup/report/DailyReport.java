package io.handup.report;

import java.util.List;

/**
 * {@code GET /api/reports/daily}: the figures of each day of the range (every day, also those
 * without requests), and the control chart of the daily mean wait.
 *
 * @param specialistId the specialist the figures are limited to, or null for the floor
 */
record DailyReport(
    String from,
    String to,
    String timeZone,
    String specialistId,
    String specialistName,
    List<Day> days,
    ControlChart waitControl) {

  /** One day in the report zone, with the same figures as the summary. */
  record Day(String date, Summary figures) {}
}

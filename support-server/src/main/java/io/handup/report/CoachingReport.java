package io.handup.report;

import java.util.List;

/**
 * {@code GET /api/reports/team/coaching}: agents who asked much more than the floor's typical asker
 * in one week (Monday to Sunday in the report zone), with what they asked about. A lead sees only
 * their own team's prompts.
 *
 * @param askers agents of the floor who asked at least once that week
 * @param floorMedian the median requests per asker; null in a week without requests
 * @param threshold an agent is a prompt above multiple × median, and with at least the minimum
 */
record CoachingReport(
    String weekFrom,
    String weekTo,
    String timeZone,
    long askers,
    Double floorMedian,
    double multiple,
    int minimum,
    Double threshold,
    List<Prompt> prompts) {

  /** One agent to talk to, with their count and topics: no request, time or note. */
  record Prompt(
      String agentId,
      String agentName,
      String team,
      long requests,
      List<TeamReport.Count> topics) {}
}

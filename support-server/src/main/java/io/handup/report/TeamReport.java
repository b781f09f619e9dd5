package io.handup.report;

import java.util.List;

/**
 * {@code GET /api/reports/team/summary}: agents' teams in aggregate only — counts and topics, never
 * a request, a time or a note. A lead gets their own team, managers every team of the floor.
 */
record TeamReport(String from, String to, String timeZone, List<Team> teams) {

  /** One lead's team. */
  record Team(
      String lead,
      String leadName,
      int agents,
      long raised,
      long resolved,
      long abandoned,
      List<Count> topics,
      List<Count> days) {}

  /** How many requests had a topic, or fell on a day. */
  record Count(String key, long requests) {}
}

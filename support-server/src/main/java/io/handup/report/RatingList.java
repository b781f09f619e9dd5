package io.handup.report;

import java.util.List;

/**
 * {@code GET /api/reports/ratings}: every rated answer of the range that passes the filters, newest
 * first, with the agent who gave it (managers see ratings whole).
 *
 * @param truncated true when more matched than {@link Reports#MAX_LINES}
 */
record RatingList(String from, String to, String timeZone, List<Line> ratings, boolean truncated) {

  /** One rating with its comment and, when it was flagged and reviewed, the verdict. */
  record Line(
      String requestId,
      String raisedAt,
      String resolvedAt,
      String topic,
      String agentId,
      String agentName,
      String specialistId,
      String specialistName,
      Integer score,
      boolean wrong,
      String comment,
      boolean flagged,
      String flagReason,
      String reviewVerdict,
      String correction) {}
}

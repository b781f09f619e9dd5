package io.handup.report;

import java.util.List;

/**
 * {@code GET /api/reports/ratings}: one page of the rated answers of the range that pass the
 * filters, newest first, with the agent who gave it (managers see ratings whole).
 *
 * @param total how many rated answers match, on all pages
 * @param offset how many newer ones come before this page
 * @param limit the most lines a page carries
 * @param nextCursor pass as {@code cursor} for the next (older) page; null on the last
 * @param previousCursor pass as {@code cursor} for the previous (newer) page; null on the first
 */
record RatingList(
    String from,
    String to,
    String timeZone,
    List<Line> ratings,
    long total,
    int offset,
    int limit,
    String nextCursor,
    String previousCursor) {

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

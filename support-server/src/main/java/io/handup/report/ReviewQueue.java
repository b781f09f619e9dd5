package io.handup.report;

import java.util.List;

/** {@code GET /api/reports/reviews}: answers flagged wrong, not yet reviewed, oldest flag first. */
record ReviewQueue(List<Item> items) {

  /** A flagged answer with what the manager needs to judge it. */
  record Item(
      String requestId,
      String flaggedAt,
      String raisedAt,
      String resolvedAt,
      String topic,
      String agentName,
      String specialistId,
      String specialistName,
      String note,
      String resolveNote,
      Integer score,
      String comment,
      String flagReason) {}

  /** The body of {@code POST /api/reports/reviews/{id}}. */
  record Decision(String verdict, String correction) {}

  /** What a review recorded. */
  record Reviewed(
      String requestId,
      String reviewVerdict,
      String correction,
      String reviewedBy,
      String reviewedAt) {}
}

package io.handup.report;

import java.util.List;

/** {@code GET /api/reports/topics}: the most asked topics first; "" is no topic given. */
record TopicReport(String from, String to, String timeZone, long raised, List<Topic> topics) {

  /** One topic and how its requests fared. */
  record Topic(
      String topic,
      long raised,
      Double share,
      Double waitP50Seconds,
      Double handleP50Seconds,
      Double ratingMean,
      long ratingCount,
      long wrongFlags) {}
}

package io.handup.skills;

import java.util.List;

/**
 * One topic's skill check as stored.
 *
 * @param passMark the least score, in percent, that passes
 * @param version counts up from 1 with every save
 */
record Check(
    String topic,
    String title,
    int passMark,
    List<Question> questions,
    long version,
    long updatedAt,
    String authorId,
    String authorName) {

  /**
   * @param answer the index of the right option
   */
  record Question(String text, List<String> options, Integer answer) {}

  /** What is kept as JSON in the check's hash; version and author are fields of their own. */
  record Body(String title, Integer passMark, List<Question> questions) {}

  /** The body of {@code PUT /api/skills/checks/{topic}}; version is the one edited, if any. */
  record Form(String title, Integer passMark, List<Question> questions, Long version) {}

  /** The body of {@code POST /api/skills/checks/{topic}/attempts}. */
  record Answers(List<Integer> answers, Long version) {}
}

package io.handup.skills;

import io.handup.system.ErrorCode;
import io.handup.system.Refused;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What a check must look like and how an attempt is graded. Every problem of a check is named at
 * once, so a manager fixes the form in one go.
 */
final class CheckRules {

  static final int MAX_TITLE = 200;
  static final int MAX_QUESTIONS = 50;
  static final int MAX_QUESTION = 1000;
  static final int MIN_OPTIONS = 2;
  static final int MAX_OPTIONS = 8;
  static final int MAX_OPTION = 300;
  // the same shape as a skill in the directory (admin RosterRules), so a check can name any skill
  private static final Pattern TOPIC = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N} _.-]{0,39}");

  private CheckRules() {}

  /** A graded attempt; score is the share right in whole percent, rounded down. */
  record Grade(int correct, int total, int score, boolean passed) {}

  static String topic(String raw) {
    String topic = raw == null ? "" : raw.strip();
    if (!TOPIC.matcher(topic).matches()) {
      throw new Refused(
          ErrorCode.BAD_REQUEST,
          "topic must be letters, digits, space, _ . - (starting with a letter or digit), at most"
              + " 40");
    }
    return topic;
  }

  /** The check as it will be kept, texts trimmed; {@code bad_request} naming every problem. */
  static Check.Body body(Check.Form form) {
    if (form == null) {
      throw new Refused(ErrorCode.BAD_REQUEST, "a check needs title, passMark and questions");
    }
    List<String> problems = new ArrayList<>();
    String title = text(form.title(), "title", MAX_TITLE, problems);
    Integer passMark = form.passMark();
    if (passMark == null || passMark < 1 || passMark > 100) {
      problems.add("passMark must be a whole number from 1 to 100 (percent)");
    }
    List<Check.Question> questions = new ArrayList<>();
    if (form.questions() == null || form.questions().isEmpty()) {
      problems.add("questions: a check needs at least one question");
    } else if (form.questions().size() > MAX_QUESTIONS) {
      problems.add("questions: at most " + MAX_QUESTIONS);
    } else {
      for (int i = 0; i < form.questions().size(); i++) {
        questions.add(question(form.questions().get(i), "questions[" + i + "]", problems));
      }
    }
    if (!problems.isEmpty()) {
      throw new Refused(ErrorCode.BAD_REQUEST, String.join("; ", problems));
    }
    return new Check.Body(title, passMark, questions);
  }

  private static Check.Question question(Check.Question q, String at, List<String> problems) {
    if (q == null) {
      problems.add(at + " is empty");
      return null;
    }
    String text = text(q.text(), at + ".text", MAX_QUESTION, problems);
    List<String> options = new ArrayList<>();
    if (q.options() == null || q.options().size() < MIN_OPTIONS) {
      problems.add(at + ".options: at least " + MIN_OPTIONS);
    } else if (q.options().size() > MAX_OPTIONS) {
      problems.add(at + ".options: at most " + MAX_OPTIONS);
    } else {
      for (int i = 0; i < q.options().size(); i++) {
        options.add(text(q.options().get(i), at + ".options[" + i + "]", MAX_OPTION, problems));
      }
      if (options.stream().distinct().count() < options.size()) {
        problems.add(at + ".options: two options are the same");
      }
    }
    if (q.answer() == null) {
      problems.add(at + ".answer is required: the index of the right option, from 0");
    } else if (!options.isEmpty() && (q.answer() < 0 || q.answer() >= options.size())) {
      problems.add(
          at
              + ".answer must be the index of one of its "
              + options.size()
              + " options (0 to "
              + (options.size() - 1)
              + ")");
    }
    return new Check.Question(text, options, q.answer());
  }

  private static String text(String value, String field, int max, List<String> problems) {
    if (value == null || value.isBlank()) {
      problems.add(field + " is required");
      return "";
    }
    String trimmed = value.strip();
    if (trimmed.length() > max) {
      problems.add(field + " must be at most " + max + " characters");
    }
    return trimmed;
  }

  /** Grades one answer (an option index) per question, in order. */
  static Grade grade(Check check, List<Integer> answers) {
    int total = check.questions().size();
    if (answers == null || answers.size() != total) {
      throw new Refused(
          ErrorCode.BAD_REQUEST,
          "answers must hold one option index per question: "
              + total
              + " expected, "
              + (answers == null ? 0 : answers.size())
              + " given");
    }
    int correct = 0;
    for (int i = 0; i < total; i++) {
      Check.Question q = check.questions().get(i);
      Integer given = answers.get(i);
      if (given == null || given < 0 || given >= q.options().size()) {
        throw new Refused(
            ErrorCode.BAD_REQUEST,
            "answers[" + i + "] must be an option index from 0 to " + (q.options().size() - 1));
      }
      if (given.equals(q.answer())) {
        correct++;
      }
    }
    // exact: 2 of 3 right passes a mark of 66 but not of 67
    boolean passed = correct * 100L >= (long) check.passMark() * total;
    return new Grade(correct, total, correct * 100 / total, passed);
  }
}

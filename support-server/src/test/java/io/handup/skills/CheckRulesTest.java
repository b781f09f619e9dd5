package io.handup.skills;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.handup.system.ErrorCode;
import io.handup.system.Refused;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Grading of attempts and the shape a check must have. */
class CheckRulesTest {

  private static final long DAY = Duration.ofDays(1).toMillis();

  private static Check check(int passMark, Integer... answers) {
    List<Check.Question> questions =
        Arrays.stream(answers)
            .map(a -> new Check.Question("q", List.of("a", "b", "c"), a))
            .toList();
    return new Check("billing", "Billing", passMark, questions, 1, 0, "manager", "Manager");
  }

  @Test
  void allRightScoresAHundredAndPasses() {
    CheckRules.Grade grade = CheckRules.grade(check(80, 0, 2, 1), List.of(0, 2, 1));

    assertThat(grade).isEqualTo(new CheckRules.Grade(3, 3, 100, true));
  }

  @Test
  void scoreBelowThePassMarkFails() {
    CheckRules.Grade grade = CheckRules.grade(check(80, 0, 2, 1, 1, 0), List.of(0, 2, 1, 0, 1));

    assertThat(grade).isEqualTo(new CheckRules.Grade(3, 5, 60, false));
  }

  @Test
  void passMarkIsComparedExactlyNotAfterRounding() {
    // 2 of 3 is 66.67 %: it reaches a mark of 66 but not one of 67
    assertThat(CheckRules.grade(check(66, 0, 1, 2), List.of(0, 1, 0)).passed()).isTrue();
    assertThat(CheckRules.grade(check(67, 0, 1, 2), List.of(0, 1, 0)).passed()).isFalse();
    assertThat(CheckRules.grade(check(67, 0, 1, 2), List.of(0, 1, 0)).score()).isEqualTo(66);
  }

  @Test
  void answersMustBeOnePerQuestionAndAnOptionIndex() {
    assertThatThrownBy(() -> CheckRules.grade(check(50, 0, 1), List.of(0)))
        .isInstanceOfSatisfying(
            Refused.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_REQUEST))
        .hasMessageContaining("2 expected, 1 given");
    assertThatThrownBy(() -> CheckRules.grade(check(50, 0, 1), List.of(0, 3)))
        .hasMessageContaining("answers[1] must be an option index from 0 to 2");
    assertThatThrownBy(() -> CheckRules.grade(check(50, 0, 1), Arrays.asList(0, null)))
        .hasMessageContaining("answers[1]");
  }

  @Test
  void malformedCheckNamesEveryProblem() {
    Check.Form form =
        new Check.Form(
            " ",
            120,
            List.of(
                new Check.Question("Which?", List.of("only one"), 0),
                new Check.Question("Which?", List.of("a", "b"), 2)),
            null);

    assertThatThrownBy(() -> CheckRules.body(form))
        .isInstanceOfSatisfying(
            Refused.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_REQUEST))
        .hasMessageContaining("title is required")
        .hasMessageContaining("passMark must be a whole number from 1 to 100")
        .hasMessageContaining("questions[0].options: at least 2")
        .hasMessageContaining("questions[1].answer must be the index of one of its 2 options");
  }

  @Test
  void checkTextsAreTrimmed() {
    Check.Body body =
        CheckRules.body(
            new Check.Form(
                " Billing basics ",
                75,
                List.of(new Check.Question(" When? ", List.of(" now ", "later"), 1)),
                null));

    assertThat(body.title()).isEqualTo("Billing basics");
    assertThat(body.questions().get(0).text()).isEqualTo("When?");
    assertThat(body.questions().get(0).options()).containsExactly("now", "later");
  }

  @Test
  void topicHasTheShapeOfADirectorySkill() {
    assertThat(CheckRules.topic(" billing ")).isEqualTo("billing");
    assertThat(CheckRules.topic("电费")).isEqualTo("电费");
    assertThatThrownBy(() -> CheckRules.topic("bad:topic")).isInstanceOf(Refused.class);
    assertThatThrownBy(() -> CheckRules.topic("x".repeat(41))).isInstanceOf(Refused.class);
  }

  @Test
  void statusFollowsTheLatestResultAndItsAge() {
    Result passed = new Result("billing", true, 100, 3, 3, 0, 1);
    Result failed = new Result("billing", false, 33, 1, 3, 0, 1);
    long validity = 90 * DAY;

    assertThat(SkillStatus.of(false, null, 0, validity)).isEqualTo(SkillStatus.UNCHECKED);
    assertThat(SkillStatus.of(true, null, 0, validity)).isEqualTo(SkillStatus.UNTESTED);
    assertThat(SkillStatus.of(true, failed, DAY, validity)).isEqualTo(SkillStatus.FAILED);
    assertThat(SkillStatus.of(true, passed, 89 * DAY, validity)).isEqualTo(SkillStatus.VALID);
    assertThat(SkillStatus.of(true, passed, 90 * DAY, validity)).isEqualTo(SkillStatus.EXPIRED);
  }
}

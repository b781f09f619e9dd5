package io.handup.duty;

import java.util.List;

/** Shifts that were not imported, with every reason; answered as 400 with the list. */
final class ShiftsRejected extends RuntimeException {

  private final transient List<ShiftProblem> problems;

  ShiftsRejected(String message, List<ShiftProblem> problems) {
    super(message, null, false, false);
    this.problems = List.copyOf(problems);
  }

  List<ShiftProblem> problems() {
    return problems;
  }
}

package io.handup.admin;

import java.util.List;

/** Users that were not saved, with every reason; answered as 400 with the list. */
final class RosterRejected extends RuntimeException {

  private final transient List<RowProblem> problems;

  RosterRejected(String message, List<RowProblem> problems) {
    super(message, null, false, false);
    this.problems = List.copyOf(problems);
  }

  List<RowProblem> problems() {
    return problems;
  }
}

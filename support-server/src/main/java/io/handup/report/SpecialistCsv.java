package io.handup.report;

import java.util.List;

/** The specialists' table as CSV (RFC 4180, CRLF), one row per specialist. */
final class SpecialistCsv {

  static final List<String> HEADER =
      List.of(
          "specialistId",
          "specialistName",
          "handled",
          "resolved",
          "waitP50Seconds",
          "waitP90Seconds",
          "walkP50Seconds",
          "handleP50Seconds",
          "ratingMean",
          "ratingCount",
          "ratingBayesian",
          "ratingRank",
          "wrongFlags",
          "confirmedWrong",
          "confirmedWrongRate",
          "offersLapsed");

  private SpecialistCsv() {}

  static String header() {
    return String.join(",", HEADER) + "\r\n";
  }

  static String row(SpecialistFigures f) {
    return String.join(
            ",",
            Csv.text(f.specialistId()),
            Csv.text(f.specialistName()),
            String.valueOf(f.handled()),
            String.valueOf(f.resolved()),
            number(f.waitP50Seconds()),
            number(f.waitP90Seconds()),
            number(f.walkP50Seconds()),
            number(f.handleP50Seconds()),
            number(f.ratingMean()),
            String.valueOf(f.ratingCount()),
            number(f.ratingBayesian()),
            number(f.ratingRank()),
            String.valueOf(f.wrongFlags()),
            String.valueOf(f.confirmedWrong()),
            number(f.confirmedWrongRate()),
            String.valueOf(f.offersLapsed()))
        + "\r\n";
  }

  private static String number(Number n) {
    return n == null ? "" : n.toString();
  }
}

package io.handup.report;

import io.handup.request.HelpRequest;
import io.handup.system.Times;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** One CSV line per request (RFC 4180, CRLF), safe to open in a spreadsheet. */
final class Csv {

  static final List<String> HEADER =
      List.of(
          "id",
          "state",
          "agentId",
          "agentName",
          "seat",
          "topic",
          "urgent",
          "note",
          "specialistId",
          "specialistName",
          "raisedAt",
          "claimedAt",
          "arrivedAt",
          "resolvedAt",
          "cancelledAt",
          "expiredAt",
          "waitSeconds",
          "walkSeconds",
          "handleSeconds",
          "abandoned",
          "outcome",
          "resolveNote",
          "rated",
          "score",
          "wrong",
          "comment",
          "flagged",
          "flagReason");

  private Csv() {}

  static String header() {
    return String.join(",", HEADER) + "\r\n";
  }

  static String row(HelpRequest r) {
    List<String> cells = new ArrayList<>(HEADER.size());
    cells.add(text(r.id()));
    cells.add(r.state().name());
    cells.add(text(r.agentId()));
    cells.add(text(r.agentName()));
    cells.add(text(r.seat()));
    cells.add(text(r.topic()));
    cells.add(String.valueOf(r.urgent()));
    cells.add(text(r.note()));
    cells.add(text(r.specialistId()));
    cells.add(text(r.specialistName()));
    cells.add(orEmpty(Times.iso(r.raisedAt())));
    cells.add(orEmpty(Times.iso(r.claimedAt())));
    cells.add(orEmpty(Times.iso(r.arrivedAt())));
    cells.add(orEmpty(Times.iso(r.resolvedAt())));
    cells.add(orEmpty(Times.iso(r.cancelledAt())));
    cells.add(orEmpty(Times.iso(r.expiredAt())));
    cells.add(seconds(r.waitTime()));
    cells.add(seconds(r.walkTime()));
    cells.add(seconds(r.handleTime()));
    cells.add(String.valueOf(r.abandoned()));
    cells.add(r.outcome() == null ? "" : r.outcome().name());
    cells.add(text(r.resolveNote()));
    cells.add(String.valueOf(r.rated()));
    cells.add(r.score() == null ? "" : r.score().toString());
    cells.add(String.valueOf(r.wrong()));
    cells.add(text(r.comment()));
    cells.add(String.valueOf(r.flagged()));
    cells.add(text(r.flagReason()));
    return String.join(",", cells) + "\r\n";
  }

  /**
   * Text someone typed. A leading = + - @ (or tab, CR) would make a spreadsheet run it as a
   * formula, so such text gets a leading apostrophe; then it is quoted when it must be.
   */
  static String text(String value) {
    if (value == null || value.isEmpty()) {
      return "";
    }
    String safe = "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
    boolean quote =
        safe.indexOf(',') >= 0
            || safe.indexOf('"') >= 0
            || safe.indexOf('\n') >= 0
            || safe.indexOf('\r') >= 0;
    return quote ? '"' + safe.replace("\"", "\"\"") + '"' : safe;
  }

  private static String seconds(Duration duration) {
    return duration == null ? "" : String.valueOf(duration.toMillis() / 1000.0);
  }

  private static String orEmpty(String s) {
    return s == null ? "" : s;
  }
}

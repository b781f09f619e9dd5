package io.handup.report;

import io.handup.directory.User;
import io.handup.request.HelpRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Managers' reports of their own floor. Whole past days are read from the rollups ({@link
 * Rollups}); {@code exact=true} reads every request instead. Who may call them is set in
 * SecurityConfiguration (managers and admins); {@code from} and {@code to} are read by {@link
 * ReportRange}.
 */
@RestController
@RequestMapping("/api/reports")
class ReportController {

  private final Reports reports;

  ReportController(Reports reports) {
    this.reports = reports;
  }

  @GetMapping("/summary")
  Summary summary(
      @AuthenticationPrincipal User user,
      @RequestParam(required = false) String from,
      @RequestParam(required = false) String to,
      @RequestParam(defaultValue = "false") boolean exact) {
    return reports.summary(user.floor(), reports.range(from, to), exact);
  }

  @GetMapping("/specialists")
  SpecialistReport specialists(
      @AuthenticationPrincipal User user,
      @RequestParam(required = false) String from,
      @RequestParam(required = false) String to,
      @RequestParam(defaultValue = "false") boolean exact) {
    return reports.specialists(user.floor(), reports.range(from, to), exact);
  }

  /** Each day's figures and the control chart of the daily mean wait; one specialist's if set. */
  @GetMapping("/daily")
  DailyReport daily(
      @AuthenticationPrincipal User user,
      @RequestParam(required = false) String from,
      @RequestParam(required = false) String to,
      @RequestParam(required = false) String specialist,
      @RequestParam(defaultValue = "false") boolean exact) {
    return reports.daily(
        user.floor(),
        reports.range(from, to),
        specialist == null || specialist.isBlank() ? null : specialist,
        exact);
  }

  /** The range by hour of the day, with the staffing Erlang C asks for. */
  @GetMapping("/hourly")
  HourlyReport hourly(
      @AuthenticationPrincipal User user,
      @RequestParam(required = false) String from,
      @RequestParam(required = false) String to,
      @RequestParam(defaultValue = "false") boolean exact) {
    return reports.hourly(user.floor(), reports.range(from, to), exact);
  }

  @GetMapping("/topics")
  TopicReport topics(
      @AuthenticationPrincipal User user,
      @RequestParam(required = false) String from,
      @RequestParam(required = false) String to,
      @RequestParam(defaultValue = "10") int limit,
      @RequestParam(defaultValue = "false") boolean exact) {
    return reports.topics(
        user.floor(), reports.range(from, to), Math.max(1, Math.min(limit, 100)), exact);
  }

  @GetMapping("/specialists.csv")
  void specialistsCsv(
      @AuthenticationPrincipal User user,
      @RequestParam(required = false) String from,
      @RequestParam(required = false) String to,
      HttpServletResponse response)
      throws IOException {
    ReportRange range = reports.range(from, to);
    SpecialistReport report = reports.specialists(user.floor(), range, false);
    attachment(response, "handup-specialists-" + fileName(user.floor(), range));
    Writer out = response.getWriter();
    out.write(SpecialistCsv.header());
    for (SpecialistFigures f : report.specialists()) {
      out.write(SpecialistCsv.row(f));
    }
    out.flush();
  }

  /** Written as it is read, a day at a time, so a year's export never sits in memory whole. */
  @GetMapping("/export.csv")
  void export(
      @AuthenticationPrincipal User user,
      @RequestParam(required = false) String from,
      @RequestParam(required = false) String to,
      HttpServletResponse response)
      throws IOException {
    ReportRange range = reports.range(from, to);
    attachment(response, "handup-" + fileName(user.floor(), range));
    Writer out = response.getWriter();
    out.write(Csv.header());
    for (ReportRange day : range.days()) {
      for (HelpRequest request : reports.raised(user.floor(), day)) {
        out.write(Csv.row(request));
      }
      out.flush();
    }
  }

  private static void attachment(HttpServletResponse response, String name) {
    response.setContentType("text/csv");
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    response.setHeader(
        HttpHeaders.CONTENT_DISPOSITION,
        ContentDisposition.attachment().filename(name).build().toString());
  }

  /** {@code <floor>-<first day>-<last day>.csv} */
  private static String fileName(String floor, ReportRange range) {
    LocalDate first = LocalDate.ofInstant(range.from(), range.zone());
    LocalDate last = LocalDate.ofInstant(range.to().minusMillis(1), range.zone());
    return floor.replaceAll("[^A-Za-z0-9_-]", "_") + "-" + first + "-" + last + ".csv";
  }
}

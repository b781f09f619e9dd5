package io.handup.report;

import io.handup.directory.User;
import io.handup.request.Lifecycle;
import io.handup.system.ErrorCode;
import io.handup.system.Refused;
import java.time.LocalDate;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Answer quality: every rating with its comment and the review queue of answers flagged wrong
 * (managers and admins, as all of /api/reports), and a specialist's own aggregate rating ({@code
 * /api/reports/me}, the one report path SecurityConfiguration opens to specialists).
 */
@RestController
@RequestMapping("/api/reports")
class QualityController {

  /** How far back a specialist's own rating reaches when no range is given. */
  static final int OWN_RATING_DAYS = 30;

  private final Reports reports;
  private final Lifecycle lifecycle;

  QualityController(Reports reports, Lifecycle lifecycle) {
    this.reports = reports;
    this.lifecycle = lifecycle;
  }

  /**
   * Ratings come a page at a time; {@code cursor} is the nextCursor or previousCursor of a page.
   */
  @GetMapping("/ratings")
  RatingList ratings(
      @AuthenticationPrincipal User user,
      @RequestParam(required = false) String from,
      @RequestParam(required = false) String to,
      @RequestParam(required = false) String specialist,
      @RequestParam(required = false) Integer score,
      @RequestParam(defaultValue = "false") boolean wrong,
      @RequestParam(defaultValue = "false") boolean comment,
      @RequestParam(defaultValue = "50") int limit,
      @RequestParam(required = false) String cursor) {
    int offset;
    try {
      offset = cursor == null || cursor.isBlank() ? 0 : Integer.parseInt(cursor.trim());
    } catch (NumberFormatException e) {
      offset = -1;
    }
    if (offset < 0) {
      throw new Refused(ErrorCode.BAD_REQUEST, "cursor must be one a ratings page gave");
    }
    return reports.ratings(
        user.floor(),
        reports.range(from, to),
        specialist == null || specialist.isBlank() ? null : specialist,
        score,
        wrong,
        comment,
        offset,
        Math.max(1, Math.min(limit, Reports.MAX_LINES)));
  }

  @GetMapping("/reviews")
  ReviewQueue reviews(@AuthenticationPrincipal User user) {
    return reports.reviewQueue(user.floor());
  }

  /** Confirms or dismisses a flag, once, with the correction: one Lua step (review.lua). */
  @PostMapping("/reviews/{requestId}")
  ReviewQueue.Reviewed review(
      @AuthenticationPrincipal User user,
      @PathVariable String requestId,
      @RequestBody ReviewQueue.Decision decision) {
    if (decision == null
        || !("CONFIRMED".equals(decision.verdict()) || "DISMISSED".equals(decision.verdict()))) {
      throw new Refused(ErrorCode.BAD_REQUEST, "verdict must be CONFIRMED or DISMISSED");
    }
    lifecycle.review(
        user, requestId, "CONFIRMED".equals(decision.verdict()), decision.correction());
    return reports.reviewed(user.floor(), requestId);
  }

  /** The specialist's own rating over the range, by default the last 30 days. */
  @GetMapping("/me")
  MyRating me(
      @AuthenticationPrincipal User user,
      @RequestParam(required = false) String from,
      @RequestParam(required = false) String to) {
    ReportRange range = reports.range(from, to);
    if (from == null || from.isBlank()) {
      LocalDate last = LocalDate.ofInstant(range.to().minusMillis(1), range.zone());
      range = reports.range(last.minusDays(OWN_RATING_DAYS - 1).toString(), last.toString());
    }
    return reports.mine(user, range);
  }
}

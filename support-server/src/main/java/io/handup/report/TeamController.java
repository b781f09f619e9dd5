package io.handup.report;

import io.handup.directory.Role;
import io.handup.directory.User;
import io.handup.system.ErrorCode;
import io.handup.system.Refused;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Agents' teams in aggregate, and coaching prompts. SecurityConfiguration opens these to leads as
 * well as managers and admins; a lead always gets their own team and nothing else, so asking for
 * help never shows up on a boss's screen as a request, a time or a note.
 */
@RestController
@RequestMapping("/api/reports/team")
class TeamController {

  private final Reports reports;

  TeamController(Reports reports) {
    this.reports = reports;
  }

  @GetMapping("/summary")
  TeamReport summary(
      @AuthenticationPrincipal User user,
      @RequestParam(required = false) String from,
      @RequestParam(required = false) String to,
      @RequestParam(required = false) String team) {
    return reports.teams(user.floor(), reports.range(from, to), teamOf(user, team));
  }

  @GetMapping("/coaching")
  CoachingReport coaching(
      @AuthenticationPrincipal User user,
      @RequestParam(required = false) String week,
      @RequestParam(required = false) String team) {
    return reports.coaching(user.floor(), week, teamOf(user, team));
  }

  /** Managers may pick a team (null: all); a lead gets their own and may ask for no other. */
  private static String teamOf(User user, String asked) {
    String team = asked == null || asked.isBlank() ? null : asked;
    if (user.hasAny(Role.MANAGER, Role.ADMIN)) {
      return team;
    }
    if (!user.has(Role.LEAD)) {
      throw new Refused(ErrorCode.FORBIDDEN, "Only leads and managers see team figures");
    }
    if (team != null && !team.equals(user.id())) {
      throw new Refused(ErrorCode.FORBIDDEN, "A lead sees their own team only");
    }
    return user.id();
  }
}

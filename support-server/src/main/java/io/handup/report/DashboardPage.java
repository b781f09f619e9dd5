package io.handup.report;

import io.handup.directory.Role;
import io.handup.directory.User;
import io.handup.system.HandupSettings;
import io.handup.system.LiveSettings;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.server.ResponseStatusException;

/**
 * The managers' dashboard page ({@code static/dashboard/}). Managers and admins see it whole, leads
 * only their team's part; the page asks {@code /dashboard/session} which part to draw, and the API
 * enforces the same split on every call.
 */
@Controller
class DashboardPage {

  private final HandupSettings settings;
  private final ReportSettings reportSettings;
  private final LiveSettings live;
  private final Clock clock;

  DashboardPage(
      HandupSettings settings, ReportSettings reportSettings, LiveSettings live, Clock clock) {
    this.settings = settings;
    this.live = live;
    this.reportSettings = reportSettings;
    this.clock = clock;
  }

  @GetMapping({"/dashboard", "/dashboard/"})
  String page(@AuthenticationPrincipal User user) {
    view(user);
    return "forward:/dashboard/index.html";
  }

  @GetMapping("/dashboard/session")
  @ResponseBody
  ResponseEntity<Session> session(@AuthenticationPrincipal User user) {
    return ResponseEntity.ok()
        .cacheControl(CacheControl.noStore())
        .body(
            new Session(
                user.id(),
                user.name(),
                user.roles().stream().map(Enum::name).sorted().toList(),
                view(user),
                settings.timeZone().getId(),
                LocalDate.now(clock.withZone(settings.timeZone())).toString(),
                live.serviceLevelTarget().toMillis() / 1000.0,
                reportSettings.serviceLevelShare(),
                reportSettings.ratingPriorWeight()));
  }

  /** {@code manager} (everything) or {@code lead} (their team); anyone else is refused. */
  private static String view(User user) {
    if (user != null && user.hasAny(Role.MANAGER, Role.ADMIN)) {
      return "manager";
    }
    if (user != null && user.has(Role.LEAD)) {
      return "lead";
    }
    throw new ResponseStatusException(HttpStatus.FORBIDDEN, "The dashboard is for managers");
  }

  /** What the page needs before its first report call. */
  record Session(
      String id,
      String name,
      List<String> roles,
      String view,
      String timeZone,
      String today,
      double serviceLevelTargetSeconds,
      double serviceLevelShare,
      int ratingPriorWeight) {}
}

package io.handup.admin;

import io.handup.directory.User;
import io.handup.directory.UserCard;
import io.handup.system.HandupSettings;
import java.time.Clock;
import java.time.LocalDate;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * The admin page ({@code static/admin/}); SecurityConfiguration lets only administrators reach
 * {@code /admin/**}. The page calls {@code /api/admin/**} with its session cookie.
 */
@Controller
class AdminPage {

  private final HandupSettings settings;
  private final Clock clock;

  AdminPage(HandupSettings settings, Clock clock) {
    this.settings = settings;
    this.clock = clock;
  }

  @GetMapping({"/admin", "/admin/"})
  String page() {
    return "forward:/admin/index.html";
  }

  /** Who is signed in, today in the reports' zone, and the token the sign-out form posts. */
  @GetMapping("/admin/session")
  @ResponseBody
  ResponseEntity<Session> session(@AuthenticationPrincipal User user, CsrfToken csrf) {
    return ResponseEntity.ok()
        .cacheControl(CacheControl.noStore())
        .body(
            new Session(
                UserCard.of(user),
                settings.timeZone().getId(),
                LocalDate.now(clock.withZone(settings.timeZone())).toString(),
                new Csrf(csrf.getParameterName(), csrf.getToken())));
  }

  record Csrf(String parameterName, String token) {}

  record Session(UserCard user, String timeZone, String today, Csrf csrf) {}
}

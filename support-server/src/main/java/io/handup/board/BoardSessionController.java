package io.handup.board;

import io.handup.directory.User;
import io.handup.directory.UserCard;
import io.handup.security.Tokens;
import io.handup.system.LiveSettings;
import java.time.Clock;
import java.time.Instant;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /board/session}: what the signed-in board page needs before it opens the socket. The
 * bearer token lets it say hello again after its node restarts (the session lives in one node's
 * memory, the token's key in Redis); the server time lets it run waiting clocks on the server's
 * clock rather than the tablet's.
 */
@RestController
class BoardSessionController {

  private final Tokens tokens;
  private final LiveSettings settings;
  private final Clock clock;

  BoardSessionController(Tokens tokens, LiveSettings settings, Clock clock) {
    this.tokens = tokens;
    this.settings = settings;
    this.clock = clock;
  }

  @GetMapping("/board/session")
  ResponseEntity<BoardSession> session(Authentication authentication, CsrfToken csrf) {
    if (authentication == null || !(authentication.getPrincipal() instanceof User user)) {
      return ResponseEntity.status(401).build();
    }
    Tokens.Issued issued = tokens.issue(user);
    return ResponseEntity.ok()
        .cacheControl(CacheControl.noStore())
        .body(
            new BoardSession(
                UserCard.of(user),
                user.seat(),
                issued.token(),
                issued.expiresAt(),
                clock.instant(),
                settings.serviceLevelTarget().toMillis(),
                settings.offerTimeout().toMillis(),
                new Csrf(csrf.getParameterName(), csrf.getToken())));
  }

  /** The form field and value a page posts back with {@code /logout}. */
  record Csrf(String parameterName, String token) {}

  record BoardSession(
      UserCard user,
      String seat,
      String token,
      Instant expiresAt,
      Instant serverTime,
      long serviceLevelTargetMs,
      long offerTimeoutMs,
      Csrf csrf) {}
}

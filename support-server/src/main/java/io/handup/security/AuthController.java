package io.handup.security;

import io.handup.directory.User;
import io.handup.directory.UserCard;
import io.handup.system.ErrorCode;
import io.handup.system.Refused;
import java.time.Instant;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/auth/token}: a token for a password, or for any user with an API key. */
@RestController
class AuthController {

  private static final String API_KEY = "ApiKey ";

  private final SignIn signIn;
  private final Tokens tokens;

  AuthController(SignIn signIn, Tokens tokens) {
    this.signIn = signIn;
    this.tokens = tokens;
  }

  @PostMapping("/api/auth/token")
  TokenResponse token(
      @RequestHeader(name = "Authorization", required = false) String authorization,
      @RequestBody Credentials credentials) {
    User user =
        authorization != null && authorization.startsWith(API_KEY)
            ? signIn.withApiKey(
                authorization.substring(API_KEY.length()).trim(), credentials.username())
            : signIn.withPassword(
                credentials.username(), credentials.password(), SignInAttempt.PASSWORD);
    Tokens.Issued issued = tokens.issue(user);
    return new TokenResponse(issued.token(), issued.expiresAt(), UserCard.of(user));
  }

  /**
   * {@code POST /api/auth/refresh}: a fresh token for the holder of a valid one, so a widget the
   * agent signed in to stays signed in through a long shift without asking for the password.
   */
  @PostMapping("/api/auth/refresh")
  TokenResponse refresh(@AuthenticationPrincipal User user) {
    if (user == null) {
      throw new Refused(ErrorCode.UNAUTHENTICATED, "Send the token to renew");
    }
    Tokens.Issued issued = tokens.issue(user);
    return new TokenResponse(issued.token(), issued.expiresAt(), UserCard.of(user));
  }

  record Credentials(String username, String password) {}

  record TokenResponse(String token, Instant expiresAt, UserCard user) {}
}

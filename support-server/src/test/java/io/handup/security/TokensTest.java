package io.handup.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.handup.directory.Role;
import io.handup.directory.User;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** Signed, expiring tokens, with the clock held still. */
class TokensTest {

  private static final Instant NOW = Instant.parse("2026-03-02T08:00:00.250Z");
  private static final Duration SHIFT = Duration.ofHours(8);
  private static final String SECRET = "a-test-secret-of-enough-length-0123456789";
  private static final User AGENT = user("agent-7");

  private final Tokens tokens = tokensAt(NOW, SECRET);

  @Test
  void issuedTokenNamesItsUserUntilItExpires() {
    Tokens.Issued issued = tokens.issue(AGENT);

    assertThat(issued.expiresAt()).isEqualTo(Instant.parse("2026-03-02T16:00:00Z"));
    assertThat(tokens.verify(issued.token())).contains("agent-7");
    assertThat(tokensAt(issued.expiresAt().minusSeconds(1), SECRET).verify(issued.token()))
        .contains("agent-7");
  }

  @Test
  void expiredTokenIsRefused() {
    String token = tokens.issue(AGENT).token();

    assertThat(tokensAt(NOW.plus(SHIFT).minusMillis(250), SECRET).verify(token))
        .as("at its expiry")
        .isEmpty();
    assertThat(tokensAt(NOW.plus(Duration.ofDays(3)), SECRET).verify(token)).isEmpty();
  }

  @Test
  void tokenWithAnotherUserWrittenIntoItIsRefused() {
    String[] parts = tokens.issue(AGENT).token().split("\\.");
    String forged = String.join(".", parts[0], b64("manager"), parts[2], parts[3]);

    assertThat(tokens.verify(forged)).isEmpty();
  }

  @Test
  void tokenWithALaterExpiryWrittenIntoItIsRefused() {
    String[] parts = tokens.issue(AGENT).token().split("\\.");
    long later = Long.parseLong(parts[2]) + 86_400;
    String forged = String.join(".", parts[0], parts[1], String.valueOf(later), parts[3]);

    assertThat(tokens.verify(forged)).isEmpty();
  }

  @Test
  void tokenWithATamperedSignatureIsRefused() {
    String token = tokens.issue(AGENT).token();
    char last = token.charAt(token.length() - 1);
    String flipped = token.substring(0, token.length() - 1) + (last == 'A' ? 'B' : 'A');

    assertThat(tokens.verify(flipped)).isEmpty();
    assertThat(tokens.verify(token.substring(0, token.lastIndexOf('.') + 1))).isEmpty();
    assertThat(tokens.verify(token + ".extra")).isEmpty();
  }

  @Test
  void tokenSignedWithAnotherSecretIsRefused() {
    String foreign = tokensAt(NOW, "some-other-secret-entirely").issue(AGENT).token();

    assertThat(tokens.verify(foreign)).isEmpty();
  }

  @Test
  void tokenOfAnotherVersionIsRefused() {
    String token = tokens.issue(AGENT).token();

    assertThat(tokens.verify("v2" + token.substring(2))).isEmpty();
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"garbage", "v1", "v1...", "v1.!!.1.x", "Bearer x", "v1.YQ.notanumber.x"})
  void malformedTokenIsRefusedWithoutAnError(String token) {
    assertThat(tokens.verify(token)).isEmpty();
  }

  @Test
  void tokensFromOneNodeAreGoodOnAnotherWithTheSameSecret() {
    String token = tokens.issue(AGENT).token();

    assertThat(tokensAt(NOW.plusSeconds(60), SECRET).verify(token)).contains("agent-7");
  }

  @Test
  void userIdsOutsideAsciiSurviveTheRoundTrip() {
    String token = tokens.issue(user("agent-José.Øre")).token();

    assertThat(tokens.verify(token)).contains("agent-José.Øre");
  }

  private static Tokens tokensAt(Instant now, String secret) {
    SecuritySettings settings = new SecuritySettings(secret, SHIFT, 3, Duration.ofMinutes(5));
    // with a configured secret Tokens never touches Redis
    return new Tokens(settings, Clock.fixed(now, ZoneOffset.UTC), null);
  }

  private static User user(String id) {
    return new User(id, id, Set.of(Role.AGENT), null, null, "", "demo", Set.of());
  }

  private static String b64(String text) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }
}

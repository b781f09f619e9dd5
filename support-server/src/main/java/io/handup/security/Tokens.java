package io.handup.security;

import io.handup.directory.User;
import io.handup.system.Keys;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.SetParams;

/**
 * Signed, expiring bearer tokens: {@code v1.<user id, base64url>.<expiry, epoch s>.<HMAC-SHA256>}.
 * Every node signs with the same key, so a token from one node is good on all.
 */
@Component
public class Tokens {

  private static final String VERSION = "v1";
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder B64D = Base64.getUrlDecoder();

  private final SecuritySettings settings;
  private final Clock clock;
  private final SecretKeySpec key;

  Tokens(SecuritySettings settings, Clock clock, UnifiedJedis jedis) {
    this.settings = settings;
    this.clock = clock;
    this.key = new SecretKeySpec(secret(settings, jedis), "HmacSHA256");
  }

  /** A token for the user, valid for the configured time to live. */
  public Issued issue(User user) {
    Instant expiresAt = clock.instant().plus(settings.tokenTtl()).truncatedTo(ChronoUnit.SECONDS);
    String body =
        VERSION
            + "."
            + B64.encodeToString(user.id().getBytes(StandardCharsets.UTF_8))
            + "."
            + expiresAt.getEpochSecond();
    return new Issued(body + "." + sign(body), expiresAt);
  }

  /** The user id a valid, unexpired token was issued to. */
  public Optional<String> verify(String token) {
    if (token == null) {
      return Optional.empty();
    }
    String[] parts = token.split("\\.");
    if (parts.length != 4 || !VERSION.equals(parts[0])) {
      return Optional.empty();
    }
    String body = parts[0] + "." + parts[1] + "." + parts[2];
    byte[] expected = sign(body).getBytes(StandardCharsets.US_ASCII);
    if (!MessageDigest.isEqual(expected, parts[3].getBytes(StandardCharsets.US_ASCII))) {
      return Optional.empty();
    }
    try {
      if (Long.parseLong(parts[2]) <= clock.instant().getEpochSecond()) {
        return Optional.empty();
      }
      return Optional.of(new String(B64D.decode(parts[1]), StandardCharsets.UTF_8));
    } catch (IllegalArgumentException malformed) {
      return Optional.empty();
    }
  }

  private String sign(String body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      return B64.encodeToString(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }

  private static byte[] secret(SecuritySettings settings, UnifiedJedis jedis) {
    if (settings.tokenSecret() != null && !settings.tokenSecret().isBlank()) {
      return settings.tokenSecret().getBytes(StandardCharsets.UTF_8);
    }
    byte[] random = new byte[32];
    new SecureRandom().nextBytes(random);
    // the first node to start picks the key; the others read it
    jedis.set(Keys.tokenSecret(), B64.encodeToString(random), SetParams.setParams().nx());
    return B64D.decode(jedis.get(Keys.tokenSecret()));
  }

  /** A token and when it stops being accepted. */
  public record Issued(String token, Instant expiresAt) {}
}

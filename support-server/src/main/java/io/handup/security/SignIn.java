package io.handup.security;

import io.handup.directory.Directory;
import io.handup.directory.User;
import io.handup.system.ErrorCode;
import io.handup.system.Keys;
import io.handup.system.Refused;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import redis.clients.jedis.UnifiedJedis;

/**
 * Checks who someone is: a password, throttled per username across all nodes, or an integration's
 * API key.
 */
@Component
class SignIn {

  private final Directory directory;
  private final PasswordEncoder passwords;
  private final UnifiedJedis jedis;
  private final SecuritySettings settings;
  private final IntegrationSettings integrations;
  private final ApplicationEventPublisher events;
  // checked when the user does not exist, so that a wrong name takes as long as a wrong password
  // and does not tell which names exist
  private final String unknownUserHash;

  SignIn(
      Directory directory,
      PasswordEncoder passwords,
      UnifiedJedis jedis,
      SecuritySettings settings,
      IntegrationSettings integrations,
      ApplicationEventPublisher events) {
    this.directory = directory;
    this.passwords = passwords;
    this.jedis = jedis;
    this.settings = settings;
    this.integrations = integrations;
    this.events = events;
    this.unknownUserHash = passwords.encode(UUID.randomUUID().toString());
  }

  /**
   * Checks a password; {@code method} says where it was typed ({@link SignInAttempt#PASSWORD} or
   * {@link SignInAttempt#FORM}) for the audit.
   */
  User withPassword(String username, String password, String method) {
    try {
      User user = checkPassword(username, password);
      events.publishEvent(new SignInAttempt(username, method, true, null));
      return user;
    } catch (Refused e) {
      events.publishEvent(new SignInAttempt(username, method, false, e.getMessage()));
      throw e;
    }
  }

  User withApiKey(String apiKey, String username) {
    try {
      User user = checkApiKey(apiKey, username);
      events.publishEvent(new SignInAttempt(username, SignInAttempt.API_KEY, true, null));
      return user;
    } catch (Refused e) {
      events.publishEvent(
          new SignInAttempt(username, SignInAttempt.API_KEY, false, e.getMessage()));
      throw e;
    }
  }

  private User checkPassword(String username, String password) {
    if (username == null || username.isBlank() || password == null) {
      throw new Refused(ErrorCode.BAD_REQUEST, "username and password are required");
    }
    String failures = Keys.failedLogins(username);
    // count the attempt before checking it: read-then-check would let guesses sent all at once
    // through before the first failure is counted
    long attempt = jedis.incr(failures);
    if (attempt == 1) {
      jedis.expire(failures, settings.lockout().toSeconds());
    }
    if (attempt > settings.maxFailedLogins()) {
      long ttl = jedis.ttl(failures);
      if (ttl < 0) {
        // the expiry of the first attempt was lost: never lock anyone out for good
        jedis.expire(failures, settings.lockout().toSeconds());
        ttl = settings.lockout().toSeconds();
      }
      throw new Refused(
          ErrorCode.RATE_LIMITED,
          "Too many failed sign-ins for " + username + "; try again in " + Math.max(1, ttl) + " s");
    }
    String hash = directory.passwordHash(username).orElse(unknownUserHash);
    boolean matches = passwords.matches(password, hash);
    if (matches) {
      User user = directory.find(username).orElse(null);
      if (user != null) {
        jedis.del(failures);
        if (directory.isDisabled(user.id())) {
          throw new Refused(ErrorCode.UNAUTHENTICATED, "Your account was disabled");
        }
        return user;
      }
    }
    throw new Refused(ErrorCode.UNAUTHENTICATED, "Wrong username or password");
  }

  private User checkApiKey(String apiKey, String username) {
    byte[] given = apiKey.getBytes(StandardCharsets.UTF_8);
    boolean known =
        integrations.apiKeys().stream()
            .filter(k -> !k.isBlank())
            .anyMatch(k -> MessageDigest.isEqual(k.getBytes(StandardCharsets.UTF_8), given));
    if (!known) {
      throw new Refused(ErrorCode.UNAUTHENTICATED, "Unknown API key");
    }
    if (username == null || username.isBlank()) {
      throw new Refused(ErrorCode.BAD_REQUEST, "username is required");
    }
    User user =
        directory
            .find(username)
            .orElseThrow(() -> new Refused(ErrorCode.NOT_FOUND, "No user " + username));
    if (directory.isDisabled(user.id())) {
      throw new Refused(ErrorCode.UNAUTHENTICATED, "The account " + username + " is disabled");
    }
    return user;
  }
}

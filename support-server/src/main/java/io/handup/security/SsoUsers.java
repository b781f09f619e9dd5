package io.handup.security;

import io.handup.directory.Directory;
import io.handup.directory.Role;
import io.handup.directory.User;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Who a company account is in Handup: the directory user with the id the provider names, else the
 * one with its verified e-mail address; with their roles taken from the provider's groups when a
 * mapping is set. Every answer, yes or no, is published for the audit like a password sign-in.
 */
@Component
class SsoUsers {

  /** Why a company account was refused; the sign-in page says each in the user's language. */
  enum Refusal {
    UNKNOWN("unknown"),
    AMBIGUOUS("ambiguous"),
    DISABLED("disabled"),
    NO_ROLE("no-role"),
    FAILED("failed");

    final String code;

    Refusal(String code) {
      this.code = code;
    }
  }

  /** A refused sign-in; the message is for the audit and the log, never shown raw. */
  static final class Refused extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final Refusal refusal;

    Refused(Refusal refusal, String message) {
      super(message);
      this.refusal = refusal;
    }
  }

  private final Directory directory;
  private final SsoSettings settings;
  private final ApplicationEventPublisher events;

  SsoUsers(Directory directory, SsoSettings settings, ApplicationEventPublisher events) {
    this.directory = directory;
    this.settings = settings;
    this.events = events;
  }

  /** The Handup user the claims name, their roles brought in line with the provider's. */
  User signIn(Map<String, Object> claims) {
    String claimed = describe(claims);
    try {
      User user = match(claims);
      if (directory.isDisabled(user.id())) {
        throw new Refused(Refusal.DISABLED, "The account " + user.id() + " is disabled");
      }
      if (settings.mapsRoles()) {
        user = withMappedRoles(user, claims);
      }
      events.publishEvent(new SignInAttempt(user.id(), SignInAttempt.OIDC, true, null));
      return user;
    } catch (Refused e) {
      events.publishEvent(new SignInAttempt(claimed, SignInAttempt.OIDC, false, e.getMessage()));
      throw e;
    }
  }

  /** A sign-in that failed before anyone was matched: the provider refused, or its answer did. */
  void failed(String reason) {
    events.publishEvent(new SignInAttempt("", SignInAttempt.OIDC, false, reason));
  }

  private User match(Map<String, Object> claims) {
    String id = text(claims.get(settings.userClaim()));
    Optional<User> byId = directory.find(id);
    if (byId.isPresent()) {
      return byId.get();
    }
    String email = emailOf(claims);
    if (email != null) {
      List<User> byEmail = directory.withEmail(email);
      if (byEmail.size() == 1) {
        return byEmail.get(0);
      }
      if (byEmail.size() > 1) {
        throw new Refused(
            Refusal.AMBIGUOUS,
            byEmail.size() + " users have the e-mail address " + email + "; give each their own");
      }
    }
    throw new Refused(
        Refusal.UNKNOWN,
        "No user "
            + (id == null ? "" : id)
            + (email == null ? "" : " or with the e-mail address " + email)
            + " in the directory");
  }

  private String emailOf(Map<String, Object> claims) {
    if (settings.emailClaim() == null || settings.emailClaim().isBlank()) {
      return null;
    }
    String email = text(claims.get(settings.emailClaim()));
    if (email == null) {
      return null;
    }
    Object verified = claims.get("email_verified");
    boolean isVerified =
        Boolean.TRUE.equals(verified) || "true".equalsIgnoreCase(String.valueOf(verified));
    return isVerified || !settings.requireVerifiedEmail() ? email : null;
  }

  private User withMappedRoles(User user, Map<String, Object> claims) {
    Set<Role> roles = rolesFrom(claims.get(settings.rolesClaim()), settings.roleMapping());
    if (roles.isEmpty()) {
      throw new Refused(
          Refusal.NO_ROLE,
          "None of the values of the "
              + settings.rolesClaim()
              + " claim gives "
              + user.id()
              + " a Handup role");
    }
    if (roles.equals(user.roles())) {
      return user;
    }
    User changed = user.withRoles(roles);
    // the directory is what tokens, sockets and the dispatcher read, so the provider's roles are
    // written there rather than kept with this session only
    directory.saveAll(List.of(changed), Map.of());
    events.publishEvent(new SsoRolesChanged(user, changed, settings.rolesClaim()));
    return changed;
  }

  /** The roles the values of the roles claim map to; values without a mapping give none. */
  static Set<Role> rolesFrom(Object claim, Map<String, Set<Role>> mapping) {
    Set<Role> roles = EnumSet.noneOf(Role.class);
    values(claim).forEach(v -> roles.addAll(mapping.getOrDefault(v, Set.of())));
    return roles;
  }

  /** A claim as a list of values: a JSON array, or one string separated by spaces or commas. */
  static List<String> values(Object claim) {
    if (claim == null) {
      return List.of();
    }
    if (claim instanceof Collection<?> many) {
      return many.stream().map(String::valueOf).map(String::trim).toList();
    }
    return Arrays.stream(String.valueOf(claim).split("[\\s,]+")).filter(s -> !s.isEmpty()).toList();
  }

  /** Who the account says it is, for the audit of a refusal. */
  private String describe(Map<String, Object> claims) {
    return Arrays.stream(new Object[] {claims.get(settings.userClaim()), emailOrNull(claims)})
        .map(SsoUsers::text)
        .filter(s -> s != null)
        .findFirst()
        .orElseGet(() -> String.valueOf(claims.getOrDefault("sub", "")));
  }

  private Object emailOrNull(Map<String, Object> claims) {
    return settings.emailClaim() == null || settings.emailClaim().isBlank()
        ? null
        : claims.get(settings.emailClaim());
  }

  private static String text(Object value) {
    if (value == null) {
      return null;
    }
    String s = String.valueOf(value).trim();
    return s.isEmpty() ? null : s;
  }
}

package io.handup.security;

import io.handup.directory.Role;
import jakarta.validation.constraints.NotBlank;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Single sign-on with OpenID Connect, under {@code handup.sso.*}. The provider itself is set with
 * Spring's {@code spring.security.oauth2.client.registration.<registration>.*} and {@code
 * spring.security.oauth2.client.provider.<registration>.*}.
 *
 * @param enabled off unless set: local passwords only
 * @param registration which client registration the sign-in button uses
 * @param userClaim the claim holding the Handup user id
 * @param emailClaim the claim holding the e-mail address a user is matched by when no user has the
 *     id; blank never matches by e-mail
 * @param requireVerifiedEmail match by e-mail only when the provider says the address is verified
 *     ({@code email_verified}); a provider that lets users type any address would otherwise let
 *     them sign in as someone else
 * @param rolesClaim the claim (a list, or one string of values separated by spaces or commas) whose
 *     values map to roles; unset keeps the roles of the directory
 * @param roleMapping claim value to the Handup roles it gives
 */
@ConfigurationProperties("handup.sso")
@Validated
record SsoSettings(
    @DefaultValue("false") boolean enabled,
    @DefaultValue("company") @NotBlank String registration,
    @DefaultValue("preferred_username") @NotBlank String userClaim,
    @DefaultValue("email") String emailClaim,
    @DefaultValue("true") boolean requireVerifiedEmail,
    String rolesClaim,
    Map<String, Set<Role>> roleMapping) {

  SsoSettings {
    roleMapping = roleMapping == null ? Map.of() : Map.copyOf(roleMapping);
  }

  boolean mapsRoles() {
    return rolesClaim != null && !rolesClaim.isBlank();
  }
}

package io.handup.security;

import io.handup.directory.User;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Arrays;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.context.DelegatingSecurityContextRepository;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.stereotype.Component;

/**
 * Single sign-on with the company's OpenID Connect provider, beside local passwords. Off unless
 * {@code handup.sso.enabled}; then the sign-in page shows a button that starts it, and a company
 * account that matches a directory user gets the same session a password gives: the session holds
 * the Handup {@link User}, so {@code /}, the pages and {@code /board/session} work as they do for
 * passwords.
 */
@Component
public class SingleSignOn {

  private static final Logger log = LoggerFactory.getLogger(SingleSignOn.class);
  private static final String REFUSAL = "handup_";

  private final SsoSettings settings;
  private final SsoUsers users;
  private final ClientRegistrationRepository registrations;
  private final OidcUserService oidcUsers = new OidcUserService();
  private final SecurityContextRepository contexts =
      new DelegatingSecurityContextRepository(
          new RequestAttributeSecurityContextRepository(),
          new HttpSessionSecurityContextRepository());

  SingleSignOn(
      SsoSettings settings,
      SsoUsers users,
      ObjectProvider<ClientRegistrationRepository> registrations) {
    this.settings = settings;
    this.users = users;
    this.registrations = settings.enabled() ? registrations.getIfAvailable() : null;
    if (settings.enabled()) {
      checkRegistration();
    }
  }

  /** Where the sign-in button sends the browser, when single sign-on is on. */
  public Optional<String> startPath() {
    return settings.enabled()
        ? Optional.of("/oauth2/authorization/" + settings.registration())
        : Optional.empty();
  }

  /**
   * Whether {@code code} (the {@code sso} parameter of {@code /login}) names a reason the sign-in
   * page knows how to say.
   */
  public static boolean isRefusal(String code) {
    return Arrays.stream(SsoUsers.Refusal.values()).anyMatch(r -> r.code.equals(code));
  }

  void configure(HttpSecurity http) throws Exception {
    if (!settings.enabled()) {
      return;
    }
    http.oauth2Login(
        login ->
            login
                .clientRegistrationRepository(registrations)
                // our bilingual page, not Spring's generated one nor a straight jump to the
                // provider
                .loginPage("/login")
                .userInfoEndpoint(info -> info.oidcUserService(this::loadUser))
                .successHandler(this::signedIn)
                .failureHandler(this::refused));
  }

  private OidcUser loadUser(OidcUserRequest request) {
    OidcUser account = oidcUsers.loadUser(request);
    try {
      return new Matched(account, users.signIn(account.getClaims()));
    } catch (SsoUsers.Refused e) {
      throw new OAuth2AuthenticationException(
          new OAuth2Error(REFUSAL + e.refusal.code, e.getMessage(), null), e.getMessage());
    }
  }

  /** The session holds the Handup user, as after a password, not the provider's account. */
  private void signedIn(
      HttpServletRequest request, HttpServletResponse response, Authentication authentication)
      throws IOException, jakarta.servlet.ServletException {
    User user = ((Matched) authentication.getPrincipal()).user;
    SecurityContext context = SecurityContextHolder.createEmptyContext();
    context.setAuthentication(SecurityConfiguration.authenticated(user));
    SecurityContextHolder.setContext(context);
    contexts.saveContext(context, request, response);
    // "/" sends each role to its page, as after a password
    new SavedRequestAwareAuthenticationSuccessHandler()
        .onAuthenticationSuccess(request, response, context.getAuthentication());
  }

  private void refused(
      HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
      throws IOException {
    String code = SsoUsers.Refusal.FAILED.code;
    if (e instanceof OAuth2AuthenticationException oauth
        && oauth.getError().getErrorCode().startsWith(REFUSAL)) {
      code = oauth.getError().getErrorCode().substring(REFUSAL.length());
    } else {
      // the provider said no, or the answer could not be checked: nobody was matched yet
      log.info("Single sign-on failed: {}", e.getMessage());
      users.failed(e.getMessage());
    }
    response.sendRedirect("/login?error&sso=" + code);
  }

  private void checkRegistration() {
    if (registrations == null) {
      throw new IllegalStateException(
          "handup.sso.enabled is set but no spring.security.oauth2.client.registration is");
    }
    ClientRegistration registration = registrations.findByRegistrationId(settings.registration());
    if (registration == null) {
      throw new IllegalStateException(
          "handup.sso.registration="
              + settings.registration()
              + " names no spring.security.oauth2.client.registration");
    }
    if (!registration.getScopes().contains(OidcScopes.OPENID)) {
      throw new IllegalStateException(
          "The single sign-on registration "
              + settings.registration()
              + " needs the openid scope: Handup signs in with OpenID Connect");
    }
  }

  /** A company account and the Handup user it was matched to, until the session takes the user. */
  private static final class Matched extends DefaultOidcUser {
    private static final long serialVersionUID = 1L;
    private final transient User user;

    Matched(OidcUser account, User user) {
      super(account.getAuthorities(), account.getIdToken(), account.getUserInfo());
      this.user = user;
    }
  }
}

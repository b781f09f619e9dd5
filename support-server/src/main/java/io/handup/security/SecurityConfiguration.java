package io.handup.security;

import io.handup.directory.Directory;
import io.handup.directory.Role;
import io.handup.directory.User;
import io.handup.system.ErrorCode;
import io.handup.system.LiveSettings;
import io.handup.system.Refused;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collection;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;

/**
 * Which role reaches which URL. API calls carry a bearer token and get JSON errors; pages use form
 * login with a session. Finer checks (ownership, one role per frame) live with each feature.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

  private static final RequestMatcher API =
      PathPatternRequestMatcher.withDefaults().matcher("/api/**");

  @Bean
  SecurityFilterChain handupSecurity(
      HttpSecurity http, Tokens tokens, Directory directory, SingleSignOn singleSignOn)
      throws Exception {
    http.csrf(csrf -> csrf.ignoringRequestMatchers("/api/**", "/ws"))
        .cors(Customizer.withDefaults())
        .authorizeHttpRequests(
            auth ->
                auth.requestMatchers("/actuator/health", "/actuator/health/**")
                    .permitAll()
                    .requestMatchers(HttpMethod.POST, "/api/auth/token")
                    .permitAll()
                    .requestMatchers(
                        "/login", "/ui/**", "/widget/**", "/ws", "/error", "/favicon.ico")
                    .permitAll()
                    // the API's shape, not its data: see application.properties
                    .requestMatchers(
                        "/v3/api-docs", "/v3/api-docs.yaml", "/v3/api-docs/**", "/swagger-ui/**")
                    .permitAll()
                    .requestMatchers("/actuator/**")
                    .hasAnyRole(Role.ADMIN.name(), Role.MANAGER.name())
                    .requestMatchers("/admin", "/admin/**", "/api/admin/**")
                    .hasRole(Role.ADMIN.name())
                    .requestMatchers("/api/reports/me")
                    .hasRole(Role.SPECIALIST.name())
                    .requestMatchers("/api/reports/team/**")
                    .hasAnyRole(Role.LEAD.name(), Role.MANAGER.name(), Role.ADMIN.name())
                    .requestMatchers("/api/reports/**")
                    .hasAnyRole(Role.MANAGER.name(), Role.ADMIN.name())
                    .anyRequest()
                    .authenticated())
        .formLogin(form -> form.loginPage("/login").permitAll())
        .logout(Customizer.withDefaults())
        .addFilterBefore(
            new BearerTokenFilter(tokens, directory), UsernamePasswordAuthenticationFilter.class)
        .exceptionHandling(
            errors ->
                errors
                    .defaultAuthenticationEntryPointFor(
                        (request, response, e) ->
                            writeError(response, ErrorCode.UNAUTHENTICATED, "Sign in first"),
                        API)
                    .defaultAccessDeniedHandlerFor(
                        (request, response, e) ->
                            writeError(response, ErrorCode.FORBIDDEN, "Your role may not do this"),
                        API));
    singleSignOn.configure(http);
    return http.build();
  }

  @Bean
  PasswordEncoder passwordEncoder() {
    return PasswordEncoderFactories.createDelegatingPasswordEncoder();
  }

  /** Form login for pages goes through the same throttled check as the token endpoint. */
  @Bean
  AuthenticationProvider handupAuthenticationProvider(SignIn signIn) {
    return new AuthenticationProvider() {
      @Override
      public Authentication authenticate(Authentication authentication) {
        try {
          User user =
              signIn.withPassword(
                  authentication.getName(),
                  String.valueOf(authentication.getCredentials()),
                  SignInAttempt.FORM);
          return authenticated(user);
        } catch (Refused e) {
          if (e.code() == ErrorCode.RATE_LIMITED) {
            throw new LockedException(e.getMessage());
          }
          throw new BadCredentialsException(e.getMessage());
        }
      }

      @Override
      public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
      }
    };
  }

  /** Built per call from the live allow-list, so an administrator's change needs no restart. */
  @Bean
  CorsConfigurationSource corsConfigurationSource(LiveSettings settings) {
    return request -> {
      if (!API.matches(request)) {
        return null;
      }
      CorsConfiguration cors = new CorsConfiguration();
      cors.setAllowedOriginPatterns(settings.allowedOrigins());
      cors.setAllowedMethods(List.of("GET", "POST"));
      cors.setAllowedHeaders(List.of("Authorization", "Content-Type"));
      // short: a browser must not keep using an origin an administrator has just removed
      cors.setMaxAge(60L);
      return cors;
    };
  }

  static Authentication authenticated(User user) {
    return UsernamePasswordAuthenticationToken.authenticated(user, null, authorities(user));
  }

  static Collection<GrantedAuthority> authorities(User user) {
    return user.roles().stream()
        .map(role -> (GrantedAuthority) new SimpleGrantedAuthority("ROLE_" + role.name()))
        .toList();
  }

  static void writeError(HttpServletResponse response, ErrorCode code, String message)
      throws IOException {
    response.setStatus(code.httpStatus());
    response.setContentType("application/json");
    response
        .getWriter()
        .write("{\"code\":\"" + code.wire() + "\",\"message\":\"" + message + "\"}");
  }
}

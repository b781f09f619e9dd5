package io.handup.testing;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;

/**
 * A real OpenID Connect provider for the single sign-on tests: Spring Authorization Server in a
 * Spring context of its own, on its own free port, with one client and the people a test adds. Its
 * session cookie has its own name: it runs on the same host as the Handup node, and browsers keep
 * cookies per host, not per port.
 */
public final class LocalIdp implements AutoCloseable {

  public static final String CLIENT_ID = "handup";
  public static final String CLIENT_SECRET = "local-idp-secret";
  public static final String PASSWORD = "company-password";

  private final Map<String, Map<String, Object>> people = new ConcurrentHashMap<>();
  private final Map<String, RegisteredClient> clients = new ConcurrentHashMap<>();
  private final ConfigurableApplicationContext context;

  private LocalIdp() {
    this.context =
        new SpringApplicationBuilder(Provider.class)
            .initializers(c -> c.getBeanFactory().registerSingleton("localIdp", this))
            .run(
                "--server.port=0",
                // Handup's application.properties is on the same class path; this is not Handup
                "--spring.config.name=local-idp",
                "--server.servlet.session.cookie.name=IDP_SESSION",
                "--spring.main.banner-mode=off",
                "--management.endpoints.enabled-by-default=false");
  }

  public static LocalIdp start() {
    return new LocalIdp();
  }

  /** Where Handup finds the provider ({@code issuer-uri}). */
  public String issuer() {
    return "http://127.0.0.1:" + ((WebServerApplicationContext) context).getWebServer().getPort();
  }

  /**
   * Accepts the Handup node at {@code handupBase} as the client: its port is only known once it has
   * started, and it starts after the provider, whose discovery document it reads at start.
   */
  public void allow(String handupBase) {
    RegisteredClient client =
        RegisteredClient.withId(UUID.randomUUID().toString())
            .clientId(CLIENT_ID)
            .clientSecret("{noop}" + CLIENT_SECRET)
            .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
            .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
            .redirectUri(handupBase + "/login/oauth2/code/company")
            .scope(OidcScopes.OPENID)
            .scope(OidcScopes.PROFILE)
            .scope(OidcScopes.EMAIL)
            .clientSettings(ClientSettings.builder().requireAuthorizationConsent(false).build())
            .build();
    clients.clear();
    clients.put(client.getId(), client);
  }

  /**
   * A person who can sign in at the provider with {@link #PASSWORD}; {@code claims} go into their
   * ID token beside {@code preferred_username}, which is their user name.
   */
  public void add(String username, Map<String, Object> claims) {
    people.put(username, Map.copyOf(claims));
  }

  /** The Properties of the Handup node that signs in with this provider. */
  public Map<String, Object> clientProperties() {
    String prefix = "spring.security.oauth2.client.";
    return Map.of(
        "handup.sso.enabled",
        true,
        prefix + "registration.company.client-id",
        CLIENT_ID,
        prefix + "registration.company.client-secret",
        CLIENT_SECRET,
        prefix + "registration.company.scope",
        "openid,profile,email",
        prefix + "provider.company.issuer-uri",
        issuer());
  }

  @Override
  public void close() {
    context.close();
  }

  /** The provider's context: Boot's authorization server configuration and these beans. */
  @EnableAutoConfiguration
  static class Provider {

    @Bean
    RegisteredClientRepository registeredClients(LocalIdp idp) {
      return new RegisteredClientRepository() {
        @Override
        public void save(RegisteredClient client) {
          idp.clients.put(client.getId(), client);
        }

        @Override
        public RegisteredClient findById(String id) {
          return idp.clients.get(id);
        }

        @Override
        public RegisteredClient findByClientId(String clientId) {
          return idp.clients.values().stream()
              .filter(c -> c.getClientId().equals(clientId))
              .findFirst()
              .orElse(null);
        }
      };
    }

    @Bean
    UserDetailsService people(LocalIdp idp) {
      return username -> {
        if (!idp.people.containsKey(username)) {
          throw new UsernameNotFoundException(username);
        }
        return User.withUsername(username).password("{noop}" + PASSWORD).roles("USER").build();
      };
    }

    @Bean
    OAuth2TokenCustomizer<JwtEncodingContext> claims(LocalIdp idp) {
      return context -> {
        if (!OidcParameterNames.ID_TOKEN.equals(context.getTokenType().getValue())) {
          return;
        }
        String username = context.getPrincipal().getName();
        context.getClaims().claim("preferred_username", username);
        idp.people
            .getOrDefault(username, Map.of())
            .forEach(
                (name, value) ->
                    context
                        .getClaims()
                        .claim(name, value instanceof List<?> list ? List.copyOf(list) : value));
      };
    }
  }
}

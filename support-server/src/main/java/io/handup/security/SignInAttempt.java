package io.handup.security;

/**
 * Someone tried to sign in; published (as a Spring event, on the caller's thread) after every
 * attempt, so that the audit can keep it without this package knowing the audit.
 *
 * @param username the name given, which may not exist
 * @param method {@code password} (the token endpoint), {@code form} (the sign-in page), {@code
 *     apiKey} (an integration minting a token) or {@code oidc} (single sign-on)
 * @param reason why it failed, null when it succeeded
 */
public record SignInAttempt(String username, String method, boolean succeeded, String reason) {

  public static final String PASSWORD = "password";
  public static final String FORM = "form";
  public static final String API_KEY = "apiKey";
  public static final String OIDC = "oidc";
}

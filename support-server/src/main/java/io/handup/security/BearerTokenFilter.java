package io.handup.security;

import io.handup.directory.Directory;
import io.handup.directory.User;
import io.handup.system.ErrorCode;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.Optional;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * {@code Authorization: Bearer <token>} authenticates one request, without a session. A token that
 * is present but bad is refused at once rather than falling back to anonymous.
 */
class BearerTokenFilter extends OncePerRequestFilter {

  private static final String BEARER = "Bearer ";

  private final Tokens tokens;
  private final Directory directory;

  BearerTokenFilter(Tokens tokens, Directory directory) {
    this.tokens = tokens;
    this.directory = directory;
  }

  /** Signing in again must work while the client still sends its expired token. */
  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return "/api/auth/token".equals(request.getRequestURI());
  }

  private boolean sessionOfDisabledUser(HttpServletRequest request) {
    if (request.getSession(false) == null) {
      return false;
    }
    Authentication auth = SecurityContextHolder.getContext().getAuthentication();
    return auth != null
        && auth.getPrincipal() instanceof User user
        && directory.isDisabled(user.id());
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String header = request.getHeader("Authorization");
    if (header == null || !header.startsWith(BEARER)) {
      if (sessionOfDisabledUser(request)) {
        // signed in before an administrator disabled them: the session ends here
        SecurityContextHolder.clearContext();
        HttpSession session = request.getSession(false);
        if (session != null) {
          session.invalidate();
        }
        String path = request.getRequestURI();
        if (path.startsWith("/api/") || path.endsWith("/session")) {
          SecurityConfiguration.writeError(
              response, ErrorCode.UNAUTHENTICATED, "Your account was disabled");
        } else {
          response.sendRedirect("/login?error");
        }
        return;
      }
      chain.doFilter(request, response);
      return;
    }
    Optional<User> user =
        tokens.verify(header.substring(BEARER.length()).trim()).flatMap(directory::active);
    if (user.isEmpty()) {
      SecurityConfiguration.writeError(
          response, ErrorCode.UNAUTHENTICATED, "The token is invalid or has expired");
      return;
    }
    SecurityContext context = SecurityContextHolder.createEmptyContext();
    context.setAuthentication(SecurityConfiguration.authenticated(user.get()));
    SecurityContextHolder.setContext(context);
    try {
      chain.doFilter(request, response);
    } finally {
      SecurityContextHolder.clearContext();
    }
  }
}

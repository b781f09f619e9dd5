package io.handup.board;

import io.handup.security.SingleSignOn;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.web.WebAttributes;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.util.HtmlUtils;

/**
 * The bilingual sign-in page. It is a static file with two placeholders filled here: the CSRF token
 * the form must post back, and why the last attempt failed (so the page can say it in the user's
 * language).
 */
@Controller
class LoginController {

  private final String page;
  private final SingleSignOn singleSignOn;

  LoginController(SingleSignOn singleSignOn) {
    this.page = read("static/ui/login.html");
    this.singleSignOn = singleSignOn;
  }

  @GetMapping(value = "/login", produces = MediaType.TEXT_HTML_VALUE)
  ResponseEntity<String> login(HttpServletRequest request) {
    CsrfToken csrf = (CsrfToken) request.getAttribute(CsrfToken.class.getName());
    String html =
        page.replace("{{csrfParameter}}", csrf == null ? "_csrf" : escape(csrf.getParameterName()))
            .replace("{{csrfToken}}", csrf == null ? "" : escape(csrf.getToken()))
            .replace("{{failure}}", failure(request))
            .replace("{{ssoPath}}", escape(singleSignOn.startPath().orElse("")))
            .replace("{{ssoHidden}}", singleSignOn.startPath().isPresent() ? "" : "hidden");
    return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(html);
  }

  /**
   * {@code locked} after too many tries, {@code bad} for a wrong password, {@code sso-<reason>}
   * when single sign-on refused the company account, else empty.
   */
  private static String failure(HttpServletRequest request) {
    if (request.getParameter("error") == null) {
      return "";
    }
    String sso = request.getParameter("sso");
    if (sso != null) {
      return SingleSignOn.isRefusal(sso) ? "sso-" + sso : "sso-failed";
    }
    HttpSession session = request.getSession(false);
    Object last =
        session == null ? null : session.getAttribute(WebAttributes.AUTHENTICATION_EXCEPTION);
    return last instanceof LockedException ? "locked" : "bad";
  }

  private static String escape(String value) {
    return HtmlUtils.htmlEscape(value);
  }

  private static String read(String path) {
    try (InputStream in = new ClassPathResource(path).getInputStream()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("The sign-in page is missing from the build", e);
    }
  }
}

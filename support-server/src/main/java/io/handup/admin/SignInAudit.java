package io.handup.admin;

import io.handup.security.SignInAttempt;
import io.handup.security.SsoRolesChanged;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Keeps every sign-in, good or bad, with how it was tried. */
@Component
class SignInAudit {

  private final AuditLog audit;

  SignInAudit(AuditLog audit) {
    this.audit = audit;
  }

  @EventListener
  void onSignIn(SignInAttempt attempt) {
    audit.record(
        attempt.username(),
        attempt.succeeded() ? "sign-in" : "sign-in.failed",
        attempt.username(),
        attempt.succeeded() ? attempt.method() : attempt.method() + ": " + attempt.reason());
  }

  /** The company's provider, not an administrator, changed the roles: the actor says so. */
  @EventListener
  void onRolesFromSso(SsoRolesChanged change) {
    audit.record(
        "sso",
        "user.update",
        change.after().id(),
        UserAdmin.changes(change.before(), change.after())
            + " (from the "
            + change.claim()
            + " claim)");
  }
}

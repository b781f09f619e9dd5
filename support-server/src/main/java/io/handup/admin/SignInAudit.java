package io.handup.admin;

import io.handup.security.SignInAttempt;
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
}

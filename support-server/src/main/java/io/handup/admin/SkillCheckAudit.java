package io.handup.admin;

import io.handup.skills.SkillCheckChanged;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Keeps every change to a skill check and every check taken. */
@Component
class SkillCheckAudit {

  private final AuditLog audit;

  SkillCheckAudit(AuditLog audit) {
    this.audit = audit;
  }

  @EventListener
  void onChange(SkillCheckChanged change) {
    audit.record(change.actorId(), change.action(), change.target(), change.detail());
  }
}

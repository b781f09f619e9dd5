package io.handup.admin;

import io.handup.knowledge.KnowledgeChanged;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Keeps every change to the knowledge base: who wrote or confirmed which entry. */
@Component
class KnowledgeAudit {

  private final AuditLog audit;

  KnowledgeAudit(AuditLog audit) {
    this.audit = audit;
  }

  @EventListener
  void onChange(KnowledgeChanged change) {
    audit.record(change.actorId(), change.action(), change.entryId(), change.detail());
  }
}

package io.handup.knowledge;

/**
 * Someone changed the knowledge base; published (as a Spring event, on the caller's thread) after
 * each change, so that the audit can keep it without this package knowing the audit.
 *
 * @param action {@code knowledge.create}, {@code knowledge.edit} or {@code knowledge.confirm}
 * @param detail what changed, short: the version and the question
 */
public record KnowledgeChanged(String actorId, String action, String entryId, String detail) {}

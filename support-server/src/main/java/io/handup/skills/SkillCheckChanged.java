package io.handup.skills;

/**
 * A check was written or removed, or a specialist took one: published so that the audit can keep it
 * without this package knowing the audit.
 *
 * @param action {@code skill-check.save}, {@code skill-check.delete} or {@code skill-check.attempt}
 * @param target the floor and topic, {@code floor/topic}
 */
public record SkillCheckChanged(String actorId, String action, String target, String detail) {}

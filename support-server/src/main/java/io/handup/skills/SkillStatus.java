package io.handup.skills;

import java.util.Locale;

/** Where a specialist's skill stands with its topic's check; docs/skills.md explains each one. */
enum SkillStatus {
  /** The latest result passed within the validity: the skill routes. */
  VALID,
  /** The latest result passed, longer ago than the validity: the skill does not route. */
  EXPIRED,
  /** The latest result failed: the skill does not route. */
  FAILED,
  /** The topic has a check the specialist has not taken: the skill does not route. */
  UNTESTED,
  /** The topic has no check: the skill routes as the directory says. */
  UNCHECKED;

  /** The same rule as lib.lua's {@code skill_check_passed}, for showing it. */
  static SkillStatus of(boolean checked, Result latest, long now, long validityMillis) {
    if (!checked) {
      return UNCHECKED;
    }
    if (latest == null) {
      return UNTESTED;
    }
    if (!latest.passed()) {
      return FAILED;
    }
    return now - latest.at() < validityMillis ? VALID : EXPIRED;
  }

  boolean routes() {
    return this == VALID || this == UNCHECKED;
  }

  String wire() {
    return name().toLowerCase(Locale.ROOT);
  }
}

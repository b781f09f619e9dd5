package io.handup.directory;

/** What a user may do. A user may hold several roles. */
public enum Role {
  /** Front-line agent: raises, cancels, chats on and rates their own requests. */
  AGENT,
  /** Dedicated floor-support specialist: takes offers, claims, answers, resolves. */
  SPECIALIST,
  /** An agents' team leader: sees only aggregates of their own team. */
  LEAD,
  /** Supervises the specialists: dashboards, ratings, reviews, exports. */
  MANAGER,
  /** Runs the system. */
  ADMIN
}

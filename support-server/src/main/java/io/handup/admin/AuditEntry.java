package io.handup.admin;

import java.time.Instant;

/**
 * One audit line: who did what, when.
 *
 * @param actor the administrator's id, or for a sign-in the user name given
 * @param action e.g. {@code sign-in}, {@code sign-in.failed}, {@code user.create}, {@code
 *     user.disable}, {@code roster.import}, {@code settings.change}
 * @param target whom or what it was done to (a user id, a setting), may be empty
 * @param detail what changed, or why a sign-in failed
 * @param address the caller's address as this node saw it
 */
record AuditEntry(
    String id,
    Instant at,
    String actor,
    String action,
    String target,
    String detail,
    String address) {}

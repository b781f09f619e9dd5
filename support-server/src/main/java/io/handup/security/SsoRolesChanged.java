package io.handup.security;

import io.handup.directory.User;

/**
 * Single sign-on gave a user other roles than the directory had, and the directory now holds the
 * new ones; published so that the audit keeps the change.
 *
 * @param claim the claim the roles were read from
 */
public record SsoRolesChanged(User before, User after, String claim) {}

package io.handup.directory;

import java.util.Set;

/**
 * A person on the floor.
 *
 * @param managerId the next one up the reporting line, or null
 * @param team the lead whose team an agent belongs to (for the lead's aggregates), or null
 * @param seat where a specialist walks to, e.g. {@code C-14}
 * @param skills the topics a specialist answers
 * @param email the work e-mail address single sign-on may match them by, or null
 */
public record User(
    String id,
    String name,
    Set<Role> roles,
    String managerId,
    String team,
    String seat,
    String floor,
    Set<String> skills,
    String email) {

  public User {
    roles = Set.copyOf(roles);
    skills = skills == null ? Set.of() : Set.copyOf(skills);
    email = email == null || email.isBlank() ? null : email.trim();
  }

  /** A user without an e-mail address. */
  public User(
      String id,
      String name,
      Set<Role> roles,
      String managerId,
      String team,
      String seat,
      String floor,
      Set<String> skills) {
    this(id, name, roles, managerId, team, seat, floor, skills, null);
  }

  /** The same user with other roles (single sign-on maps them from the company's groups). */
  public User withRoles(Set<Role> newRoles) {
    return new User(id, name, newRoles, managerId, team, seat, floor, skills, email);
  }

  public boolean has(Role role) {
    return roles.contains(role);
  }

  public boolean hasAny(Role... wanted) {
    for (Role role : wanted) {
      if (roles.contains(role)) {
        return true;
      }
    }
    return false;
  }
}

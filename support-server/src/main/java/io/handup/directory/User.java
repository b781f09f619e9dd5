package io.handup.directory;

import java.util.Set;

/**
 * A person on the floor.
 *
 * @param managerId the next one up the reporting line, or null
 * @param team the lead whose team an agent belongs to (for the lead's aggregates), or null
 * @param seat where a specialist walks to, e.g. {@code C-14}
 * @param skills the topics a specialist answers
 */
public record User(
    String id,
    String name,
    Set<Role> roles,
    String managerId,
    String team,
    String seat,
    String floor,
    Set<String> skills) {

  public User {
    roles = Set.copyOf(roles);
    skills = skills == null ? Set.of() : Set.copyOf(skills);
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

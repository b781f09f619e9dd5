package io.handup.admin;

import java.util.List;

/**
 * A user as an administrator writes one: a form on the page, a JSON body, or a roster row. Fields
 * are as typed; {@link RosterRules} checks and turns them into a directory user.
 *
 * @param line the roster line the row starts on (1 is the header), 0 for a single user
 * @param password a new password, or null to keep the stored one (never in a roster)
 * @param email the e-mail address single sign-on may match by; null keeps the stored one (a roster
 *     without the column, a script that does not know it), empty removes it
 */
record UserForm(
    int line,
    String id,
    String name,
    List<String> roles,
    String managerId,
    String team,
    String seat,
    String floor,
    List<String> skills,
    String password,
    String email) {

  UserForm {
    roles = roles == null ? List.of() : roles;
    skills = skills == null ? List.of() : skills;
  }

  UserForm withId(String newId) {
    return new UserForm(
        line, newId, name, roles, managerId, team, seat, floor, skills, password, email);
  }
}

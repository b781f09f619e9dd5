package io.handup.admin;

import io.handup.directory.Role;
import io.handup.directory.User;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Checks users before anything is written: each row on its own (required fields, known roles, a
 * floor name that can be a Redis hash tag), then the rows together with the directory as it stands
 * (duplicate ids, managers and team leads that exist, and no cycle in the reporting line). Every
 * problem is reported, not just the first, so a roster is fixed in one go.
 */
final class RosterRules {

  static final int MAX_NAME = 100;
  static final int MAX_SEAT = 32;
  // ids end up in Redis keys and URLs; floors in hash tags, where { } : would break the slot
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,63}");
  private static final Pattern FLOOR = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,39}");
  // skills are stored comma-joined and written ;-joined in the roster
  private static final Pattern SKILL = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N} _.-]{0,39}");
  private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");
  static final int MAX_EMAIL = 254;
  // a plausibility check only: the company's provider, not Handup, owns the address
  private static final Pattern EMAIL = Pattern.compile("[^@\\s,;]+@[^@\\s,;]+\\.[^@\\s,;]+");

  private RosterRules() {}

  /** The users the rows describe, or every problem found. */
  record Checked(List<User> users, List<RowProblem> problems) {}

  /**
   * @param existing the directory as it stands; rows replace users with the same id
   */
  static Checked check(List<UserForm> rows, Map<String, User> existing) {
    List<RowProblem> problems = new ArrayList<>();
    Map<String, Integer> firstLine = new HashMap<>();
    Map<String, User> merged = new HashMap<>(existing);
    List<User> users = new ArrayList<>();
    Map<User, UserForm> rowOf = new HashMap<>();
    for (UserForm row : rows) {
      List<String> reasons = new ArrayList<>();
      User user = single(row, reasons, existing);
      String id = row.id() == null ? "" : row.id().trim();
      if (!id.isEmpty() && firstLine.putIfAbsent(id, row.line()) != null) {
        reasons.add("duplicate id " + id + " (first on line " + firstLine.get(id) + ")");
      }
      reasons.forEach(r -> problems.add(new RowProblem(row.line(), id, r)));
      if (reasons.isEmpty()) {
        users.add(user);
        rowOf.put(user, row);
        merged.put(user.id(), user);
      }
    }
    for (User user : users) {
      int line = rowOf.get(user).line();
      if (user.managerId() != null && !merged.containsKey(user.managerId())) {
        problems.add(new RowProblem(line, user.id(), "unknown manager " + user.managerId()));
      }
      if (user.team() != null && !merged.containsKey(user.team())) {
        problems.add(new RowProblem(line, user.id(), "unknown team lead " + user.team()));
      }
      if (user.email() != null) {
        // single sign-on matches by e-mail and refuses an address that names two users
        merged.values().stream()
            .filter(o -> !o.id().equals(user.id()) && user.email().equalsIgnoreCase(o.email()))
            .map(User::id)
            .sorted()
            .findFirst()
            .ifPresent(
                other ->
                    problems.add(
                        new RowProblem(
                            line,
                            user.id(),
                            "e-mail " + user.email() + " is also " + other + "'s")));
      }
      List<String> cycle = cycleFrom(user.id(), merged);
      if (!cycle.isEmpty()) {
        problems.add(
            new RowProblem(
                line, user.id(), "a cycle in the reporting line: " + String.join(" → ", cycle)));
      }
    }
    // stable: the problems of one row stay in the order they were found
    problems.sort(Comparator.comparingInt(RowProblem::line));
    return new Checked(problems.isEmpty() ? users : List.of(), problems);
  }

  /** One row on its own; null with reasons added when it is not valid. */
  private static User single(UserForm row, List<String> reasons, Map<String, User> existing) {
    String id = trim(row.id());
    if (id == null) {
      reasons.add("missing required field id");
    } else if (!ID.matcher(id).matches()) {
      reasons.add(
          "bad id '" + id + "': letters, digits and . _ @ - only, starting with a letter or digit");
    }
    String name = trim(row.name());
    if (name == null) {
      reasons.add("missing required field name");
    } else if (name.length() > MAX_NAME || CONTROL.matcher(name).find()) {
      reasons.add("bad name: at most " + MAX_NAME + " characters on one line");
    }
    Set<Role> roles = EnumSet.noneOf(Role.class);
    for (String raw : row.roles()) {
      String role = raw == null ? "" : raw.trim();
      if (role.isEmpty()) {
        continue;
      }
      try {
        roles.add(Role.valueOf(role.toUpperCase(Locale.ROOT)));
      } catch (IllegalArgumentException e) {
        reasons.add("unknown role " + role + " (AGENT, SPECIALIST, LEAD, MANAGER or ADMIN)");
      }
    }
    if (roles.isEmpty() && row.roles().stream().allMatch(r -> r == null || r.isBlank())) {
      reasons.add("missing required field roles");
    }
    String floor = trim(row.floor());
    if (floor == null) {
      reasons.add("missing required field floor");
    } else if (!FLOOR.matcher(floor).matches()) {
      reasons.add("bad floor '" + floor + "': letters, digits, _ and - only, at most 40");
    }
    String managerId = trim(row.managerId());
    if (managerId != null && managerId.equals(id)) {
      reasons.add("a cycle in the reporting line: " + id + " manages themselves");
    }
    String seat = trim(row.seat());
    if (seat != null && (seat.length() > MAX_SEAT || CONTROL.matcher(seat).find())) {
      reasons.add("bad seat: at most " + MAX_SEAT + " characters");
    }
    Set<String> skills = new TreeSet<>();
    for (String raw : row.skills()) {
      String skill = trim(raw);
      if (skill == null) {
        continue;
      }
      if (!SKILL.matcher(skill).matches()) {
        reasons.add("bad skill '" + skill + "': letters, digits, space, _ . - only, at most 40");
      } else {
        skills.add(skill);
      }
    }
    String email = trim(row.email());
    if (row.email() == null) {
      User stored = id == null ? null : existing.get(id);
      email = stored == null ? null : stored.email();
    } else if (email != null && (email.length() > MAX_EMAIL || !EMAIL.matcher(email).matches())) {
      reasons.add("bad e-mail address '" + email + "'");
    }
    if (!reasons.isEmpty()) {
      return null;
    }
    return new User(
        id,
        name,
        roles,
        managerId,
        trim(row.team()),
        seat == null ? "" : seat,
        floor,
        skills,
        email);
  }

  /** The loop through {@code id} in the reporting line, or empty when its chain ends. */
  static List<String> cycleFrom(String id, Map<String, User> byId) {
    LinkedHashSet<String> seen = new LinkedHashSet<>();
    String current = id;
    while (current != null && seen.add(current)) {
      User user = byId.get(current);
      current = user == null ? null : user.managerId();
    }
    if (id.equals(current)) {
      List<String> loop = new ArrayList<>(seen);
      loop.add(id);
      return loop;
    }
    return List.of();
  }

  private static String trim(String value) {
    if (value == null) {
      return null;
    }
    String trimmed = value.trim();
    return trimmed.isEmpty() ? null : trimmed;
  }
}

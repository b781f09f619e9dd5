package io.handup.admin;

import io.handup.directory.Directory;
import io.handup.directory.Role;
import io.handup.directory.User;
import io.handup.system.ErrorCode;
import io.handup.system.Keys;
import io.handup.system.Refused;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.XAddParams;
import tools.jackson.databind.json.JsonMapper;

/**
 * What an administrator does to users. Directory writes go through {@link Directory}; each change
 * then gets its audit line (two steps: a lost audit line never undoes a change). Nothing here
 * touches a help request.
 */
@Component
class UserAdmin {

  static final int MIN_PASSWORD = 8;
  static final int MAX_ROSTER_CHARS = 4_000_000;
  // the same cap the Lua scripts put on a floor's event stream
  private static final long STREAM_MAX = 200_000;

  private final Directory directory;
  private final PasswordEncoder passwords;
  private final UnifiedJedis jedis;
  private final JsonMapper json;
  private final AuditLog audit;

  UserAdmin(
      Directory directory,
      PasswordEncoder passwords,
      UnifiedJedis jedis,
      JsonMapper json,
      AuditLog audit) {
    this.directory = directory;
    this.passwords = passwords;
    this.jedis = jedis;
    this.json = json;
    this.audit = audit;
  }

  List<AdminUser> list() {
    Set<String> disabled = directory.disabled();
    return directory.all().stream().map(u -> AdminUser.of(u, disabled.contains(u.id()))).toList();
  }

  AdminUser one(String id) {
    User user = existing(id);
    return AdminUser.of(user, directory.isDisabled(id));
  }

  /** Floors with how many users, specialists and disabled users each has. */
  List<Map<String, Object>> floors() {
    Set<String> disabled = directory.disabled();
    Map<String, List<User>> byFloor =
        directory.all().stream()
            .collect(Collectors.groupingBy(User::floor, TreeMap::new, Collectors.toList()));
    List<Map<String, Object>> floors = new ArrayList<>();
    byFloor.forEach(
        (floor, users) -> {
          Map<String, Object> f = new LinkedHashMap<>();
          f.put("name", floor);
          f.put("users", users.size());
          f.put("specialists", users.stream().filter(u -> u.has(Role.SPECIALIST)).count());
          f.put("agents", users.stream().filter(u -> u.has(Role.AGENT)).count());
          f.put("disabled", users.stream().filter(u -> disabled.contains(u.id())).count());
          floors.add(f);
        });
    return floors;
  }

  AdminUser create(User admin, UserForm form) {
    if (form.id() != null && directory.find(form.id().trim()).isPresent()) {
      throw new Refused(ErrorCode.CONFLICT, "There is already a user " + form.id().trim());
    }
    User user = checkOne(admin, form);
    directory.saveAll(List.of(user), passwordOf(user, form));
    audit.record(
        admin.id(),
        "user.create",
        user.id(),
        describe(user) + (form.password() != null ? "; password set" : ""));
    return AdminUser.of(user, false);
  }

  AdminUser update(User admin, String id, UserForm form) {
    User before = existing(id);
    User user = checkOne(admin, form.withId(id));
    directory.saveAll(List.of(user), passwordOf(user, form));
    String changes = changes(before, user);
    if (hasPassword(form)) {
      changes = changes.isEmpty() ? "password set" : changes + "; password set";
    }
    audit.record(admin.id(), "user.update", id, changes.isEmpty() ? "no change" : changes);
    if (!before.roles().equals(user.roles()) || !before.floor().equals(user.floor())) {
      // a socket holds the user as they signed in: it reconnects, and the hello reads them anew
      tellSockets(before.floor(), Map.of("id", id, "changed", true));
    }
    return AdminUser.of(user, directory.isDisabled(id));
  }

  /**
   * Disables (or enables) a user. Their tokens and session are refused from now on by every node,
   * which asks the directory on each call; their open sockets close at once on every node, told by
   * an event on their floor's stream that every node follows.
   */
  AdminUser setDisabled(User admin, String id, boolean disabled) {
    User user = existing(id);
    if (disabled && admin.id().equals(id)) {
      throw new Refused(ErrorCode.CONFLICT, "You cannot disable yourself");
    }
    directory.setDisabled(id, disabled);
    if (disabled) {
      tellSockets(user.floor(), Map.of("id", id, "disabled", true));
    }
    audit.record(admin.id(), disabled ? "user.disable" : "user.enable", id, user.name());
    return AdminUser.of(user, disabled);
  }

  /** Every node's open sockets of the user hear it through the floor's stream, which all follow. */
  private void tellSockets(String floor, Map<String, Object> data) {
    jedis.xadd(
        Keys.floor(floor).events(),
        XAddParams.xAddParams().maxLen(STREAM_MAX).approximateTrimming(),
        Map.of("kind", "user", "data", json.writeValueAsString(data)));
  }

  String exportRoster() {
    return RosterCsv.write(directory.all());
  }

  /**
   * Imports a roster all or nothing: every row is checked against the file and the directory first,
   * and nothing is written while any row is bad. Listed users are created or replaced; users not in
   * the file stay as they are, and so do stored passwords.
   */
  Map<String, Object> importRoster(User admin, String csv) {
    if (csv == null || csv.isBlank()) {
      throw new RosterRejected(
          "The file is empty",
          List.of(new RowProblem(1, "", "the file is empty; the first line must be the header")));
    }
    if (csv.length() > MAX_ROSTER_CHARS) {
      throw new Refused(ErrorCode.TOO_LARGE, "A roster file may be at most 4 MB");
    }
    RosterCsv.Parsed parsed = RosterCsv.parse(csv);
    List<RowProblem> problems = new ArrayList<>(parsed.problems());
    Map<String, User> existing =
        directory.all().stream().collect(Collectors.toMap(User::id, Function.identity()));
    RosterRules.Checked checked = RosterRules.check(parsed.rows(), existing);
    problems.addAll(checked.problems());
    for (User user : checked.users()) {
      if (user.id().equals(admin.id()) && !user.has(Role.ADMIN)) {
        UserForm row =
            parsed.rows().stream().filter(r -> admin.id().equals(trim(r.id()))).findFirst().get();
        problems.add(
            new RowProblem(row.line(), admin.id(), "you cannot take your own ADMIN role away"));
      }
    }
    if (!problems.isEmpty()) {
      problems.sort(java.util.Comparator.comparingInt(RowProblem::line));
      long rows = problems.stream().map(RowProblem::line).distinct().count();
      throw new RosterRejected(
          rows + (rows == 1 ? " line is" : " lines are") + " not valid; nothing was imported",
          problems);
    }
    int created = 0;
    int updated = 0;
    int unchanged = 0;
    for (User user : checked.users()) {
      User before = existing.get(user.id());
      if (before == null) {
        created++;
      } else if (before.equals(user)) {
        unchanged++;
      } else {
        updated++;
      }
    }
    directory.saveAll(checked.users(), Map.of());
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("created", created);
    result.put("updated", updated);
    result.put("unchanged", unchanged);
    audit.record(
        admin.id(),
        "roster.import",
        "",
        checked.users().size()
            + " rows: "
            + created
            + " created, "
            + updated
            + " updated, "
            + unchanged
            + " unchanged");
    return result;
  }

  private User checkOne(User admin, UserForm form) {
    Map<String, User> existing =
        directory.all().stream().collect(Collectors.toMap(User::id, Function.identity()));
    RosterRules.Checked checked = RosterRules.check(List.of(form), existing);
    List<RowProblem> problems = new ArrayList<>(checked.problems());
    if (hasPassword(form) && form.password().length() < MIN_PASSWORD) {
      problems.add(
          new RowProblem(
              0, form.id(), "a password needs at least " + MIN_PASSWORD + " characters"));
    }
    if (problems.isEmpty()
        && admin.id().equals(checked.users().get(0).id())
        && !checked.users().get(0).has(Role.ADMIN)) {
      problems.add(new RowProblem(0, admin.id(), "you cannot take your own ADMIN role away"));
    }
    if (!problems.isEmpty()) {
      throw new RosterRejected(
          problems.stream().map(RowProblem::reason).collect(Collectors.joining("; ")), problems);
    }
    return checked.users().get(0);
  }

  private Map<String, String> passwordOf(User user, UserForm form) {
    Map<String, String> hashes = new HashMap<>();
    if (hasPassword(form)) {
      hashes.put(user.id(), passwords.encode(form.password()));
    }
    return hashes;
  }

  private static boolean hasPassword(UserForm form) {
    return form.password() != null && !form.password().isEmpty();
  }

  private User existing(String id) {
    return directory.find(id).orElseThrow(() -> new Refused(ErrorCode.NOT_FOUND, "No user " + id));
  }

  private static String describe(User u) {
    return "name="
        + u.name()
        + ", roles="
        + u.roles().stream().map(Enum::name).sorted().collect(Collectors.joining(";"))
        + ", floor="
        + u.floor()
        + (u.managerId() != null ? ", managerId=" + u.managerId() : "")
        + (u.team() != null ? ", team=" + u.team() : "")
        + (u.seat().isEmpty() ? "" : ", seat=" + u.seat())
        + (u.skills().isEmpty() ? "" : ", skills=" + String.join(";", sorted(u.skills())))
        + (u.email() == null ? "" : ", email=" + u.email());
  }

  /** {@code field: before → after} for each field that changed. */
  static String changes(User before, User after) {
    List<String> changed = new ArrayList<>();
    change(changed, "name", before.name(), after.name());
    change(
        changed,
        "roles",
        String.join(";", sorted(before.roles().stream().map(Enum::name).toList())),
        String.join(";", sorted(after.roles().stream().map(Enum::name).toList())));
    change(changed, "managerId", before.managerId(), after.managerId());
    change(changed, "team", before.team(), after.team());
    change(changed, "seat", before.seat(), after.seat());
    change(changed, "floor", before.floor(), after.floor());
    change(
        changed,
        "skills",
        String.join(";", sorted(before.skills())),
        String.join(";", sorted(after.skills())));
    change(changed, "email", before.email(), after.email());
    return String.join(", ", changed);
  }

  private static void change(List<String> changed, String field, String before, String after) {
    String b = before == null ? "" : before;
    String a = after == null ? "" : after;
    if (!Objects.equals(b, a)) {
      changed.add(field + ": " + (b.isEmpty() ? "—" : b) + " → " + (a.isEmpty() ? "—" : a));
    }
  }

  private static List<String> sorted(java.util.Collection<String> values) {
    return values.stream().sorted().toList();
  }

  private static String trim(String value) {
    return value == null ? null : value.trim();
  }
}

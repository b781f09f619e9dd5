package io.handup.directory;

import io.handup.system.RedisSettings;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * The demo floor of the design: password {@code demo} for all, on floor {@code demo}. {@code
 * spec-4} is also the mentor of {@code agent-20}, the case the reporting-line rule exists for.
 */
@Component
class DemoFloor implements InitializingBean {

  static final String FLOOR = "demo";
  private static final List<String> SKILL_CYCLE = List.of("billing", "technical", "policy");
  private static final Logger log = LoggerFactory.getLogger(DemoFloor.class);

  private final Directory directory;
  private final DemoSettings settings;
  private final RedisSettings redis;
  private final PasswordEncoder passwords;

  DemoFloor(
      Directory directory, DemoSettings settings, RedisSettings redis, PasswordEncoder passwords) {
    this.directory = directory;
    this.settings = settings;
    this.redis = redis;
    this.passwords = passwords;
  }

  @Override
  public void afterPropertiesSet() {
    boolean enabled = settings.enabled() != null ? settings.enabled() : redis.isEmbedded();
    if (!enabled) {
      return;
    }
    List<User> users = users(settings.agents(), settings.specialists());
    // one hash for all: hashing "demo" thousands of times would stall start-up for minutes
    String hash = passwords.encode("demo");
    Map<String, String> hashes = new HashMap<>();
    users.forEach(u -> hashes.put(u.id(), hash));
    directory.saveAll(users, hashes);
    log.info(
        "Demo floor '{}': {} agents, {} specialists, password 'demo'",
        FLOOR,
        settings.agents(),
        settings.specialists());
  }

  static List<User> users(int agents, int specialists) {
    List<User> users = new ArrayList<>();
    users.add(user("admin", "Admin", Set.of(Role.ADMIN), null, null, "", Set.of()));
    users.add(user("manager", "Manager Zhao", Set.of(Role.MANAGER), null, null, "M-01", Set.of()));
    int leads = (agents + 9) / 10;
    for (int l = 1; l <= leads; l++) {
      users.add(
          user(
              "lead-" + l,
              "Lead " + l,
              Set.of(Role.LEAD),
              null,
              null,
              String.format("L-%02d", l),
              Set.of()));
    }
    for (int s = 1; s <= specialists; s++) {
      users.add(
          user(
              "spec-" + s,
              specialistName(s),
              Set.of(Role.SPECIALIST),
              "manager",
              null,
              "C-" + (10 + s),
              specialistSkills(s)));
    }
    for (int a = 1; a <= agents; a++) {
      String lead = "lead-" + ((a - 1) / 10 + 1);
      // spec-4 mentors agent-20: a specialist inside an agent's reporting line
      String manager = a == 20 && specialists >= 4 ? "spec-4" : lead;
      users.add(
          user(
              "agent-" + a,
              "Agent " + a,
              Set.of(Role.AGENT),
              manager,
              lead,
              String.format("A-%02d", a),
              Set.of()));
    }
    return users;
  }

  private static String specialistName(int s) {
    return switch (s) {
      case 1 -> "Li Wei";
      case 2 -> "Chen Jing";
      case 3 -> "Wang Fang";
      case 4 -> "Zhang Min";
      default -> "Specialist " + s;
    };
  }

  private static Set<String> specialistSkills(int s) {
    return switch (s) {
      case 1 -> Set.of("billing");
      case 2 -> Set.of("billing", "technical");
      case 3 -> Set.of("technical");
      case 4 -> Set.of("policy");
      default -> Set.of(SKILL_CYCLE.get((s - 5) % SKILL_CYCLE.size()));
    };
  }

  private static User user(
      String id,
      String name,
      Set<Role> roles,
      String managerId,
      String team,
      String seat,
      Set<String> skills) {
    return new User(id, name, roles, managerId, team, seat, FLOOR, skills);
  }
}

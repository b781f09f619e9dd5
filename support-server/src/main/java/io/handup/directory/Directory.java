package io.handup.directory;

import io.handup.system.Keys;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;

/** The users, stored in Redis as one hash each. */
@Component
public class Directory {

  private final UnifiedJedis jedis;

  Directory(UnifiedJedis jedis) {
    this.jedis = jedis;
  }

  public Optional<User> find(String id) {
    if (id == null || id.isBlank()) {
      return Optional.empty();
    }
    return Optional.of(jedis.hgetAll(Keys.user(id)))
        .filter(hash -> !hash.isEmpty())
        .map(hash -> fromHash(id, hash));
  }

  /**
   * The user if they may act: found and not disabled. Everything that lets someone in (passwords,
   * API keys, tokens, sessions, sockets) asks this rather than {@link #find}.
   */
  public Optional<User> active(String id) {
    return find(id).filter(u -> !isDisabled(u.id()));
  }

  /**
   * The users with this e-mail address, compared without case. Read from the whole directory: it is
   * asked once per single sign-on, and no index can then go stale.
   */
  public List<User> withEmail(String email) {
    if (email == null || email.isBlank()) {
      return List.of();
    }
    String wanted = email.trim();
    return all().stream().filter(u -> wanted.equalsIgnoreCase(u.email())).toList();
  }

  public boolean isDisabled(String id) {
    return jedis.sismember(Keys.disabledUsers(), id);
  }

  /** The ids of every disabled user. */
  public Set<String> disabled() {
    return new TreeSet<>(jedis.smembers(Keys.disabledUsers()));
  }

  /** Disables or enables a user; their entry, history and place in others' chains stay. */
  public void setDisabled(String id, boolean disabled) {
    if (disabled) {
      jedis.sadd(Keys.disabledUsers(), id);
    } else {
      jedis.srem(Keys.disabledUsers(), id);
    }
  }

  /** The stored password hash, if the user may sign in with a password. */
  public Optional<String> passwordHash(String id) {
    return Optional.ofNullable(jedis.hget(Keys.user(id), "password"));
  }

  public List<User> onFloor(String floor) {
    return all().stream().filter(u -> floor.equals(u.floor())).toList();
  }

  /**
   * The specialists of a floor, read from the floor's set of them rather than the whole directory:
   * boards and the presence sweep ask often, and a floor has thousands of agents.
   */
  public List<User> specialistsOn(String floor) {
    return load(new ArrayList<>(new TreeSet<>(jedis.smembers(Keys.floor(floor).specialists()))));
  }

  public List<User> all() {
    return load(new ArrayList<>(new TreeSet<>(jedis.smembers(Keys.users()))));
  }

  private List<User> load(List<String> ids) {
    Map<String, Response<Map<String, String>>> replies = new HashMap<>();
    try (AbstractPipeline pipe = jedis.pipelined()) {
      ids.forEach(id -> replies.put(id, pipe.hgetAll(Keys.user(id))));
    }
    return ids.stream()
        .filter(id -> !replies.get(id).get().isEmpty())
        .map(id -> fromHash(id, replies.get(id).get()))
        .toList();
  }

  /**
   * Saves users (with their password hashes, null to keep the stored one) and rewrites the
   * management chains of their floors, which a change of anyone's manager can alter.
   */
  public void saveAll(Collection<User> users, Map<String, String> passwordHashes) {
    // a user who moved floors must leave the old floor's specialists and chains
    Set<String> floors = new TreeSet<>();
    Map<String, String> movedFrom = new HashMap<>();
    Map<User, Response<String>> stored = new HashMap<>();
    try (AbstractPipeline pipe = jedis.pipelined()) {
      users.forEach(u -> stored.put(u, pipe.hget(Keys.user(u.id()), "floor")));
    }
    stored.forEach(
        (user, before) -> {
          floors.add(user.floor());
          if (before.get() != null && !before.get().equals(user.floor())) {
            movedFrom.put(user.id(), before.get());
            floors.add(before.get());
          }
        });
    try (AbstractPipeline pipe = jedis.pipelined()) {
      movedFrom.forEach(
          (id, old) -> {
            Keys.Floor keys = Keys.floor(old);
            pipe.srem(keys.specialists(), id);
            pipe.del(keys.chain(id), keys.skills(id));
          });
      for (User user : users) {
        Map<String, String> hash = toHash(user);
        String password = passwordHashes.get(user.id());
        if (password != null) {
          hash.put("password", password);
        }
        pipe.hset(Keys.user(user.id()), hash);
        if (user.managerId() == null) {
          pipe.hdel(Keys.user(user.id()), "managerId");
        }
        if (user.team() == null) {
          pipe.hdel(Keys.user(user.id()), "team");
        }
        if (user.email() == null) {
          pipe.hdel(Keys.user(user.id()), "email");
        }
        pipe.sadd(Keys.users(), user.id());
        pipe.sadd(Keys.floors(), user.floor());
      }
    }
    floors.forEach(this::writeChains);
  }

  /**
   * The people above an agent: manager, manager's manager, and so on. A cycle in bad data ends the
   * walk rather than looping.
   */
  public static List<String> chainOf(String userId, Map<String, User> byId) {
    Set<String> chain = new LinkedHashSet<>();
    User current = byId.get(userId);
    while (current != null && current.managerId() != null && chain.add(current.managerId())) {
      current = byId.get(current.managerId());
    }
    chain.remove(userId);
    return List.copyOf(chain);
  }

  private void writeChains(String floor) {
    Keys.Floor keys = Keys.floor(floor);
    Map<String, User> byId = all().stream().collect(Collectors.toMap(User::id, u -> u));
    try (AbstractPipeline pipe = jedis.pipelined()) {
      for (User user : byId.values()) {
        if (!floor.equals(user.floor())) {
          continue;
        }
        pipe.del(keys.chain(user.id()));
        List<String> chain = chainOf(user.id(), byId);
        if (!chain.isEmpty()) {
          pipe.sadd(keys.chain(user.id()), chain.toArray(String[]::new));
        }
        pipe.del(keys.skills(user.id()));
        if (user.has(Role.SPECIALIST)) {
          pipe.sadd(keys.specialists(), user.id());
          if (!user.skills().isEmpty()) {
            pipe.sadd(keys.skills(user.id()), user.skills().toArray(String[]::new));
          }
        } else {
          pipe.srem(keys.specialists(), user.id());
        }
      }
    }
  }

  private static Map<String, String> toHash(User user) {
    Map<String, String> hash = new HashMap<>();
    hash.put("name", user.name());
    hash.put(
        "roles", user.roles().stream().map(Enum::name).sorted().collect(Collectors.joining(",")));
    hash.put("seat", user.seat() == null ? "" : user.seat());
    hash.put("floor", user.floor());
    hash.put("skills", String.join(",", new TreeSet<>(user.skills())));
    if (user.managerId() != null) {
      hash.put("managerId", user.managerId());
    }
    if (user.team() != null) {
      hash.put("team", user.team());
    }
    if (user.email() != null) {
      hash.put("email", user.email());
    }
    return hash;
  }

  private static User fromHash(String id, Map<String, String> hash) {
    Set<Role> roles = EnumSet.noneOf(Role.class);
    splitList(hash.get("roles")).forEach(r -> roles.add(Role.valueOf(r)));
    return new User(
        id,
        hash.getOrDefault("name", id),
        roles,
        hash.get("managerId"),
        hash.get("team"),
        hash.getOrDefault("seat", ""),
        hash.getOrDefault("floor", "demo"),
        new TreeSet<>(splitList(hash.get("skills"))),
        hash.get("email"));
  }

  private static List<String> splitList(String value) {
    if (value == null || value.isBlank()) {
      return List.of();
    }
    return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
  }
}

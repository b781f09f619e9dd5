package io.handup.admin;

import io.handup.directory.User;
import java.util.List;
import java.util.TreeSet;

/** A user as the admin page shows one: the directory entry and whether they may sign in. */
record AdminUser(
    String id,
    String name,
    List<String> roles,
    String managerId,
    String team,
    String seat,
    String floor,
    List<String> skills,
    String email,
    boolean disabled) {

  static AdminUser of(User u, boolean disabled) {
    return new AdminUser(
        u.id(),
        u.name(),
        u.roles().stream().map(Enum::name).sorted().toList(),
        u.managerId(),
        u.team(),
        u.seat(),
        u.floor(),
        List.copyOf(new TreeSet<>(u.skills())),
        u.email(),
        disabled);
  }
}

package io.handup.directory;

import java.util.List;

/** What a client learns about a signed-in user. */
public record UserCard(String id, String name, List<Role> roles) {

  public static UserCard of(User user) {
    return new UserCard(user.id(), user.name(), user.roles().stream().sorted().toList());
  }
}

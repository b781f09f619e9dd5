package io.handup.testing;

import io.handup.directory.Directory;
import io.handup.directory.Role;
import io.handup.directory.User;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A floor of one test's own, on nodes whose Redis other tests of the class share: its people, whose
 * ids carry the floor's name so that no other test's are touched, and the sockets the test opened,
 * closed at the end.
 */
public final class OwnFloor implements AutoCloseable {

  private static final AtomicInteger floors = new AtomicInteger();

  private final String name;
  private final TestNode node;
  private final List<WsClient> sockets = new ArrayList<>();

  /** A new floor named {@code prefix-<n>}; {@code node} stores its people and mints tokens. */
  public OwnFloor(String prefix, TestNode node) {
    this.name = prefix + "-" + floors.incrementAndGet();
    this.node = node;
  }

  public String name() {
    return name;
  }

  /** The floor-wide id of the person the test calls {@code id}. */
  public String qualified(String id) {
    return name + "-" + id;
  }

  public void people(User... users) {
    node.bean(Directory.class).saveAll(List.of(users), Map.of());
  }

  public User agent(String id) {
    return agent(id, null);
  }

  /** An agent reporting to {@code managerId} (a test's id), or to nobody when it is null. */
  public User agent(String id, String managerId) {
    return new User(
        qualified(id),
        "Agent " + id,
        Set.of(Role.AGENT),
        managerId == null ? null : qualified(managerId),
        null,
        "A-1",
        name,
        Set.of());
  }

  public User manager(String id) {
    return new User(
        qualified(id), "Manager " + id, Set.of(Role.MANAGER), null, null, null, name, Set.of());
  }

  public User specialist(String id, String... skills) {
    return new User(
        qualified(id),
        "Specialist " + id,
        Set.of(Role.SPECIALIST),
        null,
        null,
        "C-1",
        name,
        Set.of(skills));
  }

  public String token(String id) {
    return new Api(node).mint(qualified(id));
  }

  /** A signed-in socket of {@code id} on {@code on}, closed with the floor. */
  public WsClient connect(TestNode on, String id) {
    WsClient client = WsClient.signedIn(on, new Api(on).mint(qualified(id)));
    sockets.add(client);
    return client;
  }

  @Override
  public void close() {
    sockets.forEach(WsClient::close);
  }
}

package io.handup.realtime;

import io.handup.directory.Role;
import io.handup.dispatch.Presence;
import jakarta.annotation.PreDestroy;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.springframework.stereotype.Component;

/** This node's authenticated sockets, by floor. */
@Component
class Connections {

  // enough threads that a few slow sockets (each may block a write up to the send time limit)
  // do not stall everybody else's events
  private static final int SENDERS = Math.max(8, 4 * Runtime.getRuntime().availableProcessors());

  private final Map<String, Set<Connection>> byFloor = new ConcurrentHashMap<>();
  private final ExecutorService senders =
      Executors.newFixedThreadPool(
          SENDERS,
          new ThreadFactory() {
            private final AtomicInteger count = new AtomicInteger();

            @Override
            public Thread newThread(Runnable runnable) {
              Thread thread = new Thread(runnable, "handup-send-" + count.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            }
          });

  /** The pool that writes events to sockets. */
  Executor senders() {
    return senders;
  }

  @PreDestroy
  void stopSending() {
    senders.shutdownNow();
  }

  void add(Connection connection) {
    byFloor
        .computeIfAbsent(connection.user().floor(), f -> ConcurrentHashMap.newKeySet())
        .add(connection);
  }

  void remove(Connection connection) {
    if (connection.isAuthenticated()) {
      Set<Connection> floor = byFloor.get(connection.user().floor());
      if (floor != null) {
        floor.remove(connection);
      }
    }
  }

  Collection<Connection> on(String floor, Predicate<Connection> who) {
    Set<Connection> floorConnections = byFloor.get(floor);
    return floorConnections == null ? List.of() : floorConnections.stream().filter(who).toList();
  }

  /** The specialists' sockets, whose leases this node renews. */
  List<Presence.Lease> leases() {
    return byFloor.values().stream()
        .flatMap(Set::stream)
        .filter(c -> c.user().has(Role.SPECIALIST))
        .map(c -> new Presence.Lease(c.user().floor(), c.user().id(), c.id()))
        .toList();
  }

  int size() {
    return byFloor.values().stream().mapToInt(Set::size).sum();
  }
}

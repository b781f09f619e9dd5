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
import org.springframework.stereotype.Component;

/** This node's authenticated sockets, by floor. */
@Component
class Connections {

  // enough threads that a few slow sockets (each may block a write up to the send time limit)
  // do not stall everybody else's events
  private static final int SENDERS = Math.max(8, 4 * Runtime.getRuntime().availableProcessors());

  private final Map<String, Floor> byFloor = new ConcurrentHashMap<>();
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
    byFloor.computeIfAbsent(connection.user().floor(), f -> new Floor()).add(connection);
  }

  void remove(Connection connection) {
    if (connection.isAuthenticated()) {
      Floor floor = byFloor.get(connection.user().floor());
      if (floor != null) {
        floor.remove(connection);
      }
    }
  }

  /** The floor's specialists' and managers' sockets: everything that shows a board. */
  Collection<Connection> staff(String floor) {
    Floor f = byFloor.get(floor);
    return f == null ? Set.of() : f.staff;
  }

  /** The sockets of one user on the floor. */
  Collection<Connection> of(String floor, String userId) {
    Floor f = byFloor.get(floor);
    Collection<Connection> mine = f == null || userId == null ? null : f.byUser.get(userId);
    return mine == null ? Set.of() : mine;
  }

  /** Agents' sockets whose request waits in the line (as last told by {@link #trackWaiting}). */
  Collection<Connection> waiting(String floor) {
    Floor f = byFloor.get(floor);
    return f == null ? Set.of() : f.waiting;
  }

  /** Remembers the agent's waiting request and the place they were told; null when not waiting. */
  void trackWaiting(Connection connection, String requestId, Integer position) {
    connection.trackWaiting(requestId, position);
    Floor f = byFloor.get(connection.user().floor());
    if (f == null) {
      return;
    }
    if (connection.waitingRequestId() == null) {
      f.waiting.remove(connection);
      return;
    }
    // added first and checked after, so a socket closing meanwhile is never left in the set
    f.waiting.add(connection);
    if (!f.has(connection)) {
      f.waiting.remove(connection);
    }
  }

  /** The specialists' sockets, whose leases this node renews. */
  List<Presence.Lease> leases() {
    return byFloor.values().stream()
        .flatMap(f -> f.staff.stream())
        .filter(c -> c.user().has(Role.SPECIALIST))
        .map(c -> new Presence.Lease(c.user().floor(), c.user().id(), c.id()))
        .toList();
  }

  /**
   * One floor's sockets, indexed the ways events look for them: an event is forwarded by one thread
   * for the whole node, and looking through every agent's socket for the few it concerns was most
   * of that thread's work.
   */
  private static final class Floor {
    final Set<Connection> staff = ConcurrentHashMap.newKeySet();
    final Set<Connection> waiting = ConcurrentHashMap.newKeySet();
    final Map<String, Set<Connection>> byUser = new ConcurrentHashMap<>();

    void add(Connection c) {
      if (c.user().hasAny(Role.SPECIALIST, Role.MANAGER)) {
        staff.add(c);
      }
      byUser.compute(
          c.user().id(),
          (id, mine) -> {
            Set<Connection> set = mine == null ? ConcurrentHashMap.newKeySet() : mine;
            set.add(c);
            return set;
          });
    }

    void remove(Connection c) {
      staff.remove(c);
      waiting.remove(c);
      byUser.computeIfPresent(
          c.user().id(),
          (id, mine) -> {
            mine.remove(c);
            return mine.isEmpty() ? null : mine;
          });
    }

    boolean has(Connection c) {
      Set<Connection> mine = byUser.get(c.user().id());
      return mine != null && mine.contains(c);
    }
  }
}

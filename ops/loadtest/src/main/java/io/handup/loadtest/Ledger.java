package io.handup.loadtest;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * What the run sent and what the agents heard back, to count at the end the requests that were
 * lost, duplicated or stuck. Thread-safe.
 *
 * <ul>
 *   <li><b>duplicated</b>: one clientKey answered with more than one request id (each extra id
 *       counts once);
 *   <li><b>stuck</b>: acknowledged, its agent never heard it end, and the server still lists it
 *       open at the end;
 *   <li><b>lost</b>: acknowledged, its agent never heard it end, and the server does not list it
 *       open either (it vanished, or its end was never delivered).
 * </ul>
 */
final class Ledger {

  static final Set<String> ENDED = Set.of("RESOLVED", "CANCELLED", "EXPIRED");

  private final Map<String, Set<String>> idsByClientKey = new LinkedHashMap<>();
  private final Map<String, String> endById = new LinkedHashMap<>();
  private final Set<String> acked = new LinkedHashSet<>();

  synchronized void raised(String clientKey) {
    idsByClientKey.putIfAbsent(clientKey, new LinkedHashSet<>());
  }

  synchronized void acked(String clientKey, String requestId) {
    idsByClientKey.computeIfAbsent(clientKey, k -> new LinkedHashSet<>()).add(requestId);
    acked.add(requestId);
  }

  /** The request's agent heard it in this state (from an event or an ack). */
  synchronized void heard(String requestId, String state) {
    if (ENDED.contains(state) && acked.contains(requestId)) {
      endById.putIfAbsent(requestId, state);
    }
  }

  synchronized boolean hasEnded(String requestId) {
    return endById.containsKey(requestId);
  }

  /** Acknowledged requests the agents have not yet heard end. */
  synchronized int open() {
    return acked.size() - endById.size();
  }

  synchronized Set<String> unended() {
    Set<String> ids = new LinkedHashSet<>(acked);
    ids.removeAll(endById.keySet());
    return ids;
  }

  synchronized Counts counts(Set<String> openOnServer) {
    int duplicated = 0;
    int unacked = 0;
    for (Set<String> ids : idsByClientKey.values()) {
      duplicated += Math.max(0, ids.size() - 1);
      unacked += ids.isEmpty() ? 1 : 0;
    }
    Set<String> notEnded = new HashSet<>(acked);
    notEnded.removeAll(endById.keySet());
    int stuck = 0;
    for (String id : notEnded) {
      stuck += openOnServer.contains(id) ? 1 : 0;
    }
    int resolved = 0;
    int cancelled = 0;
    int expired = 0;
    for (String end : endById.values()) {
      switch (end) {
        case "RESOLVED" -> resolved++;
        case "CANCELLED" -> cancelled++;
        default -> expired++;
      }
    }
    return new Counts(
        idsByClientKey.size(),
        unacked,
        acked.size(),
        resolved,
        cancelled,
        expired,
        duplicated,
        notEnded.size() - stuck,
        stuck);
  }

  record Counts(
      int raised,
      int unacked,
      int acked,
      int resolved,
      int cancelled,
      int expired,
      int duplicated,
      int lost,
      int stuck) {}
}

package io.handup.realtime;

import io.handup.directory.Role;
import io.handup.request.HelpRequest;
import io.handup.request.HelpRequests;
import io.handup.request.RequestView;
import io.handup.system.ErrorCode;
import io.handup.system.Times;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Turns one event of a floor's stream into frames for the sockets on this node that may see it. */
@Component
class Fanout {

  private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {};

  static final CloseStatus ROLES_CHANGED = new CloseStatus(4002, "Your roles changed; reconnect");

  private final JsonMapper json;
  private final Frames frames;
  private final Connections connections;
  private final HelpRequests requests;

  Fanout(JsonMapper json, Frames frames, Connections connections, HelpRequests requests) {
    this.json = json;
    this.frames = frames;
    this.connections = connections;
    this.requests = requests;
  }

  void deliver(String floor, Map<String, String> event) {
    Map<String, Object> data = json.readValue(event.get("data"), OBJECT);
    switch (event.getOrDefault("kind", "")) {
      case "request" -> request(floor, HelpRequest.fromHash(strings(data)), data);
      case "presence" -> presence(floor, data);
      case "said" -> said(floor, event, data);
      case "offer" -> offer(floor, event.get("to"), HelpRequest.fromHash(strings(data)));
      case "user" -> user(floor, data);
      default -> {
        // an event kind from a newer node: nothing this node knows how to show
      }
    }
  }

  /**
   * An administrator disabled someone, or changed their roles or floor: their sockets on this node
   * close at once (a disabled user with the reason), rather than when their token runs out.
   */
  private void user(String floor, Map<String, Object> data) {
    Object id = data.get("id");
    if (Boolean.TRUE.equals(data.get("changed"))) {
      // their roles or floor changed: the client reconnects at once and its hello reads the new
      // ones (a socket holds the user as they were when it said hello)
      List.copyOf(connections.of(floor, String.valueOf(id))).forEach(c -> c.close(ROLES_CHANGED));
      return;
    }
    if (!Boolean.TRUE.equals(data.get("disabled"))) {
      return;
    }
    String frame = frames.error(null, ErrorCode.UNAUTHENTICATED, "Your account was disabled");
    List.copyOf(connections.of(floor, String.valueOf(id)))
        .forEach(c -> c.refuse(frame, CloseStatus.POLICY_VIOLATION));
  }

  private void request(String floor, HelpRequest request, Map<String, Object> event) {
    Collection<Connection> staff = connections.staff(floor);
    List<Connection> agent =
        connections.of(floor, request.agentId()).stream()
            .filter(c -> c.user().has(Role.AGENT))
            .toList();
    if (!staff.isEmpty() || !agent.isEmpty()) {
      // a waiting request's event brings its place in line, read in the step that changed it;
      // an event without it (a node of an older version wrote it) costs a round trip
      Map<String, Object> view =
          request.state().isWaiting() && event.get("position") instanceof Number position
              ? RequestView.of(
                  request,
                  true,
                  position.intValue(),
                  event.get("estimatedWait") instanceof Number estimate
                      ? estimate.longValue()
                      : null)
              : requests.view(request, true);
      // agents and specialists get the same frame; managers' carries the rating as well
      String plain = frames.frame("request", "request", withoutRating(view));
      boolean managers = staff.stream().anyMatch(c -> c.user().has(Role.MANAGER));
      String rated = managers ? frames.frame("request", "request", view) : plain;
      staff.forEach(c -> c.deliver(c.user().has(Role.MANAGER) ? rated : plain));
      Integer position = (Integer) view.get("position");
      agent.forEach(
          c -> {
            connections.trackWaiting(c, request.id(), position);
            c.deliver(plain);
          });
    }
    tellWaitingAgentsTheirPlace(floor, request.id());
  }

  /**
   * Any change may move the line (a claim, a cancel, an urgent raise going to the front): waiting
   * agents on this node whose place changed get their request again with the new position.
   */
  private void tellWaitingAgentsTheirPlace(String floor, String changedId) {
    List<Connection> waiting =
        connections.waiting(floor).stream()
            .filter(c -> c.waitingRequestId() != null && !c.waitingRequestId().equals(changedId))
            .toList();
    if (waiting.isEmpty()) {
      return;
    }
    // this runs for every event on the one thread that follows the stream: three pipelined
    // round trips at most, however many agents wait
    List<Integer> positions =
        requests.positions(floor, waiting.stream().map(Connection::waitingRequestId).toList());
    Map<String, List<Connection>> moved = new LinkedHashMap<>();
    for (int i = 0; i < waiting.size(); i++) {
      Connection c = waiting.get(i);
      Integer position = positions.get(i);
      if (position != null && !position.equals(c.toldPosition())) {
        moved.computeIfAbsent(c.waitingRequestId(), id -> new ArrayList<>()).add(c);
      }
    }
    if (moved.isEmpty()) {
      return;
    }
    List<HelpRequest> movedRequests = requests.findAll(floor, List.copyOf(moved.keySet()));
    List<Map<String, Object>> views = requests.views(floor, movedRequests, false);
    for (Map<String, Object> view : views) {
      String id = (String) view.get("id");
      String frame = frames.frame("request", "request", view);
      for (Connection c : moved.getOrDefault(id, List.of())) {
        connections.trackWaiting(c, id, (Integer) view.get("position"));
        c.deliver(frame);
      }
    }
  }

  private void presence(String floor, Map<String, Object> specialist) {
    Map<String, Object> view = new LinkedHashMap<>(specialist);
    if ("".equals(view.get("requestId"))) {
      view.put("requestId", null);
    }
    // the end of a rotation break, epoch ms in Redis
    Object until = view.get("until");
    view.put(
        "until",
        until == null || "".equals(until)
            ? null
            : Times.iso(Instant.ofEpochMilli(Long.parseLong(String.valueOf(until)))));
    String frame = frames.frame("presence", "specialist", view);
    connections.staff(floor).forEach(c -> c.deliver(frame));
  }

  private void said(String floor, Map<String, String> event, Map<String, Object> line) {
    String agent = event.get("agent");
    String specialist = event.get("specialist");
    String frame =
        frames.frame(
            "said",
            "requestId",
            line.get("requestId"),
            "from",
            line.get("from"),
            "fromName",
            line.get("fromName"),
            "text",
            line.get("text"),
            "at",
            Times.iso(Instant.ofEpochMilli(Long.parseLong(String.valueOf(line.get("at"))))));
    Set<Connection> parties = new LinkedHashSet<>();
    if (agent != null) {
      parties.addAll(connections.of(floor, agent));
    }
    if (specialist != null) {
      parties.addAll(connections.of(floor, specialist));
    }
    parties.forEach(c -> c.deliver(frame));
  }

  private void offer(String floor, String to, HelpRequest request) {
    String frame =
        frames.frame(
            "offer",
            "request",
            RequestView.of(request, false, null, null),
            "expiresAt",
            Times.iso(request.offerExpiresAt()));
    if (to == null) {
      return;
    }
    connections.of(floor, to).stream()
        .filter(c -> c.user().has(Role.SPECIALIST))
        .forEach(c -> c.deliver(frame));
  }

  private static Map<String, Object> withoutRating(Map<String, Object> view) {
    Map<String, Object> plain = new LinkedHashMap<>(view);
    RequestView.RATING_FIELDS.forEach(plain::remove);
    return plain;
  }

  private static Map<String, String> strings(Map<String, Object> data) {
    Map<String, String> hash = new LinkedHashMap<>();
    data.forEach((k, v) -> hash.put(k, v == null ? null : String.valueOf(v)));
    return hash;
  }
}

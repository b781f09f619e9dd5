package io.handup.realtime;

import io.handup.directory.Directory;
import io.handup.directory.Role;
import io.handup.directory.User;
import io.handup.directory.UserCard;
import io.handup.dispatch.Presence;
import io.handup.request.HelpRequest;
import io.handup.request.HelpRequests;
import io.handup.request.Lifecycle;
import io.handup.request.Outcome;
import io.handup.request.Raise;
import io.handup.request.RequestView;
import io.handup.security.Tokens;
import io.handup.system.ErrorCode;
import io.handup.system.HandupSettings;
import io.handup.system.Refused;
import java.security.Principal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.TextWebSocketHandler;
import redis.clients.jedis.exceptions.JedisException;
import tools.jackson.databind.JsonNode;

/**
 * The protocol at {@code /ws}: a {@code hello} within five seconds, then frames that each get an
 * {@code ack} or an {@code error} with the frame's {@code ref}. A bad frame never closes the socket
 * of a signed-in user; only one over the size limit does.
 */
@Component
class FloorSocket extends TextWebSocketHandler {

  static final Duration HELLO_DEADLINE = Duration.ofSeconds(5);
  private static final Logger log = LoggerFactory.getLogger(FloorSocket.class);

  /** Who may send which frame; {@code hello} is for everyone. */
  private static final Map<String, Set<Role>> ALLOWED =
      Map.ofEntries(
          Map.entry("raise", EnumSet.of(Role.AGENT)),
          Map.entry("amend", EnumSet.of(Role.AGENT)),
          Map.entry("cancel", EnumSet.of(Role.AGENT)),
          Map.entry("rate", EnumSet.of(Role.AGENT)),
          Map.entry("flag", EnumSet.of(Role.AGENT)),
          Map.entry("say", EnumSet.of(Role.AGENT, Role.SPECIALIST)),
          Map.entry("presence", EnumSet.of(Role.SPECIALIST)),
          Map.entry("claim", EnumSet.of(Role.SPECIALIST)),
          Map.entry("decline", EnumSet.of(Role.SPECIALIST)),
          Map.entry("release", EnumSet.of(Role.SPECIALIST)),
          Map.entry("transfer", EnumSet.of(Role.SPECIALIST)),
          Map.entry("arrive", EnumSet.of(Role.SPECIALIST)),
          Map.entry("resolve", EnumSet.of(Role.SPECIALIST)));

  private final FrameReader reader;
  private final Frames frames;
  private final Tokens tokens;
  private final Directory directory;
  private final Lifecycle lifecycle;
  private final HelpRequests requests;
  private final Presence presence;
  private final Connections connections;
  private final TaskScheduler scheduler;
  private final HandupSettings settings;
  private final Clock clock;
  private final Map<String, Connection> bySession = new ConcurrentHashMap<>();

  FloorSocket(
      FrameReader reader,
      Frames frames,
      Tokens tokens,
      Directory directory,
      Lifecycle lifecycle,
      HelpRequests requests,
      Presence presence,
      Connections connections,
      TaskScheduler scheduler,
      HandupSettings settings,
      Clock clock) {
    this.reader = reader;
    this.frames = frames;
    this.tokens = tokens;
    this.directory = directory;
    this.lifecycle = lifecycle;
    this.requests = requests;
    this.presence = presence;
    this.connections = connections;
    this.scheduler = scheduler;
    this.settings = settings;
    this.clock = clock;
  }

  @Override
  public void afterConnectionEstablished(WebSocketSession session) {
    Connection connection = new Connection(session, connections.senders());
    bySession.put(session.getId(), connection);
    scheduler.schedule(
        () -> {
          if (!connection.isAuthenticated() && connection.isOpen()) {
            refuseAndClose(connection, null, "Say hello with a token within 5 seconds");
          }
        },
        Instant.now().plus(HELLO_DEADLINE));
  }

  @Override
  public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
    Connection connection = bySession.remove(session.getId());
    if (connection == null || !connection.isAuthenticated()) {
      return;
    }
    connections.remove(connection);
    User user = connection.user();
    if (user.has(Role.SPECIALIST)) {
      try {
        presence.disconnect(user, connection.id());
      } catch (RuntimeException e) {
        // the lease runs out on its own and the sweep sets them OFFLINE
        log.warn("Presence of {} not updated on disconnect: {}", user.id(), e.getMessage());
      }
    }
  }

  @Override
  protected void handleTextMessage(WebSocketSession session, TextMessage message) {
    Connection connection = bySession.get(session.getId());
    if (connection == null) {
      return;
    }
    // frames arrive in parts of the container's small buffer; a frame over the limit is refused
    // as soon as its parts pass it, without ever holding the whole of it
    Connection.Assembly assembly =
        connection.assemble(message.getPayload(), message.isLast(), settings.maxFrameBytes());
    if (assembly.tooLarge()) {
      connection.refuse(
          frames.error(
              null,
              ErrorCode.TOO_LARGE,
              "Frames may be at most " + settings.maxFrameBytes() + " bytes"),
          CloseStatus.TOO_BIG_TO_PROCESS);
      return;
    }
    String payload = assembly.frame();
    if (payload == null) {
      return;
    }
    JsonNode frame = reader.read(payload);
    JsonNode ref = frame != null && frame.isObject() ? frame.get("ref") : null;
    if (!connection.isAuthenticated()) {
      if (frame != null && "hello".equals(frame.path("type").asString(""))) {
        hello(connection, frame, ref);
      } else {
        refuseAndClose(connection, ref, "The first frame must be hello");
      }
      return;
    }
    // every frame counts against the limit, also one that is not even JSON
    if (!connection.allowFrame()) {
      connection.send(
          frames.error(ref, ErrorCode.RATE_LIMITED, "Too many frames; slow down a little"));
      return;
    }
    if (frame == null || !frame.isObject()) {
      connection.send(frames.error(null, ErrorCode.BAD_REQUEST, "A frame is one JSON object"));
      return;
    }
    try {
      connection.send(handle(connection.user(), frame, ref));
    } catch (Refused e) {
      connection.send(frames.error(ref, e.code(), e.getMessage()));
    } catch (JedisException e) {
      log.warn("Redis failed during a frame: {}", e.getMessage());
      connection.send(
          frames.error(ref, ErrorCode.UNAVAILABLE, "Storage is unreachable; please retry"));
    } catch (RuntimeException e) {
      log.error("A frame failed", e);
      connection.send(
          frames.error(ref, ErrorCode.UNAVAILABLE, "Something went wrong on our side; retry"));
    }
  }

  /**
   * A binary frame is a bad frame like any other: it is answered, and it does not close the socket
   * of a signed-in user (the base class would close it with 1003).
   */
  @Override
  protected void handleBinaryMessage(WebSocketSession session, BinaryMessage message) {
    Connection connection = bySession.get(session.getId());
    if (connection == null) {
      return;
    }
    if (!connection.isAuthenticated()) {
      refuseAndClose(connection, null, "The first frame must be hello");
      return;
    }
    if (!connection.allowFrame()) {
      connection.send(
          frames.error(null, ErrorCode.RATE_LIMITED, "Too many frames; slow down a little"));
      return;
    }
    connection.send(
        frames.error(null, ErrorCode.BAD_REQUEST, "A frame is one JSON object in a text frame"));
  }

  /** Parts, so the container need not reserve a frame-sized buffer for every socket. */
  @Override
  public boolean supportsPartialMessages() {
    return true;
  }

  @Override
  public void handleTransportError(WebSocketSession session, Throwable exception) {
    log.debug("Transport error on {}: {}", session.getId(), exception.getMessage());
  }

  private String handle(User user, JsonNode frame, JsonNode ref) {
    String type = text(frame, "type");
    if (type == null) {
      throw new Refused(ErrorCode.BAD_REQUEST, "Every frame needs a type");
    }
    if ("hello".equals(type)) {
      throw new Refused(ErrorCode.BAD_REQUEST, "Already signed in on this socket");
    }
    Set<Role> allowed = ALLOWED.get(type);
    if (allowed == null) {
      throw new Refused(ErrorCode.UNKNOWN_TYPE, "Unknown frame type '" + type + "'");
    }
    if (allowed.stream().noneMatch(user::has)) {
      throw new Refused(ErrorCode.FORBIDDEN, "Your role may not send '" + type + "'");
    }
    String id = text(frame, "requestId");
    return switch (type) {
      case "raise" ->
          agentAck(
              ref,
              lifecycle.raise(
                  user,
                  new Raise(
                      text(frame, "clientKey"),
                      text(frame, "topic"),
                      bool(frame, "urgent"),
                      text(frame, "note"))));
      case "amend" ->
          agentAck(
              ref,
              lifecycle.amend(
                  user, id, text(frame, "topic"), bool(frame, "urgent"), text(frame, "note")));
      case "cancel" ->
          agentAck(ref, lifecycle.cancel(user, id, text(frame, "reason"), text(frame, "entryId")));
      case "rate" -> {
        lifecycle.rate(
            user,
            id,
            score(frame),
            Boolean.TRUE.equals(bool(frame, "wrong")),
            text(frame, "comment"));
        yield frames.ack(ref);
      }
      case "flag" -> {
        lifecycle.flag(user, id, text(frame, "reason"));
        yield frames.ack(ref);
      }
      case "say" -> {
        lifecycle.say(user, id, text(frame, "text"));
        yield frames.ack(ref);
      }
      case "presence" -> frames.ack(ref, "specialist", presence.set(user, text(frame, "status")));
      case "claim" -> staffAck(ref, lifecycle.claim(user, id));
      case "decline" -> {
        lifecycle.decline(user, id);
        yield frames.ack(ref);
      }
      case "release" -> staffAck(ref, lifecycle.release(user, id));
      case "transfer" -> {
        String to = text(frame, "to");
        if (to == null || to.isBlank()) {
          throw new Refused(
              ErrorCode.BAD_REQUEST, "to is required: the specialist to hand over to");
        }
        User target =
            directory
                .find(to)
                .orElseThrow(() -> new Refused(ErrorCode.NOT_FOUND, "No specialist " + to));
        yield staffAck(ref, lifecycle.transfer(user, id, target));
      }
      case "arrive" -> staffAck(ref, lifecycle.arrive(user, id));
      case "resolve" ->
          staffAck(
              ref,
              lifecycle.resolve(
                  user,
                  id,
                  outcome(text(frame, "outcome")),
                  text(frame, "note"),
                  text(frame, "entryId")));
      default -> throw new Refused(ErrorCode.UNKNOWN_TYPE, "Unknown frame type '" + type + "'");
    };
  }

  private void hello(Connection connection, JsonNode frame, JsonNode ref) {
    JsonNode tokenNode = frame.get("token");
    String token = tokenNode != null && tokenNode.isString() ? tokenNode.stringValue() : null;
    Optional<User> user =
        token != null
            ? tokens.verify(token).flatMap(directory::active)
            : sessionUser(connection.session().getPrincipal())
                .filter(u -> !directory.isDisabled(u.id()));
    if (user.isEmpty()) {
      refuseAndClose(connection, ref, "The token is missing, invalid or expired");
      return;
    }
    connection.authenticate(user.get());
    connection.beginSync();
    connections.add(connection);
    connection.send(frames.frame("welcome", "ref", ref, "user", UserCard.of(user.get())));
    if (user.get().has(Role.SPECIALIST)) {
      presence.connect(user.get(), connection.id());
    }
    connection.endSync(snapshot(user.get()));
  }

  private String snapshot(User user) {
    List<Object> open = new ArrayList<>();
    List<Object> chat = new ArrayList<>();
    if (user.hasAny(Role.SPECIALIST, Role.MANAGER)) {
      boolean withRating = user.has(Role.MANAGER);
      List<HelpRequest> floorOpen = requests.open(user.floor());
      open.addAll(requests.views(user.floor(), floorOpen, withRating));
      for (HelpRequest r : floorOpen) {
        if (user.id().equals(r.specialistId())) {
          requests.chat(user.floor(), r.id()).forEach(line -> chat.add(line.view()));
        }
      }
      return frames.frame(
          "snapshot",
          "requests",
          open,
          "specialists",
          presence.onFloor(user.floor()),
          "chat",
          chat);
    }
    if (user.has(Role.AGENT)) {
      Instant startOfToday =
          LocalDate.now(clock.withZone(settings.timeZone()))
              .atStartOfDay(settings.timeZone())
              .toInstant();
      List<Object> today =
          requests.raisedBy(user.floor(), user.id(), startOfToday).stream()
              .map(r -> (Object) RequestView.of(r, false, null, null))
              .toList();
      requests
          .openFor(user.floor(), user.id())
          .ifPresent(
              r -> {
                open.add(requests.view(r, false));
                requests.chat(user.floor(), r.id()).forEach(line -> chat.add(line.view()));
              });
      return frames.frame("snapshot", "requests", open, "today", today, "chat", chat);
    }
    return frames.frame("snapshot", "requests", open);
  }

  private String agentAck(JsonNode ref, HelpRequest request) {
    return frames.ack(ref, "request", requests.view(request, false));
  }

  private String staffAck(JsonNode ref, HelpRequest request) {
    return frames.ack(ref, "request", requests.view(request, false));
  }

  private void refuseAndClose(Connection connection, JsonNode ref, String message) {
    connection.refuse(
        frames.error(ref, ErrorCode.UNAUTHENTICATED, message), CloseStatus.POLICY_VIOLATION);
  }

  private static Optional<User> sessionUser(Principal principal) {
    return principal instanceof Authentication auth && auth.getPrincipal() instanceof User user
        ? Optional.of(user)
        : Optional.empty();
  }

  private static String text(JsonNode frame, String field) {
    JsonNode node = frame.get(field);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isString()) {
      throw new Refused(ErrorCode.BAD_REQUEST, field + " must be a string");
    }
    return node.stringValue();
  }

  private static Boolean bool(JsonNode frame, String field) {
    JsonNode node = frame.get(field);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isBoolean()) {
      throw new Refused(ErrorCode.BAD_REQUEST, field + " must be true or false");
    }
    return node.booleanValue();
  }

  private static int score(JsonNode frame) {
    JsonNode node = frame.get("score");
    // canConvertToInt: 4294967297 is integral too, but no score
    if (node == null || !node.isIntegralNumber() || !node.canConvertToInt()) {
      throw new Refused(ErrorCode.BAD_REQUEST, "score must be a whole number from 1 to 5");
    }
    return node.asInt();
  }

  private static Outcome outcome(String value) {
    if (value == null) {
      return null;
    }
    try {
      return Outcome.valueOf(value);
    } catch (IllegalArgumentException e) {
      throw new Refused(
          ErrorCode.BAD_REQUEST, "outcome must be ANSWERED, ESCALATED, NO_ANSWER or CANT_FIND");
    }
  }
}

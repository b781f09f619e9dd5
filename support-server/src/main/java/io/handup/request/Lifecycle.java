package io.handup.request;

import io.handup.directory.Role;
import io.handup.directory.User;
import io.handup.system.DutySettings;
import io.handup.system.ErrorCode;
import io.handup.system.HandupSettings;
import io.handup.system.LiveSettings;
import io.handup.system.RedisScripts;
import io.handup.system.Refused;
import io.handup.system.ScriptReply;
import io.handup.system.Texts;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Every change to a help request, each one Lua script. The script checks the state and the caller's
 * hold on the request; this class checks the caller's role and the input first.
 */
@Component
public class Lifecycle {

  static final int MAX_CHAT = 2000;
  static final int MAX_COMMENT = 1000;
  private static final int MAX_ID = 64;
  private static final long CLIENT_KEY_TTL_SECONDS = 86_400;
  private static final int LAPSES_BEFORE_AWAY = 2;
  // the dispatcher looks this far down the queue for a request a free specialist may take
  private static final int OFFER_SCAN = 200;

  private final RedisScripts scripts;
  private final HandupSettings settings;
  // timeouts an administrator may change while the service runs
  private final LiveSettings live;
  private final Clock clock;
  private final ApplicationEventPublisher events;
  private final DutySettings duty;

  Lifecycle(
      RedisScripts scripts,
      HandupSettings settings,
      LiveSettings live,
      Clock clock,
      ApplicationEventPublisher events,
      DutySettings duty) {
    this.scripts = scripts;
    this.settings = settings;
    this.live = live;
    this.clock = clock;
    this.events = events;
    this.duty = duty;
  }

  public HelpRequest raise(User agent, Raise raise) {
    require(agent, Role.AGENT, "raise");
    return transition(
        "raise",
        agent.floor(),
        agent.id(),
        raise.clientKey(),
        agent.name(),
        Texts.orEmpty(agent.seat()),
        Texts.orEmpty(raise.topic()),
        raise.urgent() ? "1" : "0",
        Texts.orEmpty(raise.note()),
        millis(live.requestExpiry()),
        agent.floor(),
        String.valueOf(CLIENT_KEY_TTL_SECONDS));
  }

  /** Adds a topic, the urgent mark or a note while waiting; a null field is left as it is. */
  public HelpRequest amend(
      User agent, String requestId, String topic, Boolean urgent, String note) {
    require(agent, Role.AGENT, "amend");
    return transition(
        "amend",
        agent.floor(),
        agent.id(),
        id(requestId),
        topic == null ? "-" : Texts.orEmpty(Texts.optional("topic", topic, Raise.MAX_TOPIC)),
        urgent == null ? "-" : (urgent ? "1" : "0"),
        note == null ? "-" : Texts.orEmpty(Texts.optional("note", note, Raise.MAX_NOTE)));
  }

  public HelpRequest cancel(User agent, String requestId) {
    return cancel(agent, requestId, null, null);
  }

  /**
   * Withdraws the request; with {@code reason} {@link HelpRequest#SELF_SERVED} the agent found the
   * answer themselves, in knowledge entry {@code entryId} when given.
   */
  public HelpRequest cancel(User agent, String requestId, String reason, String entryId) {
    require(agent, Role.AGENT, "cancel");
    if (reason != null && !HelpRequest.SELF_SERVED.equals(reason)) {
      throw new Refused(ErrorCode.BAD_REQUEST, "reason must be self_served or left out");
    }
    if (entryId != null && reason == null) {
      throw new Refused(ErrorCode.BAD_REQUEST, "entryId goes with reason self_served");
    }
    return transition(
        "cancel",
        agent.floor(),
        agent.id(),
        id(requestId),
        Texts.orEmpty(reason),
        Texts.orEmpty(entry(entryId)));
  }

  public HelpRequest claim(User specialist, String requestId) {
    require(specialist, Role.SPECIALIST, "claim");
    return transition(
        "claim",
        specialist.floor(),
        specialist.id(),
        specialist.name(),
        id(requestId),
        Texts.orEmpty(specialist.seat()));
  }

  public HelpRequest decline(User specialist, String requestId) {
    require(specialist, Role.SPECIALIST, "decline");
    return transition("decline", specialist.floor(), specialist.id(), id(requestId));
  }

  public HelpRequest release(User specialist, String requestId) {
    require(specialist, Role.SPECIALIST, "release");
    return transition(
        "release",
        specialist.floor(),
        specialist.id(),
        id(requestId),
        millis(live.requestExpiry()),
        millis(live.rotationMaxOnFloor()),
        String.valueOf(live.rotationMaxClaims()),
        millis(live.rotationOffFloor()));
  }

  public HelpRequest transfer(User specialist, String requestId, User to) {
    require(specialist, Role.SPECIALIST, "transfer");
    if (to == null || !to.has(Role.SPECIALIST) || !to.floor().equals(specialist.floor())) {
      throw new Refused(ErrorCode.BAD_REQUEST, "Transfer to a specialist of your floor");
    }
    return transition(
        "transfer",
        specialist.floor(),
        specialist.id(),
        id(requestId),
        to.id(),
        to.name(),
        millis(live.offerTimeout()),
        millis(live.requestExpiry()));
  }

  public HelpRequest arrive(User specialist, String requestId) {
    require(specialist, Role.SPECIALIST, "arrive");
    return transition("arrive", specialist.floor(), specialist.id(), id(requestId));
  }

  /** Resolves; a specialist who reached a rotation cap then goes off the floor for a while. */
  public HelpRequest resolve(User specialist, String requestId, Outcome outcome, String note) {
    return resolve(specialist, requestId, outcome, note, null);
  }

  /** Resolves; {@code entryId}, when given, is the knowledge entry the answer came from. */
  public HelpRequest resolve(
      User specialist, String requestId, Outcome outcome, String note, String entryId) {
    require(specialist, Role.SPECIALIST, "resolve");
    return transition(
        "resolve",
        specialist.floor(),
        specialist.id(),
        id(requestId),
        (outcome == null ? Outcome.ANSWERED : outcome).name(),
        Texts.orEmpty(Texts.optional("note", note, Raise.MAX_NOTE)),
        Texts.orEmpty(entry(entryId)),
        millis(live.rotationMaxOnFloor()),
        String.valueOf(live.rotationMaxClaims()),
        millis(live.rotationOffFloor()));
  }

  public HelpRequest rate(User agent, String requestId, int score, boolean wrong, String comment) {
    require(agent, Role.AGENT, "rate");
    if (score < 1 || score > 5) {
      throw new Refused(ErrorCode.BAD_REQUEST, "score must be 1 to 5");
    }
    return transition(
        "rate",
        agent.floor(),
        agent.id(),
        id(requestId),
        String.valueOf(score),
        wrong ? "1" : "0",
        Texts.orEmpty(Texts.optional("comment", comment, MAX_COMMENT)));
  }

  /** The agent found out today that the answer was wrong. */
  public HelpRequest flag(User agent, String requestId, String reason) {
    require(agent, Role.AGENT, "flag");
    long startOfToday =
        LocalDate.now(clock.withZone(settings.timeZone()))
            .atStartOfDay(settings.timeZone())
            .toInstant()
            .toEpochMilli();
    return transition(
        "flag",
        agent.floor(),
        agent.id(),
        id(requestId),
        Texts.orEmpty(Texts.optional("reason", reason, MAX_COMMENT)),
        String.valueOf(startOfToday));
  }

  /**
   * A manager confirms ({@code confirmed}) or dismisses an answer flagged wrong, once, with the
   * correction; the request leaves the review queue.
   */
  public HelpRequest review(User manager, String requestId, boolean confirmed, String correction) {
    if (!manager.hasAny(Role.MANAGER, Role.ADMIN)) {
      throw new Refused(ErrorCode.FORBIDDEN, "Only a manager can review a flagged answer");
    }
    return transition(
        "review",
        manager.floor(),
        manager.id(),
        id(requestId),
        confirmed ? "CONFIRMED" : "DISMISSED",
        Texts.orEmpty(Texts.optional("correction", correction, MAX_COMMENT)));
  }

  /** A chat line from the request's agent or the specialist who claimed it. */
  public HelpRequest say(User user, String requestId, String text) {
    Role role = user.has(Role.AGENT) ? Role.AGENT : Role.SPECIALIST;
    if (!user.hasAny(Role.AGENT, Role.SPECIALIST)) {
      throw new Refused(ErrorCode.FORBIDDEN, "Only the agent and the specialist on it can chat");
    }
    return transition(
        "say",
        user.floor(),
        user.id(),
        id(requestId),
        Texts.required("text", text, MAX_CHAT),
        role.name(),
        user.name());
  }

  /**
   * Offers waiting requests of the floor to free specialists on duty, in routing order.
   *
   * @return the offers made: request id to specialist id
   */
  public Map<String, String> offerWaiting(String floor) {
    return scripts
        .onFloor(
            "offer",
            floor,
            millis(live.offerTimeout()),
            String.valueOf(OFFER_SCAN),
            millis(live.skillCheckValidity()),
            duty.unrosteredOnDuty() ? "1" : "0")
        .hash();
  }

  /** Fires an expiry timer; empty when another node fired it first or it no longer applies. */
  public Optional<HelpRequest> expire(String floor, String requestId, String timer) {
    return timed("expire", floor, requestId, timer);
  }

  /** Fires an offer timeout; empty when another node fired it first or it no longer applies. */
  public Optional<HelpRequest> lapse(String floor, String requestId, String timer) {
    return timed("lapse", floor, requestId, timer, String.valueOf(LAPSES_BEFORE_AWAY));
  }

  private Optional<HelpRequest> timed(String script, String floor, String... args) {
    ScriptReply reply = scripts.onFloor(script, floor, args);
    if (reply.gone()) {
      return Optional.empty();
    }
    return Optional.of(published(script, reply));
  }

  private HelpRequest transition(String script, String floor, String... args) {
    return published(script, scripts.onFloor(script, floor, args));
  }

  private HelpRequest published(String script, ScriptReply reply) {
    HelpRequest request = HelpRequest.fromHash(reply.hash());
    if (reply.changed()) {
      events.publishEvent(new RequestChanged(script, request));
    }
    return request;
  }

  private static void require(User user, Role role, String action) {
    if (!user.has(role)) {
      throw new Refused(
          ErrorCode.FORBIDDEN, "Only a " + role.name().toLowerCase(Locale.ROOT) + " can " + action);
    }
  }

  private static String id(String requestId) {
    if (requestId == null || requestId.isBlank() || requestId.length() > MAX_ID) {
      throw new Refused(ErrorCode.BAD_REQUEST, "requestId is required");
    }
    return requestId;
  }

  private static String entry(String entryId) {
    if (entryId == null) {
      return null;
    }
    if (entryId.isBlank() || entryId.length() > MAX_ID) {
      throw new Refused(ErrorCode.BAD_REQUEST, "entryId must be a knowledge entry's id");
    }
    return entryId;
  }

  private static String millis(Duration duration) {
    return String.valueOf(duration.toMillis());
  }
}

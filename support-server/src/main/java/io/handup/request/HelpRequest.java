package io.handup.request;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * One agent's request for help, as stored. {@code specialistSeat} is where the agent can find the
 * specialist who claimed it. Times are null until the step that sets them has happened. The rating
 * fields are for managers only: see {@link RequestView}. {@code entryId} is the knowledge entry the
 * answer came from (or was saved as); {@code cancelReason} is {@code self_served} when the agent
 * withdrew because they found the answer themselves.
 */
public record HelpRequest(
    String id,
    String floor,
    String agentId,
    String agentName,
    String seat,
    String topic,
    boolean urgent,
    String note,
    RequestState state,
    String offeredTo,
    Instant offerExpiresAt,
    String specialistId,
    String specialistName,
    String specialistSeat,
    Instant raisedAt,
    Instant claimedAt,
    Instant arrivedAt,
    Instant resolvedAt,
    Instant cancelledAt,
    Instant expiredAt,
    Outcome outcome,
    String resolveNote,
    boolean rated,
    Integer score,
    boolean wrong,
    String comment,
    boolean flagged,
    String flagReason,
    String clientKey,
    String entryId,
    String cancelReason) {

  /** The one cancel reason there is: the agent found the answer on their own. */
  public static final String SELF_SERVED = "self_served";

  /** Reads the Redis hash the Lua scripts write. */
  public static HelpRequest fromHash(Map<String, String> h) {
    return new HelpRequest(
        h.get("id"),
        h.get("floor"),
        h.get("agentId"),
        h.get("agentName"),
        h.get("seat"),
        h.get("topic"),
        "1".equals(h.get("urgent")),
        h.get("note"),
        RequestState.valueOf(h.get("state")),
        h.get("offeredTo"),
        instant(h.get("offerExpiresAt")),
        h.get("specialistId"),
        h.get("specialistName"),
        h.get("specialistSeat"),
        instant(h.get("raisedAt")),
        instant(h.get("claimedAt")),
        instant(h.get("arrivedAt")),
        instant(h.get("resolvedAt")),
        instant(h.get("cancelledAt")),
        instant(h.get("expiredAt")),
        h.get("outcome") == null ? null : Outcome.valueOf(h.get("outcome")),
        h.get("resolveNote"),
        "1".equals(h.get("rated")),
        h.get("score") == null ? null : Integer.valueOf(h.get("score")),
        "1".equals(h.get("wrong")),
        h.get("comment"),
        "1".equals(h.get("flagged")),
        h.get("flagReason"),
        h.get("clientKey"),
        h.get("entryId"),
        h.get("cancelReason"));
  }

  /** The agent withdrew it because they found the answer in the knowledge base. */
  public boolean selfServed() {
    return state == RequestState.CANCELLED && SELF_SERVED.equals(cancelReason);
  }

  /** Speed of answer: raised to claimed. */
  public Duration waitTime() {
    return between(raisedAt, claimedAt);
  }

  /** How long the agent still waited after the claim: claimed to arrived. */
  public Duration walkTime() {
    return between(claimedAt, arrivedAt);
  }

  /** Claimed to resolved. */
  public Duration handleTime() {
    return between(claimedAt, resolvedAt);
  }

  /**
   * Cancelled before anyone claimed it, or expired. A request the agent withdrew because the
   * knowledge base answered it is not abandoned: the help came, only faster (docs/metrics.md).
   */
  public boolean abandoned() {
    return state == RequestState.EXPIRED
        || (state == RequestState.CANCELLED && claimedAt == null && !selfServed());
  }

  private static Duration between(Instant from, Instant to) {
    return from == null || to == null ? null : Duration.between(from, to);
  }

  private static Instant instant(String epochMillis) {
    return epochMillis == null ? null : Instant.ofEpochMilli(Long.parseLong(epochMillis));
  }
}

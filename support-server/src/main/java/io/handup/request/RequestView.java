package io.handup.request;

import io.handup.system.Times;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A request as the protocol sends it. Ratings travel only to managers: a specialist never learns
 * which agent gave which score.
 */
public final class RequestView {

  /** What only managers see of a request. */
  public static final List<String> RATING_FIELDS =
      List.of("score", "wrong", "comment", "flagReason");

  private RequestView() {}

  /**
   * @param position the place in line while waiting (1 = next), else null
   * @param estimatedWait seconds, while waiting and when recent waits tell; else null
   */
  public static Map<String, Object> of(
      HelpRequest r, boolean withRating, Integer position, Long estimatedWait) {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("id", r.id());
    v.put("floor", r.floor());
    v.put("agentId", r.agentId());
    v.put("agentName", r.agentName());
    v.put("seat", r.seat());
    v.put("topic", r.topic());
    v.put("urgent", r.urgent());
    v.put("note", r.note());
    v.put("state", r.state().name());
    v.put("offeredTo", r.offeredTo());
    v.put("offerExpiresAt", Times.iso(r.offerExpiresAt()));
    v.put("specialistId", r.specialistId());
    v.put("specialistName", r.specialistName());
    v.put("specialistSeat", r.specialistSeat());
    v.put("raisedAt", Times.iso(r.raisedAt()));
    v.put("claimedAt", Times.iso(r.claimedAt()));
    v.put("arrivedAt", Times.iso(r.arrivedAt()));
    v.put("resolvedAt", Times.iso(r.resolvedAt()));
    v.put("cancelledAt", Times.iso(r.cancelledAt()));
    v.put("expiredAt", Times.iso(r.expiredAt()));
    v.put("outcome", r.outcome() == null ? null : r.outcome().name());
    v.put("resolveNote", r.resolveNote());
    v.put("rated", r.rated());
    v.put("flagged", r.flagged());
    v.put("entryId", r.entryId());
    v.put("cancelReason", r.cancelReason());
    v.put("position", position);
    v.put("estimatedWait", estimatedWait);
    if (withRating) {
      v.put("score", r.score());
      v.put("wrong", r.wrong());
      v.put("comment", r.comment());
      v.put("flagReason", r.flagReason());
    }
    return v;
  }
}

package io.handup.dispatch;

import io.handup.system.Times;
import java.time.Instant;
import java.util.Map;

/**
 * A specialist as boards show them.
 *
 * @param requestId the request they hold, or null
 * @param until when a rotation break ends (ISO-8601), or null
 */
public record SpecialistView(
    String id, String name, SpecialistStatus status, String requestId, String until) {

  /** From the presence hash in Redis, or a script's view of it (which calls offUntil until). */
  static SpecialistView fromHash(String id, String fallbackName, Map<String, String> hash) {
    String status = hash.get("status");
    String requestId = hash.get("requestId");
    String until = hash.containsKey("until") ? hash.get("until") : hash.get("offUntil");
    return new SpecialistView(
        id,
        hash.getOrDefault("name", fallbackName),
        status == null ? SpecialistStatus.OFFLINE : SpecialistStatus.valueOf(status),
        requestId == null || requestId.isEmpty() ? null : requestId,
        until == null || until.isEmpty()
            ? null
            : Times.iso(Instant.ofEpochMilli(Long.parseLong(until))));
  }
}

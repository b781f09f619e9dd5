package io.handup.dispatch;

import java.util.Map;

/**
 * A specialist as boards show them.
 *
 * @param requestId the request they hold, or null
 */
public record SpecialistView(String id, String name, SpecialistStatus status, String requestId) {

  static SpecialistView fromHash(String id, String fallbackName, Map<String, String> hash) {
    String status = hash.get("status");
    String requestId = hash.get("requestId");
    return new SpecialistView(
        id,
        hash.getOrDefault("name", fallbackName),
        status == null ? SpecialistStatus.OFFLINE : SpecialistStatus.valueOf(status),
        requestId == null || requestId.isEmpty() ? null : requestId);
  }
}

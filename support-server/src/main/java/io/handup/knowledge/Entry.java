package io.handup.knowledge;

import io.handup.system.Times;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One knowledge entry as stored (kb-save.lua writes the hash). The current version is confirmed
 * when {@code confirmedVersion} equals {@code version}: an edit makes a new, unconfirmed version.
 * An open correction (a confirmed wrong answer that came from this entry) has {@code correctionAt}.
 */
record Entry(
    String id,
    String topic,
    String question,
    String answer,
    String ownerId,
    String ownerName,
    int version,
    Instant createdAt,
    Instant updatedAt,
    String updatedBy,
    String updatedByName,
    String confirmedBy,
    String confirmedByName,
    Instant confirmedAt,
    Integer confirmedVersion,
    String requestId,
    String correction,
    String correctionRequestId,
    String correctionBy,
    Instant correctionAt) {

  static Entry fromHash(Map<String, String> h) {
    return new Entry(
        h.get("id"),
        h.get("topic"),
        h.get("question"),
        h.get("answer"),
        h.get("ownerId"),
        h.get("ownerName"),
        Integer.parseInt(h.getOrDefault("version", "1")),
        instant(h.get("createdAt")),
        instant(h.get("updatedAt")),
        h.get("updatedBy"),
        h.get("updatedByName"),
        h.get("confirmedBy"),
        h.get("confirmedByName"),
        instant(h.get("confirmedAt")),
        h.get("confirmedVersion") == null ? null : Integer.valueOf(h.get("confirmedVersion")),
        h.get("requestId"),
        h.get("correction"),
        h.get("correctionRequestId"),
        h.get("correctionBy"),
        instant(h.get("correctionAt")));
  }

  boolean confirmed() {
    return confirmedVersion != null && confirmedVersion == version;
  }

  boolean correctionOpen() {
    return correctionAt != null;
  }

  /** As the API sends it; {@code correction} is null or what the reviewing manager said. */
  Map<String, Object> view() {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("id", id);
    v.put("topic", topic);
    v.put("question", question);
    v.put("answer", answer);
    v.put("ownerId", ownerId);
    v.put("ownerName", ownerName);
    v.put("version", version);
    v.put("createdAt", Times.iso(createdAt));
    v.put("updatedAt", Times.iso(updatedAt));
    v.put("updatedBy", updatedBy);
    v.put("updatedByName", updatedByName);
    v.put("confirmed", confirmed());
    v.put("confirmedBy", confirmed() ? confirmedBy : null);
    v.put("confirmedByName", confirmed() ? confirmedByName : null);
    v.put("confirmedAt", confirmed() ? Times.iso(confirmedAt) : null);
    v.put("requestId", requestId);
    if (correctionOpen()) {
      Map<String, Object> c = new LinkedHashMap<>();
      c.put("text", correction);
      c.put("requestId", correctionRequestId);
      c.put("by", correctionBy);
      c.put("at", Times.iso(correctionAt));
      v.put("correction", c);
    } else {
      v.put("correction", null);
    }
    return v;
  }

  private static Instant instant(String epochMillis) {
    return epochMillis == null ? null : Instant.ofEpochMilli(Long.parseLong(epochMillis));
  }
}

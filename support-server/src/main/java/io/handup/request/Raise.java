package io.handup.request;

import io.handup.system.ErrorCode;
import io.handup.system.Refused;
import io.handup.system.Texts;

/**
 * What an agent sends with a raise. Only the idempotency key is required: asking must cost one
 * click, the rest can be added while waiting.
 *
 * @param clientKey the caller's idempotency key: the same key always gives the same request
 */
public record Raise(String clientKey, String topic, Boolean urgent, String note) {

  static final int MAX_NOTE = 500;
  static final int MAX_TOPIC = 40;
  static final int MAX_KEY = 100;

  public Raise {
    if (clientKey == null || clientKey.isBlank()) {
      throw new Refused(ErrorCode.BAD_REQUEST, "clientKey is required");
    }
    if (clientKey.length() > MAX_KEY) {
      throw new Refused(ErrorCode.BAD_REQUEST, "clientKey is longer than " + MAX_KEY);
    }
    topic = Texts.optional("topic", topic, MAX_TOPIC);
    note = Texts.optional("note", note, MAX_NOTE);
    urgent = Boolean.TRUE.equals(urgent);
  }
}

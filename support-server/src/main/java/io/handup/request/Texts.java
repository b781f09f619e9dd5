package io.handup.request;

import io.handup.system.ErrorCode;
import io.handup.system.Refused;

/** Checks on the free text users send. */
final class Texts {

  private Texts() {}

  /** A trimmed text, or null when absent or blank. */
  static String optional(String field, String value, int max) {
    if (value == null || value.isBlank()) {
      return null;
    }
    String trimmed = value.strip();
    if (trimmed.length() > max) {
      throw new Refused(ErrorCode.BAD_REQUEST, field + " must be at most " + max + " characters");
    }
    return trimmed;
  }

  static String required(String field, String value, int max) {
    String text = optional(field, value, max);
    if (text == null) {
      throw new Refused(ErrorCode.BAD_REQUEST, field + " is required");
    }
    return text;
  }

  static String orEmpty(String value) {
    return value == null ? "" : value;
  }
}

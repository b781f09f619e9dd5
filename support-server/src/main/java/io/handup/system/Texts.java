package io.handup.system;

/** Checks on the free text users send, the same for every feature. */
public final class Texts {

  private Texts() {}

  /** A trimmed text, or null when absent or blank. */
  public static String optional(String field, String value, int max) {
    if (value == null || value.isBlank()) {
      return null;
    }
    String trimmed = value.strip();
    if (trimmed.length() > max) {
      throw new Refused(ErrorCode.BAD_REQUEST, field + " must be at most " + max + " characters");
    }
    return trimmed;
  }

  public static String required(String field, String value, int max) {
    String text = optional(field, value, max);
    if (text == null) {
      throw new Refused(ErrorCode.BAD_REQUEST, field + " is required");
    }
    return text;
  }

  public static String orEmpty(String value) {
    return value == null ? "" : value;
  }
}

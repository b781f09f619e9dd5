package io.handup.realtime;

import io.handup.directory.Role;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Writes the frames a hostile or broken client might send: valid frames of every type in any order,
 * the same frames with fields of the wrong type, huge, odd or missing, unknown fields, deep
 * nesting, byte-level mutations of valid frames, replays and plain junk. The JSON is written by
 * hand so that it can hold what a JSON library would not write (duplicate keys, NaN, lone
 * surrogates as escapes), and it is always ASCII, so every frame goes over the wire as written.
 */
final class ProtocolFuzzFrames {

  static final List<String> TYPES =
      List.of(
          "hello",
          "raise",
          "amend",
          "cancel",
          "rate",
          "flag",
          "say",
          "presence",
          "claim",
          "decline",
          "release",
          "transfer",
          "arrive",
          "resolve");

  private static final List<String> FIELDS =
      List.of(
          "type",
          "ref",
          "token",
          "clientKey",
          "topic",
          "urgent",
          "note",
          "requestId",
          "score",
          "wrong",
          "comment",
          "reason",
          "text",
          "status",
          "to",
          "outcome");

  private static final List<String> ODD_STRINGS =
      List.of(
          "",
          " ",
          "\t\n\r",
          "\u0000",
          "\u0007\u001b[2J",
          "\ud800",
          "\udfff",
          "x\ud83d",
          "\ud83d\ude00",
          "\u202egnirts desrever",
          "\u200b\u200d\ufeff",
          "\u6c49\u5b57",
          "e\u0301\u0301\u0301",
          "\uffff",
          "null",
          "true",
          "0",
          "-1",
          "AVAILABLE ",
          "available",
          "ANSWERED\u0000",
          "OFFLINE",
          "'; DROP TABLE requests; --",
          "\r\nFLUSHALL\r\n",
          "{demo}",
          "handup:{demo}:queue",
          "*",
          "../../etc/passwd",
          "<script>alert(1)</script>",
          "%s%n%x",
          "${jndi:ldap://example.invalid/a}",
          "r1",
          "r0",
          "r-1",
          "r99999999999999999999",
          "__proto__",
          "constructor");

  private static final List<String> ODD_NUMBERS =
      List.of(
          "0",
          "-0",
          "1",
          "5",
          "6",
          "-1",
          "4.5",
          "5.0",
          "1e1",
          "1e400",
          "-1e400",
          "2147483648",
          "4294967301",
          "9223372036854775808",
          "123456789012345678901234567890123456789012345678901234567890",
          "1.7976931348623157E309",
          "0.000000000000000000000000000001");

  // not JSON, or JSON that no reader should accept
  private static final List<String> BROKEN_VALUES =
      List.of("NaN", "Infinity", "-Infinity", "01", "1e", "-", "0x10", "undefined", "'single'", "");

  private static final List<String> JUNK =
      List.of(
          "",
          " ",
          "null",
          "42",
          "\"hello\"",
          "true",
          "[]",
          "[{}]",
          "{}",
          "{\"type\":",
          "}{",
          "{\"type\":\"raise\"}{\"type\":\"raise\"}",
          "{\"type\":\"raise\",}",
          "{type:\"raise\"}",
          "{'type':'raise'}",
          "{\"type\":\"raise\"",
          "\ufeff{\"type\":\"raise\"}",
          "/* */{\"type\":\"presence\"}",
          "{\"type\":\"\\u0000\"}",
          "{\"type\":\"\\ud800\"}",
          "{\"\\ud800\":1}",
          "{\"type\":\"hello\",\"token\":\"v1.a.b.c\"}",
          "\u0000\u0000",
          "this is not json {");

  private static final String INSERTS = "{}[]\":,\\ \u00e9\u6c49\u0001";

  private final Random random;
  private final Role role;
  private final Known known;
  private final int maxBytes;
  private final List<String> sent = new ArrayList<>();
  private int serial;

  /**
   * @param maxBytes the largest frame to write: fuzzing sockets stay under the server's limit, so
   *     they are answered rather than closed
   */
  ProtocolFuzzFrames(Random random, Role role, Known known, int maxBytes) {
    this.random = random;
    this.role = role;
    this.known = known;
    this.maxBytes = maxBytes;
  }

  /** Ids seen on the floor, shared by every fuzzing socket, so steps hit real requests. */
  static final class Known {
    final Set<String> requestIds = ConcurrentHashMap.newKeySet();
    final Set<String> userIds = ConcurrentHashMap.newKeySet();
    final Set<String> validFrames = ConcurrentHashMap.newKeySet();

    String requestId(Random random) {
      return pick(random, List.copyOf(requestIds), "r1");
    }

    String userId(Random random) {
      return pick(random, List.copyOf(userIds), "nobody");
    }
  }

  /** The next frame: never over {@code maxBytes} in UTF-8. */
  String next() {
    for (int attempt = 0; attempt < 10; attempt++) {
      String frame = candidate();
      if (frame.getBytes(StandardCharsets.UTF_8).length <= maxBytes) {
        if (sent.size() < 200) {
          sent.add(frame);
        }
        return frame;
      }
    }
    return valid();
  }

  private String candidate() {
    int dice = random.nextInt(100);
    if (dice < 30) {
      String frame = valid();
      if (known.validFrames.size() < 500) {
        known.validFrames.add(frame);
      }
      return frame;
    }
    if (dice < 65) {
      return wrongFields();
    }
    if (dice < 78) {
      return mutate(valid());
    }
    if (dice < 86) {
      return replay();
    }
    if (dice < 93) {
      return deeplyNested();
    }
    return pick(random, JUNK, "");
  }

  /**
   * A well-formed frame of a type this role may send (mostly), with plausible fields, in no
   * particular order of steps: rate before resolve, claim after cancel and so on.
   */
  String valid() {
    String type = random.nextInt(10) == 0 ? pick(random, TYPES, "raise") : ownType();
    List<String[]> fields = new ArrayList<>();
    fields.add(new String[] {"type", quote(type)});
    if (random.nextInt(10) != 0) {
      fields.add(new String[] {"ref", quote("f" + (++serial))});
    }
    switch (type) {
      case "hello" -> fields.add(new String[] {"token", quote("v1.x.1.y")});
      case "raise" -> {
        fields.add(new String[] {"clientKey", quote("k" + random.nextInt(8))});
        maybe(fields, "topic", quote(pick(random, List.of("billing", "technical", "policy"), "")));
        maybe(fields, "urgent", String.valueOf(random.nextBoolean()));
        maybe(fields, "note", quote("on a call, customer asks about " + random.nextInt(100)));
      }
      case "amend" -> {
        fields.add(new String[] {"requestId", quote(known.requestId(random))});
        maybe(fields, "topic", quote("technical"));
        maybe(fields, "urgent", String.valueOf(random.nextBoolean()));
        maybe(fields, "note", quote("more detail"));
      }
      case "rate" -> {
        fields.add(new String[] {"requestId", quote(known.requestId(random))});
        fields.add(new String[] {"score", String.valueOf(1 + random.nextInt(5))});
        maybe(fields, "wrong", String.valueOf(random.nextBoolean()));
        maybe(fields, "comment", quote("thanks"));
      }
      case "flag" -> {
        fields.add(new String[] {"requestId", quote(known.requestId(random))});
        maybe(fields, "reason", quote("the answer was wrong"));
      }
      case "say" -> {
        fields.add(new String[] {"requestId", quote(known.requestId(random))});
        fields.add(new String[] {"text", quote("hello " + random.nextInt(1000))});
      }
      case "presence" ->
          fields.add(new String[] {"status", quote(random.nextBoolean() ? "AVAILABLE" : "AWAY")});
      case "transfer" -> {
        fields.add(new String[] {"requestId", quote(known.requestId(random))});
        fields.add(new String[] {"to", quote(known.userId(random))});
      }
      case "resolve" -> {
        fields.add(new String[] {"requestId", quote(known.requestId(random))});
        maybe(
            fields,
            "outcome",
            quote(pick(random, List.of("ANSWERED", "ESCALATED", "NO_ANSWER", "CANT_FIND"), "")));
        maybe(fields, "note", quote("explained the refund rule"));
      }
      default -> fields.add(new String[] {"requestId", quote(known.requestId(random))});
    }
    return object(fields);
  }

  private String ownType() {
    return switch (role) {
      case AGENT -> pick(random, List.of("raise", "amend", "cancel", "rate", "flag", "say"), "");
      case SPECIALIST ->
          pick(
              random,
              List.of(
                  "presence",
                  "claim",
                  "decline",
                  "release",
                  "transfer",
                  "arrive",
                  "resolve",
                  "say"),
              "");
      // leads, managers and admins send nothing on the socket: everything they try is refused
      default -> pick(random, TYPES, "raise");
    };
  }

  /** Every field of a frame, known or not, with a value of any type, size or content. */
  private String wrongFields() {
    List<String[]> fields = new ArrayList<>();
    int count = 1 + random.nextInt(6);
    if (random.nextInt(4) != 0) {
      fields.add(new String[] {"type", random.nextInt(3) == 0 ? value() : quote(anyType())});
    }
    for (int i = 0; i < count; i++) {
      String name =
          switch (random.nextInt(10)) {
            case 0 -> oddString();
            case 1 -> "x".repeat(1 + random.nextInt(2000));
            default -> pick(random, FIELDS, "ref");
          };
      fields.add(new String[] {name, value()});
    }
    java.util.Collections.shuffle(fields, random);
    return object(fields);
  }

  private String anyType() {
    return random.nextInt(5) == 0 ? oddString() : pick(random, TYPES, "raise");
  }

  /** Any JSON value, sometimes one that is no JSON at all. */
  private String value() {
    return switch (random.nextInt(12)) {
      case 0 -> "null";
      case 1 -> String.valueOf(random.nextBoolean());
      case 2 -> pick(random, ODD_NUMBERS, "0");
      case 3 -> "9".repeat(1 + random.nextInt(1200));
      case 4 -> pick(random, BROKEN_VALUES, "NaN");
      case 5 -> quote("h".repeat(random.nextInt(maxBytes - 200)));
      case 6 -> "[" + quote(oddString()) + "," + pick(random, ODD_NUMBERS, "1") + "]";
      case 7 -> "{\"" + oddAscii() + "\":" + quote(oddString()) + "}";
      case 8 -> nest(1 + random.nextInt(40), quote("deep"));
      case 9 -> quote(known.requestId(random));
      default -> quote(oddString());
    };
  }

  private String oddString() {
    StringBuilder text = new StringBuilder();
    int pieces = 1 + random.nextInt(3);
    for (int i = 0; i < pieces; i++) {
      text.append(pick(random, ODD_STRINGS, ""));
    }
    if (random.nextInt(8) == 0) {
      text.append("\ud83d\ude00".repeat(random.nextInt(400)));
    }
    return text.toString();
  }

  private String oddAscii() {
    return pick(random, List.of("a", "", "type", "$where", "0", "__proto__"), "a");
  }

  /** A valid frame with a few characters deleted, inserted, doubled or swapped. */
  private String mutate(String frame) {
    StringBuilder text = new StringBuilder(frame);
    int edits = 1 + random.nextInt(4);
    for (int i = 0; i < edits && text.length() > 0; i++) {
      int at = random.nextInt(text.length());
      switch (random.nextInt(5)) {
        case 0 -> text.deleteCharAt(at);
        case 1 -> text.insert(at, INSERTS.charAt(random.nextInt(INSERTS.length())));
        case 2 -> text.insert(at, text.substring(at, Math.min(text.length(), at + 8)));
        case 3 -> text.setLength(at);
        default -> {
          int other = random.nextInt(text.length());
          char c = text.charAt(at);
          text.setCharAt(at, text.charAt(other));
          text.setCharAt(other, c);
        }
      }
    }
    // a swap or cut may split an escape or leave a lone surrogate char: keep it sendable
    return text.toString().replaceAll("[\\ud800-\\udfff]", "?");
  }

  /** A frame sent before, by this socket or another: the same ref, the same idempotency key. */
  private String replay() {
    if (!sent.isEmpty() && random.nextBoolean()) {
      return sent.get(random.nextInt(sent.size()));
    }
    List<String> others = List.copyOf(known.validFrames);
    return others.isEmpty() ? valid() : others.get(random.nextInt(others.size()));
  }

  /** Nesting from a little to far beyond what a frame needs, as the frame, a field or the ref. */
  private String deeplyNested() {
    int depth = 1 + random.nextInt(random.nextBoolean() ? 30 : 3000);
    String inner = "[".repeat(depth) + "]".repeat(depth);
    return switch (random.nextInt(4)) {
      case 0 -> inner;
      case 1 ->
          object(
              List.of(
                  new String[] {"type", quote(ownType())},
                  new String[] {"ref", nest(depth, "\"r\"")}));
      case 2 ->
          object(
              List.of(
                  new String[] {"type", quote(ownType())},
                  new String[] {"requestId", nest(depth, quote(known.requestId(random)))}));
      default -> "{\"type\":\"say\",\"text\":" + "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
    };
  }

  private void maybe(List<String[]> fields, String name, String value) {
    if (random.nextBoolean()) {
      fields.add(new String[] {name, value});
    }
  }

  private static String nest(int depth, String inner) {
    return "[".repeat(depth) + inner + "]".repeat(depth);
  }

  private static String object(List<String[]> fields) {
    StringBuilder json = new StringBuilder("{");
    for (String[] field : fields) {
      if (json.length() > 1) {
        json.append(',');
      }
      json.append(quote(field[0])).append(':').append(field[1]);
    }
    return json.append('}').toString();
  }

  /** A JSON string in ASCII: everything outside printable ASCII as a backslash-u escape. */
  static String quote(String text) {
    StringBuilder json = new StringBuilder(text.length() + 2).append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '"' || c == '\\') {
        json.append('\\').append(c);
      } else if (c < 0x20 || c > 0x7e) {
        json.append(String.format("\\u%04x", (int) c));
      } else {
        json.append(c);
      }
    }
    return json.append('"').toString();
  }

  private static String pick(Random random, List<String> from, String otherwise) {
    return from.isEmpty() ? otherwise : from.get(random.nextInt(from.size()));
  }
}

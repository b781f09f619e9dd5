package io.handup.system;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a transition script answered: {@code {ok, changed, hash}}, {@code {gone}} (a timer another
 * node fired first), or {@code {err, code, message}}, which becomes a {@link Refused}.
 *
 * @param changed false when the step found things already as asked (a retry)
 */
public record ScriptReply(boolean gone, boolean changed, Map<String, String> hash) {

  static ScriptReply parse(Object raw) {
    List<?> reply = (List<?>) raw;
    String status = text(reply.get(0));
    switch (status) {
      case "ok" -> {
        List<?> flat = (List<?>) reply.get(2);
        Map<String, String> hash = new HashMap<>();
        for (int i = 0; i + 1 < flat.size(); i += 2) {
          hash.put(text(flat.get(i)), text(flat.get(i + 1)));
        }
        return new ScriptReply(false, "1".equals(text(reply.get(1))), hash);
      }
      case "gone" -> {
        return new ScriptReply(true, false, Map.of());
      }
      case "err" -> throw new Refused(ErrorCode.fromWire(text(reply.get(1))), text(reply.get(2)));
      default -> throw new IllegalStateException("Unexpected script reply " + status);
    }
  }

  private static String text(Object value) {
    return value instanceof byte[] bytes
        ? new String(bytes, StandardCharsets.UTF_8)
        : String.valueOf(value);
  }
}

package io.handup.realtime;

import io.handup.system.ErrorCode;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Writes the server's frames. */
@Component
class Frames {

  private final JsonMapper json;

  Frames(JsonMapper json) {
    this.json = json;
  }

  /** A frame of the given type; fields are added in pairs of name and value. */
  String frame(String type, Object... fields) {
    Map<String, Object> frame = new LinkedHashMap<>();
    frame.put("type", type);
    for (int i = 0; i + 1 < fields.length; i += 2) {
      frame.put((String) fields[i], fields[i + 1]);
    }
    // written as UTF-8 and read back: a lone surrogate (a client may send one as an escape in a
    // ref or a field we echo) comes out as an escape, where written as a string it would stay a
    // bare char that the container cannot encode and would close the socket over
    return new String(json.writeValueAsBytes(frame), StandardCharsets.UTF_8);
  }

  String ack(JsonNode ref, Object... fields) {
    Object[] withRef = new Object[fields.length + 2];
    withRef[0] = "ref";
    withRef[1] = ref;
    System.arraycopy(fields, 0, withRef, 2, fields.length);
    return frame("ack", withRef);
  }

  String error(JsonNode ref, ErrorCode code, String message) {
    return frame("error", "ref", ref, "code", code.wire(), "message", message);
  }
}

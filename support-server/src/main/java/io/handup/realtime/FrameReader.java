package io.handup.realtime;

import io.handup.system.HandupSettings;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads client frames with limits far tighter than the application's JSON mapper: a frame is one
 * flat object of short fields, so anything deeply nested, with a huge number or a long field name
 * is refused by the parser before it costs memory or stack. HTTP bodies keep the general mapper.
 */
@Component
class FrameReader {

  /** A frame is flat; a {@code ref} may carry a little structure of the client's own. */
  static final int MAX_DEPTH = 16;

  /** Enough for any score, flag or id a client sends as a number. */
  static final int MAX_NUMBER_LENGTH = 50;

  /** Field names are the protocol's own, all short. */
  static final int MAX_NAME_LENGTH = 256;

  private final JsonMapper json;

  FrameReader(HandupSettings settings) {
    StreamReadConstraints limits =
        StreamReadConstraints.builder()
            .maxNestingDepth(MAX_DEPTH)
            .maxNumberLength(MAX_NUMBER_LENGTH)
            .maxNameLength(MAX_NAME_LENGTH)
            .maxStringLength(settings.maxFrameBytes())
            .maxDocumentLength(settings.maxFrameBytes())
            .build();
    JsonFactory factory =
        JsonFactory.builder()
            .streamReadConstraints(limits)
            // two "type"s in one frame: which one did the client mean? Refuse to guess
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
    this.json =
        JsonMapper.builder(factory).enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();
  }

  /** The frame as a tree, or null when it is not JSON or breaks a limit. */
  JsonNode read(String payload) {
    try {
      return json.readTree(payload);
    } catch (JacksonException e) {
      return null;
    }
  }
}

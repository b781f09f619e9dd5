package io.handup.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.handup.system.HandupSettings;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The limits socket frames are read with (issue 7): each just within, and just beyond. */
class FrameReaderTest {

  private static final int MAX_FRAME_BYTES = 16_384;

  private final FrameReader reader =
      new FrameReader(
          new HandupSettings(
              Duration.ofSeconds(15),
              Duration.ofMinutes(10),
              Duration.ofSeconds(30),
              null,
              List.of("http://localhost:[*]"),
              MAX_FRAME_BYTES,
              Duration.ofSeconds(10),
              true,
              Duration.ofDays(90)));

  @Test
  void plainFrameIsRead() {
    JsonNode frame = reader.read("{\"type\":\"raise\",\"ref\":\"1\",\"clientKey\":\"k\"}");

    assertThat(frame.get("clientKey").stringValue()).isEqualTo("k");
  }

  @Test
  void nestingUpToSixteenIsReadAndDeeperIsNot() {
    // the frame's own object is the first level
    assertThat(reader.read(refNested(FrameReader.MAX_DEPTH - 1))).isNotNull();
    assertThat(reader.read(refNested(FrameReader.MAX_DEPTH))).isNull();
    assertThat(reader.read("[".repeat(5_000) + "]".repeat(5_000))).isNull();
  }

  @Test
  void numberOfFiftyDigitsIsReadAndLongerIsNot() {
    assertThat(reader.read("{\"score\":" + "9".repeat(FrameReader.MAX_NUMBER_LENGTH) + "}"))
        .isNotNull();
    assertThat(reader.read("{\"score\":" + "9".repeat(FrameReader.MAX_NUMBER_LENGTH + 1) + "}"))
        .isNull();
  }

  @Test
  void longFieldNameIsNotRead() {
    assertThat(reader.read("{\"" + "n".repeat(FrameReader.MAX_NAME_LENGTH) + "\":1}")).isNotNull();
    assertThat(reader.read("{\"" + "n".repeat(FrameReader.MAX_NAME_LENGTH + 1) + "\":1}")).isNull();
  }

  @Test
  void stringLongerThanAFrameIsNotRead() {
    assertThat(reader.read("{\"note\":\"" + "x".repeat(MAX_FRAME_BYTES + 1) + "\"}")).isNull();
  }

  @Test
  void frameWithTwoTypesOrTrailingTextIsNotRead() {
    assertThat(reader.read("{\"type\":\"raise\",\"type\":\"claim\"}")).isNull();
    assertThat(reader.read("{\"type\":\"raise\"} {")).isNull();
    assertThat(reader.read("{\"type\":\"raise\"}{\"type\":\"claim\"}")).isNull();
  }

  private static String refNested(int arrays) {
    return "{\"type\":\"say\",\"ref\":" + "[".repeat(arrays) + "]".repeat(arrays) + "}";
  }
}

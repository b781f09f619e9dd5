package io.handup.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A day's string of cells as rollup.lua writes it with BITFIELD (big-endian; i64 counters, then u32
 * buckets), read back by hand-made bytes.
 */
class CellTest {

  private static final int BUCKETS = Histogram.Layout.CELL.buckets;

  @Test
  void eachSlotIsReadAsItsCellWithItsCountersAndBuckets() {
    ByteBuffer bytes = ByteBuffer.allocate(3 * Cell.STRIDE);
    // slot 2: two requests, one claimed after 12.5 s and resolved after 2 min 34.9 s
    int at = 2 * Cell.STRIDE;
    bytes.putLong(at + 8 * Cell.COUNTERS.indexOf("n"), 2);
    bytes.putLong(at + 8 * Cell.COUNTERS.indexOf("claimed"), 1);
    bytes.putLong(at + 8 * Cell.COUNTERS.indexOf("waitSum"), 12_500);
    bytes.putLong(at + 8 * Cell.COUNTERS.indexOf("handleSum"), 154_900);
    bytes.putLong(at + 8 * Cell.COUNTERS.indexOf("claimers"), 1);
    int hist = at + 8 * Cell.COUNTERS.size();
    bytes.putInt(hist + 4 * 12, 1);
    bytes.putInt(hist + 4 * (2 * BUCKETS + 69), 1);
    // slot 0 emptied: a request moved away, its place stays with zeros
    Map<String, Cell> cells =
        Cell.cells(
            bytes.array(),
            Map.of(0, "gone", 2, "spec-7"),
            Map.of("spec-7", "Specialist Seven", "gone", "Gone"));

    assertThat(cells).containsOnlyKeys("spec-7");
    Cell c = cells.get("spec-7");
    assertThat(c.get("n")).isEqualTo(2);
    assertThat(c.get("claimed")).isEqualTo(1);
    assertThat(c.claimers).isEqualTo(1);
    assertThat(c.name).isEqualTo("Specialist Seven");
    Tally tally = new Tally(Duration.ofSeconds(30), Histogram.Layout.CELL);
    tally.add(c);
    Summary s = tally.summary(new ReportRange(Instant.EPOCH, Instant.EPOCH, ZoneOffset.UTC));
    assertThat(s.waitP50Seconds()).isEqualTo(12.0);
    assertThat(s.waitMeanSeconds()).isEqualTo(12.5);
    // 154.9 s is in the 10-second bucket from 150 s (bucket 60 + 9 = 69)
    assertThat(s.handleP50Seconds()).isEqualTo(150.0);
    assertThat(s.handleMeanSeconds()).isEqualTo(154.9);
  }

  @Test
  void aStringEndingBeforeASlotsLastBytesCountsTheRestAsZero() {
    // BITFIELD grows the string only to the last byte written: here the first counter of slot 1
    ByteBuffer bytes = ByteBuffer.allocate(Cell.STRIDE + 8);
    bytes.putLong(Cell.STRIDE, 3);
    Map<String, Cell> cells = Cell.cells(bytes.array(), Map.of(1, "7", 5, "9"), Map.of());

    assertThat(cells).containsOnlyKeys("7");
    assertThat(cells.get("7").get("n")).isEqualTo(3);
    assertThat(cells.get("7").wait).containsOnly(0L);
  }

  @Test
  void noStringMeansNoCells() {
    assertThat(Cell.cells(null, Map.of(0, "0"), Map.of())).isEmpty();
  }
}

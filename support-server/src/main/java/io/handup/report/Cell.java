package io.handup.report;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The rolled-up figures of one cell of one day (the floor, an hour, a topic or a specialist) as
 * rollup.lua keeps them: counters by name and the three histograms, in the floor's layout for the
 * floor and in the coarser cell layout for the others.
 */
final class Cell {

  /**
   * The counters of a cell of an hour, topic or specialist, in the order rollup.lua writes them:
   * signed 64-bit, big-endian, then the wait, walk and handle histograms as unsigned 32-bit counts.
   */
  static final List<String> COUNTERS =
      List.of(
          "n",
          "open",
          "resolved",
          "cancelled",
          "expired",
          "claimed",
          "within",
          "abandoned",
          "waitSum",
          "walkN",
          "walkSum",
          "handleN",
          "handleSum",
          "ratingN",
          "ratingSum",
          "flags",
          "confirmed",
          "selfServed",
          "claimers");

  /** The bytes of one cell in a day's string of cells. */
  static final int STRIDE = COUNTERS.size() * 8 + 3 * Histogram.Layout.CELL.buckets * 4;

  final Map<String, Long> counters = new HashMap<>();
  final long[] wait;
  final long[] walk;
  final long[] handle;

  /** The specialist's name, in a specialist's cell. */
  String name;

  /** In an hour's cell: how many different specialists claimed a request raised in it. */
  long claimers;

  /** A cell of the floor's layout, read from the day's hash and histogram string. */
  Cell() {
    this(Histogram.Layout.FLOOR);
  }

  Cell(Histogram.Layout layout) {
    wait = new long[layout.buckets];
    walk = new long[layout.buckets];
    handle = new long[layout.buckets];
  }

  long get(String counter) {
    return counters.getOrDefault(counter, 0L);
  }

  /** Reads one counter of the floor's hash. */
  void read(String field, String value) {
    counters.put(field, Long.parseLong(value));
  }

  /** Whether any request counts here: a cell keeps its place after its requests moved away. */
  boolean isEmpty() {
    return get("n") == 0;
  }

  /**
   * The cells of one day's string of cells ({@link #STRIDE} bytes each, at the cell's slot; the
   * string ends after the last byte ever written, so a missing tail counts 0), named by slot.
   */
  static Map<String, Cell> cells(
      byte[] bytes, Map<Integer, String> slots, Map<String, String> names) {
    Map<String, Cell> cells = new HashMap<>();
    if (bytes == null) {
      return cells;
    }
    int buckets = Histogram.Layout.CELL.buckets;
    int counters = COUNTERS.size();
    slots.forEach(
        (slot, key) -> {
          int at = slot * STRIDE;
          if (at >= bytes.length) {
            return;
          }
          Cell c = new Cell(Histogram.Layout.CELL);
          for (int i = 0; i < counters; i++) {
            long v = i64(bytes, at + 8 * i);
            if (v != 0) {
              c.counters.put(COUNTERS.get(i), v);
            }
          }
          if (c.isEmpty()) {
            return;
          }
          int hist = at + 8 * counters;
          for (int i = 0; i < buckets; i++) {
            c.wait[i] = u32(bytes, hist + 4 * i);
            c.walk[i] = u32(bytes, hist + 4 * (buckets + i));
            c.handle[i] = u32(bytes, hist + 4 * (2 * buckets + i));
          }
          c.claimers = c.get("claimers");
          c.name = names.get(key);
          cells.put(key, c);
        });
    return cells;
  }

  private static long i64(byte[] b, int at) {
    if (at + 8 > b.length) {
      return 0;
    }
    long v = 0;
    for (int i = 0; i < 8; i++) {
      v = (v << 8) | (b[at + i] & 0xFFL);
    }
    return v;
  }

  private static long u32(byte[] b, int at) {
    if (at + 4 > b.length) {
      return 0;
    }
    return ((b[at] & 0xFFL) << 24)
        | ((b[at + 1] & 0xFFL) << 16)
        | ((b[at + 2] & 0xFFL) << 8)
        | (b[at + 3] & 0xFFL);
  }
}

package io.handup.report;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
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

  private static final Map<String, Integer> INDEX = new HashMap<>();
  private static final VarHandle I64 =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
  private static final VarHandle I32 =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);

  static {
    for (int i = 0; i < COUNTERS.size(); i++) {
      INDEX.put(COUNTERS.get(i), i);
    }
  }

  // by the index in COUNTERS: a quarter's table reads thousands of cells, so no map per cell
  private final long[] counters = new long[COUNTERS.size()];
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
    Integer i = INDEX.get(counter);
    return i == null ? 0 : counters[i];
  }

  /** Reads one counter of the floor's hash; a field this version does not know is left out. */
  void read(String field, String value) {
    Integer i = INDEX.get(field);
    if (i != null) {
      counters[i] = Long.parseLong(value);
    }
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
            c.counters[i] = i64(bytes, at + 8 * i);
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
    return at + 8 > b.length ? 0 : (long) I64.get(b, at);
  }

  private static long u32(byte[] b, int at) {
    return at + 4 > b.length ? 0 : Integer.toUnsignedLong((int) I32.get(b, at));
  }
}

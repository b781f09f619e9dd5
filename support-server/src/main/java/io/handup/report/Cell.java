package io.handup.report;

import java.util.HashMap;
import java.util.Map;

/**
 * The rolled-up figures of one cell of one day (the floor, an hour, a topic or a specialist) as
 * rollup.lua keeps them: counters by name and the three histograms.
 */
final class Cell {

  final Map<String, Long> counters = new HashMap<>();
  final long[] wait = new long[Histogram.BUCKETS];
  final long[] walk = new long[Histogram.BUCKETS];
  final long[] handle = new long[Histogram.BUCKETS];

  /** The specialist's name, in a specialist's cell. */
  String name;

  /** In an hour's cell: how many different specialists claimed a request raised in it. */
  int claimers;

  long get(String counter) {
    return counters.getOrDefault(counter, 0L);
  }

  /**
   * Reads one field of a hash rollup.lua writes: a counter, a bucket ({@code w12}, {@code k3},
   * {@code h700}), a claimer ({@code s:<id>}) or the name.
   */
  void read(String field, String value) {
    if (field.equals("name")) {
      name = value;
      return;
    }
    if (field.startsWith("s:")) {
      claimers++;
      return;
    }
    char kind = field.charAt(0);
    if ((kind == 'w' || kind == 'k' || kind == 'h') && field.length() > 1 && isDigits(field)) {
      int bucket = Integer.parseInt(field, 1, field.length(), 10);
      long[] hist = kind == 'w' ? wait : kind == 'k' ? walk : handle;
      if (bucket < Histogram.BUCKETS) {
        hist[bucket] += Long.parseLong(value);
      }
      return;
    }
    counters.put(field, Long.parseLong(value));
  }

  /** Whether any request counts here: a hash may keep a name after its requests moved away. */
  boolean isEmpty() {
    return get("n") == 0;
  }

  /** Splits a hash of {@code <cell>|<field>} fields into its cells. */
  static Map<String, Cell> cells(Map<String, String> hash) {
    Map<String, Cell> cells = new HashMap<>();
    hash.forEach(
        (field, value) -> {
          int bar = field.lastIndexOf('|');
          if (bar >= 0) {
            cells
                .computeIfAbsent(field.substring(0, bar), c -> new Cell())
                .read(field.substring(bar + 1), value);
          }
        });
    cells.values().removeIf(Cell::isEmpty);
    return cells;
  }

  private static boolean isDigits(String field) {
    for (int i = 1; i < field.length(); i++) {
      if (!Character.isDigit(field.charAt(i))) {
        return false;
      }
    }
    return true;
  }
}

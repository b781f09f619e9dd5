package io.handup.loadtest;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * One latency, recorded in microseconds from any thread, read per interval, in total since the
 * measuring started (after any warm-up) and over the whole run.
 */
final class Metric {

  final String name;
  private final Recorder recorder = new Recorder(3);
  private final Histogram total = new Histogram(3);
  private final Histogram whole = new Histogram(3);
  private Histogram interval;

  Metric(String name) {
    this.name = name;
  }

  void recordNanos(long nanos) {
    recorder.recordValue(Math.max(0, nanos / 1000));
  }

  /** Moves what came in since the last call into the total and returns just that part. */
  synchronized Histogram interval() {
    interval = recorder.getIntervalHistogram(interval);
    total.add(interval);
    whole.add(interval);
    return interval;
  }

  /** The warm-up is over: the total starts again from here; the whole run keeps it. */
  synchronized void startMeasuring() {
    interval();
    total.reset();
  }

  synchronized Histogram whole() {
    interval();
    return whole.copy();
  }

  synchronized Histogram total() {
    interval();
    return total.copy();
  }

  static String ms(Histogram h, double percentile) {
    return h.getTotalCount() == 0
        ? "-"
        : String.format(Locale.ROOT, "%.2f", h.getValueAtPercentile(percentile) / 1000.0);
  }

  /** p50/p90/p99/p99.9/max in milliseconds, and the count. */
  static Map<String, Object> summary(Histogram h) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("count", h.getTotalCount());
    if (h.getTotalCount() > 0) {
      m.put("p50", h.getValueAtPercentile(50) / 1000.0);
      m.put("p90", h.getValueAtPercentile(90) / 1000.0);
      m.put("p99", h.getValueAtPercentile(99) / 1000.0);
      m.put("p999", h.getValueAtPercentile(99.9) / 1000.0);
      m.put("max", h.getMaxValue() / 1000.0);
    }
    return m;
  }

  static String line(String name, Histogram h) {
    return String.format(
        Locale.ROOT,
        "%-26s n=%-7d p50 %7s  p90 %7s  p99 %7s  p99.9 %7s  max %7s ms",
        name,
        h.getTotalCount(),
        ms(h, 50),
        ms(h, 90),
        ms(h, 99),
        ms(h, 99.9),
        h.getTotalCount() == 0
            ? "-"
            : String.format(Locale.ROOT, "%.2f", h.getMaxValue() / 1000.0));
  }
}

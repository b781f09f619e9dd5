package io.handup.report;

import io.handup.request.HelpRequest;
import io.handup.request.RequestState;
import io.handup.system.Times;
import java.time.Duration;

/**
 * Folds requests, one at a time, into the figures of docs/metrics.md. A request counts once, by the
 * state and times it has now; it belongs to the range it was raised in.
 */
final class Tally {

  private final Duration target;
  private final Durations waits;
  private final Durations walks;
  private final Durations handles;
  private long raised;
  private long claimed;
  private long resolved;
  private long cancelled;
  private long expired;
  private long open;
  private long abandoned;
  private long withinTarget;
  private long ratingSum;
  private long ratingCount;
  private long wrongFlags;
  private long confirmedWrong;
  private long selfServed;
  private String specialistName;

  Tally(Duration serviceLevelTarget) {
    this(serviceLevelTarget, false);
  }

  /**
   * @param bucketed count durations in {@link Histogram} buckets, as a tally that takes rolled-up
   *     days ({@link #add(Cell)}) must; otherwise every value is kept and percentiles are exact
   */
  Tally(Duration serviceLevelTarget, boolean bucketed) {
    this(serviceLevelTarget, bucketed ? Histogram.Layout.FLOOR : null);
  }

  /**
   * @param layout count durations in {@link Histogram} buckets of this layout, the one of the
   *     rolled-up cells this tally takes; null keeps every value, so percentiles are exact
   */
  Tally(Duration serviceLevelTarget, Histogram.Layout layout) {
    this.target = serviceLevelTarget;
    this.waits = layout != null ? new Histogram(layout) : new Samples();
    this.walks = layout != null ? new Histogram(layout) : new Samples();
    this.handles = layout != null ? new Histogram(layout) : new Samples();
  }

  void add(HelpRequest r) {
    raised++;
    switch (r.state()) {
      case RESOLVED -> resolved++;
      case CANCELLED -> cancelled++;
      case EXPIRED -> expired++;
      default -> open++;
    }
    // release and transfer clear claimedAt: only the claim that stuck is counted
    if (r.claimedAt() != null) {
      claimed++;
      waits.add(r.waitTime());
      if (r.waitTime().compareTo(target) <= 0) {
        withinTarget++;
      }
    }
    if (r.abandoned()) {
      abandoned++;
    }
    walks.add(r.walkTime());
    if (r.state() == RequestState.RESOLVED) {
      handles.add(r.handleTime());
    }
    if (r.rated() && r.score() != null) {
      ratingSum += r.score();
      ratingCount++;
    }
    if (r.flagged()) {
      wrongFlags++;
    }
    if (r.selfServed()) {
      selfServed++;
    }
    if (r.specialistName() != null) {
      specialistName = r.specialistName();
    }
  }

  /** Adds a request and the verdict of its review (CONFIRMED, DISMISSED or null). */
  void add(HelpRequest r, String verdict) {
    add(r);
    if ("CONFIRMED".equals(verdict)) {
      confirmedWrong++;
    }
  }

  /** Adds a rolled-up cell: the same sums {@link #add(HelpRequest, String)} makes, made ahead. */
  void add(Cell c) {
    if (!(waits instanceof Histogram w
        && walks instanceof Histogram k
        && handles instanceof Histogram h)) {
      throw new IllegalStateException("A tally of rolled-up days counts in buckets");
    }
    raised += c.get("n");
    claimed += c.get("claimed");
    resolved += c.get("resolved");
    cancelled += c.get("cancelled");
    expired += c.get("expired");
    open += c.get("open");
    abandoned += c.get("abandoned");
    withinTarget += c.get("within");
    ratingSum += c.get("ratingSum");
    ratingCount += c.get("ratingN");
    wrongFlags += c.get("flags");
    confirmedWrong += c.get("confirmed");
    selfServed += c.get("selfServed");
    w.add(c.wait, c.get("waitSum"));
    k.add(c.walk, c.get("walkSum"));
    h.add(c.handle, c.get("handleSum"));
    if (c.name != null) {
      specialistName = c.name;
    }
  }

  long raised() {
    return raised;
  }

  long ratingSum() {
    return ratingSum;
  }

  long ratingCount() {
    return ratingCount;
  }

  /** The mean handle time in milliseconds, null with nothing resolved. */
  Double handleMeanMillis() {
    return handles.mean();
  }

  Summary summary(ReportRange range) {
    return new Summary(
        Times.iso(range.from()),
        Times.iso(range.to()),
        range.zone().getId(),
        seconds(target.toMillis()),
        raised,
        claimed,
        resolved,
        cancelled,
        expired,
        open,
        abandoned,
        // a claim after a cancel is impossible, so claimed and abandoned never overlap
        fraction(withinTarget, claimed + abandoned),
        // a self-served withdrawal ended the request with an answer: not in the numerator
        fraction(cancelled - selfServed + expired, resolved + cancelled + expired),
        seconds(waits.mean()),
        seconds(waits.percentile(50)),
        seconds(waits.percentile(90)),
        seconds(waits.percentile(99)),
        seconds(walks.percentile(50)),
        seconds(handles.percentile(50)),
        seconds(handles.percentile(90)),
        seconds(handles.percentile(99)),
        seconds(handles.mean()),
        ratingMean(),
        ratingCount,
        wrongFlags,
        confirmedWrong,
        fraction(confirmedWrong, resolved),
        selfServed);
  }

  SpecialistFigures specialist(String specialistId, Double bayesian, long offersLapsed) {
    return new SpecialistFigures(
        specialistId,
        specialistName,
        claimed,
        resolved,
        seconds(waits.percentile(50)),
        seconds(waits.percentile(90)),
        seconds(walks.percentile(50)),
        seconds(handles.percentile(50)),
        ratingMean(),
        ratingCount,
        bayesian,
        null,
        wrongFlags,
        confirmedWrong,
        fraction(confirmedWrong, resolved),
        offersLapsed);
  }

  private Double ratingMean() {
    return ratingCount == 0 ? null : Math.round(ratingSum * 100.0 / ratingCount) / 100.0;
  }

  /** Milliseconds as seconds, to the millisecond. */
  static Double seconds(Number millis) {
    return millis == null ? null : Math.round(millis.doubleValue()) / 1000.0;
  }

  /** A share from 0 to 1 to four places; null when there is nothing to share. */
  static Double fraction(long part, long whole) {
    return whole == 0 ? null : Math.round(part * 10_000.0 / whole) / 10_000.0;
  }
}

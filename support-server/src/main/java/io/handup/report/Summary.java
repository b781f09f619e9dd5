package io.handup.report;

/**
 * A floor's figures over a range, as {@code GET /api/reports/summary} returns them. Durations are
 * in seconds (to the millisecond), shares from 0 to 1; a figure with nothing to compute from is
 * null. Each is defined in docs/metrics.md.
 *
 * @param from the first instant counted (ISO-8601 UTC)
 * @param to the first instant no longer counted
 * @param timeZone the zone the dates of the range were read in
 * @param confirmedWrong wrong-answer flags a manager confirmed on review
 * @param confirmedWrongRate confirmedWrong ÷ resolved
 * @param selfServed requests the agent withdrew because the knowledge base answered them (part of
 *     cancelled)
 */
record Summary(
    String from,
    String to,
    String timeZone,
    double serviceLevelTargetSeconds,
    long raised,
    long claimed,
    long resolved,
    long cancelled,
    long expired,
    long open,
    long abandoned,
    Double serviceLevel,
    Double abandonRate,
    Double waitMeanSeconds,
    Double waitP50Seconds,
    Double waitP90Seconds,
    Double waitP99Seconds,
    Double walkP50Seconds,
    Double handleP50Seconds,
    Double handleP90Seconds,
    Double handleP99Seconds,
    Double handleMeanSeconds,
    Double ratingMean,
    long ratingCount,
    long wrongFlags,
    long confirmedWrong,
    Double confirmedWrongRate,
    long selfServed) {}

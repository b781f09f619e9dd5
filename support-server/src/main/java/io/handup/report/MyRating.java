package io.handup.report;

/**
 * {@code GET /api/reports/me}: a specialist's own aggregate rating, never a single one. The mean is
 * null until it rests on at least {@code minimum} ratings, so no score can be traced to the agent
 * who gave it.
 */
record MyRating(
    String specialistId,
    String from,
    String to,
    long handled,
    long ratingCount,
    int minimum,
    Double ratingMean) {}

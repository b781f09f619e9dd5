package io.handup.report;

/**
 * One specialist's figures over a range: the requests whose claim stuck with them.
 *
 * @param handled requests they claimed (and still hold, resolved, or saw cancelled)
 * @param resolved of those, the ones they resolved
 */
record SpecialistFigures(
    String specialistId,
    String specialistName,
    long handled,
    long resolved,
    Double waitP50Seconds,
    Double waitP90Seconds,
    Double walkP50Seconds,
    Double handleP50Seconds,
    Double ratingMean,
    long ratingCount,
    long wrongFlags) {}

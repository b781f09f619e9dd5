package io.handup.report;

/**
 * One specialist's figures over a range: the requests whose claim stuck with them.
 *
 * @param handled requests they claimed (and still hold, resolved, or saw cancelled)
 * @param resolved of those, the ones they resolved
 * @param ratingBayesian their rating pulled toward the floor mean (docs/metrics.md)
 * @param ratingRank 1 for the best Bayesian rating of the floor; ties share a rank
 * @param confirmedWrong wrong-answer flags a manager confirmed on review
 * @param confirmedWrongRate confirmedWrong ÷ resolved
 * @param offersLapsed offers they let time out, ever (the presence counter, not the range)
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
    Double ratingBayesian,
    Integer ratingRank,
    long wrongFlags,
    long confirmedWrong,
    Double confirmedWrongRate,
    long offersLapsed) {

  SpecialistFigures ranked(Integer rank) {
    return new SpecialistFigures(
        specialistId,
        specialistName,
        handled,
        resolved,
        waitP50Seconds,
        waitP90Seconds,
        walkP50Seconds,
        handleP50Seconds,
        ratingMean,
        ratingCount,
        ratingBayesian,
        rank,
        wrongFlags,
        confirmedWrong,
        confirmedWrongRate,
        offersLapsed);
  }
}

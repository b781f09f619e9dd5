package io.handup.report;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the supervision figures, under {@code handup.report.*}; docs/metrics.md says how each
 * one is used.
 *
 * @param serviceLevelShare the share of requests that should be claimed within the service-level
 *     target; staffing asks Erlang C for enough specialists to reach it
 * @param ratingPriorWeight how many ratings' worth of the floor mean a specialist's Bayesian rating
 *     starts from, so that two fives do not outrank forty fours
 * @param ownRatingMinimum how many ratings a specialist's own rating must rest on before they see
 *     it
 * @param coachingMultiple an agent is a coaching prompt when their requests in a week exceed this
 *     multiple of the floor median
 * @param coachingMinimum … and reach at least this many
 */
@ConfigurationProperties("handup.report")
@Validated
record ReportSettings(
    @DefaultValue("0.8") @DecimalMin("0.01") @DecimalMax("0.999") double serviceLevelShare,
    @DefaultValue("5") @Min(0) int ratingPriorWeight,
    @DefaultValue("5") @Min(1) int ownRatingMinimum,
    @DefaultValue("2.0") @DecimalMin("1.0") double coachingMultiple,
    @DefaultValue("5") @Min(1) int coachingMinimum) {}

/**
 * What managers read: counts, service level, wait and handle percentiles, abandon rate and ratings
 * over any range of days, per floor and per specialist, a CSV export, and the live metrics on
 * {@code /actuator/prometheus}. Every figure is computed from the times recorded on the requests,
 * with the definitions of {@code docs/metrics.md}.
 */
package io.handup.report;

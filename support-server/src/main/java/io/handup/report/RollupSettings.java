package io.handup.report;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the rollups the reports read, under {@code handup.rollup.*} (docs/metrics.md).
 *
 * @param enabled keep rollups from the event streams and read them for whole past days
 * @param claimIdle how long an event handed to a node may stay unacknowledged before another node
 *     takes it over (the node died, or Redis failed it mid-way)
 */
@ConfigurationProperties("handup.rollup")
record RollupSettings(
    @DefaultValue("true") boolean enabled, @DefaultValue("30s") Duration claimIdle) {}

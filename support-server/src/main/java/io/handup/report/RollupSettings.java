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
 * @param linger how long a node gathers a floor's events before it folds them in: a request changes
 *     several times in its first seconds (raised, offered, claimed, chat lines, resolved, rated),
 *     and the events gathered fold each request in once, as it stands then, instead of once per
 *     change; the dashboards' figures trail the floor by at most this much
 */
@ConfigurationProperties("handup.rollup")
record RollupSettings(
    @DefaultValue("true") boolean enabled,
    @DefaultValue("30s") Duration claimIdle,
    @DefaultValue("500ms") Duration linger) {}

package io.handup.system;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where Redis is, under {@code handup.redis.*}.
 *
 * @param url e.g. {@code redis://127.0.0.1:6379}; unset (and no Sentinel) starts the embedded
 *     redis-server
 * @param poolSize connections per node; each node also holds one for following the event streams
 * @param timeout connect and read timeout of a Redis call; longer than the event follower's 1 s
 *     blocking read
 * @param healthTimeout how long the health check waits for Redis before it reports DOWN, so a
 *     stalled Redis fails the probe instead of hanging it
 * @param embedded the embedded server used when neither a URL nor Sentinel is set
 * @param sentinel the Sentinel-monitored master to follow through failovers
 */
@ConfigurationProperties("handup.redis")
public record RedisSettings(
    String url,
    @DefaultValue("64") int poolSize,
    @DefaultValue("2s") Duration timeout,
    @DefaultValue("1s") Duration healthTimeout,
    @DefaultValue Embedded embedded,
    @DefaultValue Sentinel sentinel) {

  public boolean isEmbedded() {
    return (url == null || url.isBlank()) && !sentinel.isConfigured();
  }

  /**
   * @param dir its data folder (the append-only file lives here)
   * @param port 0 picks a free port
   * @param appendfsync {@code everysec} survives a killed process; {@code always} also a power cut
   */
  public record Embedded(
      @DefaultValue("./data/redis") Path dir,
      @DefaultValue("0") int port,
      @DefaultValue("everysec") String appendfsync) {}

  /**
   * A master watched by Redis Sentinel; when set it wins over {@code url}.
   *
   * @param master the name Sentinel monitors it under ({@code sentinel monitor <master> ...})
   * @param nodes the sentinels as {@code host:port}
   * @param password of the Redis master and replicas, if they require one
   * @param sentinelPassword of the sentinels themselves, if they require one
   */
  public record Sentinel(
      String master, List<String> nodes, String password, String sentinelPassword) {

    public boolean isConfigured() {
      return master != null && !master.isBlank();
    }
  }
}

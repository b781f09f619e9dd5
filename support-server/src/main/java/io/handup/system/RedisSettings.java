package io.handup.system;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where Redis is, under {@code handup.redis.*}.
 *
 * @param url e.g. {@code redis://127.0.0.1:6379}; unset (and no Sentinel or Cluster) starts the
 *     embedded redis-server
 * @param poolSize connections per node; each node also holds one for following the event streams.
 *     In a Cluster it is per shard, and the stream followers block on two of a floor's shard per
 *     floor
 * @param timeout connect and read timeout of a Redis call; longer than the event follower's 1 s
 *     blocking read
 * @param healthTimeout how long the health check waits for Redis before it reports DOWN, so a
 *     stalled Redis fails the probe instead of hanging it
 * @param embedded the embedded server used when no URL, Sentinel or Cluster is set
 * @param sentinel the Sentinel-monitored master to follow through failovers
 * @param cluster a Redis Cluster, whose shards each hold whole floors
 */
@ConfigurationProperties("handup.redis")
public record RedisSettings(
    String url,
    @DefaultValue("64") int poolSize,
    @DefaultValue("2s") Duration timeout,
    @DefaultValue("1s") Duration healthTimeout,
    @DefaultValue Embedded embedded,
    @DefaultValue Sentinel sentinel,
    @DefaultValue Cluster cluster) {

  public boolean isEmbedded() {
    return (url == null || url.isBlank()) && !sentinel.isConfigured() && !cluster.isConfigured();
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

  /**
   * A Redis Cluster; when set it wins over {@code url} and Sentinel.
   *
   * @param nodes some of its nodes as {@code host:port}; the rest are found from them
   * @param user the ACL user, if the nodes use ACLs
   * @param password of the nodes, if they require one ({@code requirepass} or the ACL user's)
   * @param ssl TLS to every node, checked against the JVM's trust store
   * @param maxAttempts how often a call is sent again after a redirection or a lost connection
   *     before it fails (while a shard fails over, its slots move to the promoted replica)
   */
  public record Cluster(
      List<String> nodes,
      String user,
      String password,
      @DefaultValue("false") boolean ssl,
      @DefaultValue("5") int maxAttempts) {

    public boolean isConfigured() {
      return nodes != null && nodes.stream().anyMatch(n -> !n.isBlank());
    }
  }
}

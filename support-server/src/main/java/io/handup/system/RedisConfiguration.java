package io.handup.system;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import redis.clients.jedis.Connection;
import redis.clients.jedis.ConnectionFactory;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.JedisCluster;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.JedisSentineled;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.util.JedisURIHelper;

/**
 * The Redis connection: a Cluster, else the Sentinel-monitored master, else the configured URL,
 * else an embedded redis-server. Everything else sees a {@link UnifiedJedis} and cannot tell which;
 * what a Cluster refuses (a command across slots, MULTI) is kept to one floor's hash tag or one
 * key.
 */
@Configuration(proxyBeanMethods = false)
class RedisConfiguration {

  private static final Logger log = LoggerFactory.getLogger(RedisConfiguration.class);
  private static final Duration TRUSTED_FOR = Duration.ofSeconds(1);

  @Bean(initMethod = "start", destroyMethod = "stop")
  @ConditionalOnExpression(
      "'${handup.redis.url:}'.isBlank() and '${handup.redis.sentinel.master:}'.isBlank()"
          + " and '${handup.redis.cluster.nodes:${handup.redis.cluster.nodes[0]:}}'.isBlank()")
  EmbeddedRedis embeddedRedis(RedisSettings settings) {
    RedisSettings.Embedded embedded = settings.embedded();
    return new EmbeddedRedis(embedded.dir(), embedded.port(), embedded.appendfsync());
  }

  @Bean(destroyMethod = "close")
  UnifiedJedis jedis(RedisSettings settings, ObjectProvider<EmbeddedRedis> embedded) {
    GenericObjectPoolConfig<Connection> pool = new GenericObjectPoolConfig<>();
    pool.setMaxTotal(settings.poolSize());
    pool.setMaxIdle(settings.poolSize());
    pool.setMinIdle(2);
    // a pooled connection outlives a Redis restart or failover only if it is checked before use
    // (on one Redis, only once it has been idle for TRUSTED_FOR: RecentlyUsedConnections)
    pool.setTestOnBorrow(true);
    pool.setMaxWait(Duration.ofSeconds(2));
    int timeout = Math.toIntExact(settings.timeout().toMillis());
    RedisSettings.Cluster cluster = settings.cluster();
    if (cluster.isConfigured()) {
      Set<HostAndPort> nodes =
          cluster.nodes().stream()
              .map(String::trim)
              .filter(n -> !n.isEmpty())
              .map(HostAndPort::from)
              .collect(Collectors.toSet());
      log.info("Redis Cluster through {}", nodes);
      DefaultJedisClientConfig.Builder config =
          DefaultJedisClientConfig.builder().timeoutMillis(timeout).ssl(cluster.ssl());
      if (cluster.user() != null && !cluster.user().isBlank()) {
        config.user(cluster.user());
      }
      if (cluster.password() != null && !cluster.password().isBlank()) {
        config.password(cluster.password());
      }
      // the pool is per shard; a call follows MOVED and ASK redirections and, after a lost
      // connection, asks the cluster for its slots again, as long as the attempts allow
      return new JedisCluster(
          nodes,
          config.build(),
          cluster.maxAttempts(),
          settings.timeout().multipliedBy(cluster.maxAttempts()),
          pool);
    }
    RedisSettings.Sentinel sentinel = settings.sentinel();
    if (sentinel.isConfigured()) {
      List<String> nodes = sentinel.nodes() == null ? List.of() : sentinel.nodes();
      if (nodes.isEmpty()) {
        throw new IllegalStateException(
            "handup.redis.sentinel.master is set but handup.redis.sentinel.nodes is empty");
      }
      Set<HostAndPort> sentinels =
          nodes.stream().map(String::trim).map(HostAndPort::from).collect(Collectors.toSet());
      log.info("Redis master '{}' through the sentinels {}", sentinel.master(), sentinels);
      // the provider subscribes to +switch-master on the sentinels and repoints the pool
      return new JedisSentineled(
          sentinel.master(),
          clientConfig(timeout, sentinel.password()),
          pool,
          sentinels,
          clientConfig(timeout, sentinel.sentinelPassword()));
    }
    URI uri = settings.isEmbedded() ? embedded.getObject().uri() : URI.create(settings.url());
    JedisClientConfig config =
        DefaultJedisClientConfig.builder()
            .timeoutMillis(timeout)
            .user(JedisURIHelper.getUser(uri))
            .password(JedisURIHelper.getPassword(uri))
            .database(JedisURIHelper.getDBIndex(uri))
            .protocol(JedisURIHelper.getRedisProtocol(uri))
            .ssl(JedisURIHelper.isRedisSSLScheme(uri))
            .build();
    ConnectionFactory connections =
        new ConnectionFactory(JedisURIHelper.getHostAndPort(uri), config);
    return new JedisPooled(new RecentlyUsedConnections(connections, TRUSTED_FOR), pool);
  }

  private static JedisClientConfig clientConfig(int timeoutMillis, String password) {
    DefaultJedisClientConfig.Builder config =
        DefaultJedisClientConfig.builder().timeoutMillis(timeoutMillis);
    if (password != null && !password.isBlank()) {
      config.password(password);
    }
    return config.build();
  }
}

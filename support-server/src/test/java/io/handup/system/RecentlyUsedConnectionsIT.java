package io.handup.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Connection;
import redis.clients.jedis.ConnectionFactory;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.params.XReadParams;

/**
 * The pool skips the PING of a connection used a moment ago, yet the first command after a Redis
 * restart still finds a live connection: the break of a blocking read marks every idle connection
 * for a check.
 */
class RecentlyUsedConnectionsIT {

  @Test
  void theFirstCommandAfterARedisRestartSucceedsThoughItsConnectionWasUsedAMomentBefore() {
    try (EmbeddedRedis redis =
        new EmbeddedRedis(
                Path.of("target", "test-redis", "trust-" + UUID.randomUUID()), 0, "everysec")
            .start()) {
      GenericObjectPoolConfig<Connection> pool = new GenericObjectPoolConfig<>();
      pool.setMaxTotal(4);
      pool.setTestOnBorrow(true);
      ConnectionFactory connections =
          new ConnectionFactory(
              new HostAndPort("127.0.0.1", redis.port()),
              DefaultJedisClientConfig.builder().timeoutMillis(2000).build());
      RecentlyUsedConnections trusting =
          new RecentlyUsedConnections(connections, Duration.ofMinutes(1));
      try (JedisPooled jedis = new JedisPooled(trusting, pool)) {
        // a stream follower: a read blocked on its own connection, as every node has
        AtomicReference<Throwable> followerFailed = new AtomicReference<>();
        Thread follower =
            new Thread(
                () -> {
                  try {
                    jedis.xread(
                        XReadParams.xReadParams().block(60_000),
                        Map.of("trust-test", new StreamEntryID()));
                  } catch (RuntimeException e) {
                    followerFailed.set(e);
                  }
                });
        follower.setDaemon(true);
        follower.start();
        jedis.set("before", "1");
        await().atMost(Duration.ofSeconds(10)).until(() -> jedis.getPool().getNumActive() == 1);

        redis.kill();
        await().atMost(Duration.ofSeconds(10)).until(() -> followerFailed.get() != null);
        redis.start();

        // used within the minute of trust, and Redis restarted since: it must be checked
        assertThat(jedis.set("after", "1")).isEqualTo("OK");
      }
    }
  }
}

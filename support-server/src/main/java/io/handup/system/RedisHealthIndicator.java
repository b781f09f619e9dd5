package io.handup.system;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;
import redis.clients.jedis.JedisPooled;

/** Redis is the system of record: without it the service is down, whatever the JVM says. */
@Component("redis")
class RedisHealthIndicator extends AbstractHealthIndicator {

  private final JedisPooled jedis;
  private final RedisSettings settings;

  RedisHealthIndicator(JedisPooled jedis, RedisSettings settings) {
    super("Redis is not reachable");
    this.jedis = jedis;
    this.settings = settings;
  }

  @Override
  protected void doHealthCheck(Health.Builder builder) {
    String pong = jedis.ping();
    builder
        .status("PONG".equals(pong) ? "UP" : "DOWN")
        .withDetail("embedded", settings.isEmbedded());
  }
}

package io.handup.system;

import java.net.URI;
import java.time.Duration;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import redis.clients.jedis.Connection;
import redis.clients.jedis.JedisPooled;

/** The Redis connection: the configured URL, or an embedded redis-server when there is none. */
@Configuration(proxyBeanMethods = false)
class RedisConfiguration {

  @Bean(initMethod = "start", destroyMethod = "stop")
  @ConditionalOnExpression("'${handup.redis.url:}'.isBlank()")
  EmbeddedRedis embeddedRedis(RedisSettings settings) {
    RedisSettings.Embedded embedded = settings.embedded();
    return new EmbeddedRedis(embedded.dir(), embedded.port(), embedded.appendfsync());
  }

  @Bean(destroyMethod = "close")
  JedisPooled jedis(RedisSettings settings, ObjectProvider<EmbeddedRedis> embedded) {
    URI uri = settings.isEmbedded() ? embedded.getObject().uri() : URI.create(settings.url());
    GenericObjectPoolConfig<Connection> pool = new GenericObjectPoolConfig<>();
    pool.setMaxTotal(settings.poolSize());
    pool.setMaxIdle(settings.poolSize());
    pool.setMinIdle(2);
    // a pooled connection outlives a Redis restart only if it is checked before use
    pool.setTestOnBorrow(true);
    pool.setMaxWait(Duration.ofSeconds(2));
    return new JedisPooled(pool, uri, 2_000);
  }
}

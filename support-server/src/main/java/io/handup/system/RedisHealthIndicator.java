package io.handup.system;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;
import redis.clients.jedis.UnifiedJedis;

/**
 * Redis is the system of record: without it the service is down, whatever the JVM says. A stalled
 * Redis (paused, or a network that drops packets) answers nothing, and a PING through the pool can
 * then take several socket timeouts; the check waits at most {@code handup.redis.health-timeout}
 * and reports DOWN, so probes and load balancers get an answer in time. One PING at a time: while
 * one hangs, later checks wait on it rather than pile up threads.
 */
@Component("redis")
class RedisHealthIndicator extends AbstractHealthIndicator implements DisposableBean {

  private final UnifiedJedis jedis;
  private final RedisSettings settings;
  private final ExecutorService pinger =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread thread = new Thread(r, "handup-redis-health");
            thread.setDaemon(true);
            return thread;
          });
  private Future<String> inFlight;

  RedisHealthIndicator(UnifiedJedis jedis, RedisSettings settings) {
    super("Redis is not reachable");
    this.jedis = jedis;
    this.settings = settings;
  }

  @Override
  protected void doHealthCheck(Health.Builder builder) throws Exception {
    Future<String> ping;
    synchronized (this) {
      if (inFlight == null || inFlight.isDone()) {
        inFlight = pinger.submit(jedis::ping);
      }
      ping = inFlight;
    }
    builder.withDetail("embedded", settings.isEmbedded());
    Duration timeout = settings.healthTimeout();
    try {
      String pong = ping.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      builder.status("PONG".equals(pong) ? "UP" : "DOWN");
    } catch (TimeoutException e) {
      builder
          .down()
          .withDetail("error", "Redis did not answer within " + timeout.toMillis() + " ms");
    } catch (ExecutionException e) {
      throw e.getCause() instanceof Exception cause ? cause : e;
    }
  }

  @Override
  public void destroy() {
    pinger.shutdownNow();
  }
}

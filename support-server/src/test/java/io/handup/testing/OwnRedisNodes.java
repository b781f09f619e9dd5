package io.handup.testing;

import io.handup.system.EmbeddedRedis;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Server nodes on a real redis-server of their own, for tests whose settings (automatic offers,
 * short timers, live settings they change) must not reach the shared test floor.
 */
public final class OwnRedisNodes implements AutoCloseable {

  private final EmbeddedRedis redis;
  private final List<TestNode> nodes = new ArrayList<>();

  private OwnRedisNodes(String name) {
    this.redis =
        new EmbeddedRedis(
                Path.of("target", "test-redis", name + "-" + UUID.randomUUID()), 0, "everysec")
            .start();
  }

  /** A redis-server and {@code count} nodes on it, each with {@code settings}. */
  public static OwnRedisNodes start(String name, int count, Map<String, Object> settings) {
    OwnRedisNodes own = new OwnRedisNodes(name);
    for (int i = 0; i < count; i++) {
      own.nodes.add(TestNode.start(own.redisUri(), settings));
    }
    return own;
  }

  public TestNode node(int index) {
    return nodes.get(index);
  }

  public String redisUri() {
    return redis.uri().toString();
  }

  /** Stops every node still running (a test may have stopped one itself), then Redis. */
  @Override
  public void close() {
    for (TestNode node : nodes) {
      if (node.context().isActive()) {
        node.close();
      }
    }
    redis.stop();
  }
}

package io.handup.testing;

import io.handup.system.EmbeddedRedis;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The real redis-server and the server nodes the integration tests share, started once per test
 * JVM. Tests take their own agents and specialists from counters so they never share a person: an
 * agent has one open request and a specialist holds one claimed request at a time.
 */
public final class TestFloor {

  public static final String API_KEY = "test-integration-key";
  // agent-20 is mentored by spec-4 (the reporting-line case); hand out the others
  private static final AtomicInteger nextAgent = new AtomicInteger(20);
  private static final AtomicInteger nextSpecialist = new AtomicInteger(4);

  private static EmbeddedRedis redis;
  private static TestNode nodeA;
  private static TestNode nodeB;

  private TestFloor() {}

  public static synchronized EmbeddedRedis redis() {
    if (redis == null) {
      Path dir = Path.of("target", "test-redis", UUID.randomUUID().toString());
      redis = new EmbeddedRedis(dir, 0, "everysec").start();
      Runtime.getRuntime().addShutdownHook(new Thread(redis::stop));
    }
    return redis;
  }

  /** The first node of the shared floor. */
  public static synchronized TestNode nodeA() {
    if (nodeA == null) {
      nodeA = TestNode.start(redis().uri().toString(), Map.of());
    }
    return nodeA;
  }

  /** A second node on the same Redis, for cross-node tests. */
  public static synchronized TestNode nodeB() {
    if (nodeB == null) {
      nodeA();
      nodeB = TestNode.start(redis().uri().toString(), Map.of());
    }
    return nodeB;
  }

  /** An agent no other test uses (agent-21 … agent-400). */
  public static String freshAgent() {
    int n = nextAgent.incrementAndGet();
    if (n > 400) {
      throw new IllegalStateException("The test floor ran out of agents; raise handup.demo.agents");
    }
    return "agent-" + n;
  }

  /** A specialist no other test uses (spec-5 … spec-100). */
  public static String freshSpecialist() {
    int n = nextSpecialist.incrementAndGet();
    if (n > 100) {
      throw new IllegalStateException("The test floor ran out of specialists");
    }
    return "spec-" + n;
  }
}

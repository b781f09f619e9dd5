package io.handup.testing;

import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.util.JedisClusterCRC16;
import redis.embedded.RedisExecProvider;

/**
 * A real Redis Cluster of masters without replicas: redis-server processes of the embedded binary
 * with {@code cluster-enabled}, given equal slot ranges and introduced to each other the way
 * redis-cli would, but from Java.
 */
public final class RedisCluster implements AutoCloseable {

  public static final int SLOTS = 16384;

  private final List<Integer> ports = new ArrayList<>();
  private final List<Integer> busPorts = new ArrayList<>();
  private final List<Process> processes = new ArrayList<>();

  private RedisCluster() {}

  /** {@code shards} masters, each owning an equal range of the slots, with the cluster ok. */
  public static RedisCluster start(int shards) {
    RedisCluster cluster = new RedisCluster();
    // a test JVM that dies before its @AfterAll leaves no redis-server behind
    Runtime.getRuntime().addShutdownHook(new Thread(cluster::close));
    try {
      cluster.launch(shards);
      cluster.form();
      return cluster;
    } catch (RuntimeException e) {
      cluster.close();
      throw e;
    }
  }

  private void launch(int shards) {
    Path root = Path.of("target", "test-redis-cluster", UUID.randomUUID().toString());
    try {
      File binary = RedisExecProvider.defaultProvider().get();
      for (int i = 0; i < shards; i++) {
        Path dir = Files.createDirectories(root.resolve("shard-" + i)).toAbsolutePath();
        int port = freePort();
        int busPort = freePort();
        ports.add(port);
        busPorts.add(busPort);
        processes.add(
            new ProcessBuilder(
                    binary.getAbsolutePath(),
                    "--port",
                    String.valueOf(port),
                    "--bind",
                    "127.0.0.1",
                    "--dir",
                    dir.toString(),
                    "--cluster-enabled",
                    "yes",
                    // the bus port is the port + 10000 unless given: an ephemeral port + 10000 may
                    // be taken or past 65535
                    "--cluster-port",
                    String.valueOf(busPort),
                    "--cluster-config-file",
                    "nodes.conf",
                    "--cluster-node-timeout",
                    "5000",
                    "--appendonly",
                    "no",
                    "--save",
                    "",
                    "--daemonize",
                    "no",
                    "--logfile",
                    dir.resolve("redis.log").toString())
                .redirectErrorStream(true)
                .start());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Could not start the cluster's redis-servers", e);
    }
    for (int port : ports) {
      await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> ping(port));
    }
  }

  private void form() {
    int shards = ports.size();
    for (int i = 0; i < shards; i++) {
      try (Jedis node = node(i)) {
        // distinct epochs from the start, as redis-cli gives them, so no collision is resolved
        node.clusterSetConfigEpoch(i + 1);
        node.clusterAddSlotsRange(firstSlot(i), firstSlot(i + 1) - 1);
      }
    }
    try (Jedis first = node(0)) {
      for (int i = 1; i < shards; i++) {
        // with its bus port, which MEET otherwise takes to be the port + 10000
        first.sendCommand(
            Protocol.Command.CLUSTER,
            "MEET",
            "127.0.0.1",
            String.valueOf(ports.get(i)),
            String.valueOf(busPorts.get(i)));
      }
    }
    for (int i = 0; i < shards; i++) {
      int n = i;
      await()
          .atMost(Duration.ofSeconds(20))
          .pollInterval(Duration.ofMillis(50))
          .until(
              () -> {
                try (Jedis node = node(n)) {
                  String info = node.clusterInfo();
                  return info.contains("cluster_state:ok")
                      && info.contains("cluster_known_nodes:" + shards)
                      && info.contains("cluster_slots_ok:" + SLOTS);
                }
              });
    }
  }

  /** The seed nodes as {@code handup.redis.cluster.nodes} takes them. */
  public String nodes() {
    return ports.stream().map(p -> "127.0.0.1:" + p).collect(Collectors.joining(","));
  }

  public int shards() {
    return ports.size();
  }

  /** The shard whose slots hold {@code key}. */
  public int shardOf(String key) {
    int slot = JedisClusterCRC16.getSlot(key);
    for (int i = 0; i < ports.size(); i++) {
      if (slot < firstSlot(i + 1)) {
        return i;
      }
    }
    throw new IllegalStateException("slot " + slot);
  }

  /** A direct connection to one shard's master (it answers MOVED for other shards' keys). */
  public Jedis node(int shard) {
    return new Jedis("127.0.0.1", ports.get(shard));
  }

  private int firstSlot(int shard) {
    return shard * SLOTS / ports.size();
  }

  @Override
  public void close() {
    processes.forEach(Process::destroy);
    for (Process p : processes) {
      try {
        if (!p.waitFor(10, TimeUnit.SECONDS)) {
          p.destroyForcibly();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static boolean ping(int port) {
    try (Jedis jedis = new Jedis("127.0.0.1", port)) {
      return "PONG".equals(jedis.ping());
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

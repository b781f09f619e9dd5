package io.handup.faults;

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
import java.util.concurrent.TimeUnit;
import redis.clients.jedis.Jedis;
import redis.embedded.RedisExecProvider;

/**
 * A redis-server process (the binary of the embedded-redis jar) in a role {@code EmbeddedRedis}
 * does not play: a replica, or a sentinel. Its log goes to its folder for post-mortems.
 */
final class RedisProcess implements AutoCloseable {

  private final int port;
  private final Process process;

  private RedisProcess(int port, Process process) {
    this.port = port;
    this.process = process;
  }

  /** A replica of the server on {@code masterPort}, with its own append-only file. */
  static RedisProcess replica(Path relative, int masterPort) {
    // absolute: redis-server changes into --dir before it opens the log file
    Path dir = relative.toAbsolutePath();
    int port = freePort();
    return start(
        dir,
        port,
        List.of(
            "--port",
            String.valueOf(port),
            "--bind",
            "127.0.0.1",
            "--dir",
            dir.toString(),
            "--appendonly",
            "yes",
            "--save",
            "",
            "--replicaof",
            "127.0.0.1",
            String.valueOf(masterPort),
            "--logfile",
            dir.resolve("redis.log").toString()));
  }

  /**
   * A sentinel watching the master on {@code masterPort} under {@code name}, quorum 2, with short
   * timings so a failover takes seconds: the master counts as down after 1 s of silence.
   */
  static RedisProcess sentinel(Path relative, String name, int masterPort) {
    Path dir = relative.toAbsolutePath();
    int port = freePort();
    Path config = dir.resolve("sentinel.conf");
    try {
      Files.createDirectories(dir);
      // sentinel rewrites its config file as it learns about replicas and peers
      Files.writeString(
          config,
          String.join(
              "\n",
              "port " + port,
              "bind 127.0.0.1",
              "dir " + dir,
              "logfile " + dir.resolve("sentinel.log"),
              "sentinel monitor " + name + " 127.0.0.1 " + masterPort + " 2",
              "sentinel down-after-milliseconds " + name + " 1000",
              "sentinel failover-timeout " + name + " 5000",
              "sentinel parallel-syncs " + name + " 1",
              ""));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return start(dir, port, List.of(config.toString(), "--sentinel"));
  }

  private static RedisProcess start(Path dir, int port, List<String> args) {
    try {
      Files.createDirectories(dir);
      File binary = RedisExecProvider.defaultProvider().get();
      List<String> command = new ArrayList<>();
      command.add(binary.getAbsolutePath());
      command.addAll(args);
      Process process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("stdout.log").toFile())
              .start();
      RedisProcess redis = new RedisProcess(port, process);
      await()
          .atMost(Duration.ofSeconds(20))
          .pollInterval(Duration.ofMillis(50))
          .ignoreExceptions()
          .until(redis::answers);
      return redis;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private boolean answers() {
    if (!process.isAlive()) {
      throw new IllegalStateException("redis-server exited with " + process.exitValue());
    }
    try (Jedis jedis = client()) {
      return "PONG".equals(jedis.ping());
    }
  }

  Jedis client() {
    return new Jedis("127.0.0.1", port, 2_000);
  }

  int port() {
    return port;
  }

  /** Kills it as a crash would. */
  void kill() {
    process.destroyForcibly();
    try {
      process.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    kill();
  }

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

package io.handup.faults;

import static org.awaitility.Awaitility.await;

import io.handup.HandupApplication;
import io.handup.testing.Node;
import io.handup.testing.TestNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A server node in a JVM of its own, started from the test classpath, so that it can die as a node
 * really dies: SIGKILL, no shutdown hooks, no close frames, no presence updates.
 */
final class NodeProcess implements Node, AutoCloseable {

  private final int port;
  private final Process process;
  private final Path log;

  private NodeProcess(int port, Process process, Path log) {
    this.port = port;
    this.process = process;
    this.log = log;
  }

  static NodeProcess start(String redisUrl, Map<String, Object> extra, Path dir) {
    int port = RedisProcess.freePort();
    Map<String, Object> properties = new HashMap<>(extra);
    properties.put("server.port", port);
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    // a small, quickly started JVM: it runs for seconds and serves a handful of sockets
    command.add("-Xmx256m");
    command.add("-XX:TieredStopAtLevel=1");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(HandupApplication.class.getName());
    command.addAll(List.of(TestNode.arguments(redisUrl, properties)));
    try {
      Files.createDirectories(dir);
      Path log = dir.resolve("node-" + port + ".log");
      Process process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      NodeProcess node = new NodeProcess(port, process, log);
      await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).until(node::isUp);
      return node;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private boolean isUp() {
    if (!process.isAlive()) {
      throw new IllegalStateException("The node process exited; see " + log);
    }
    try {
      HttpURLConnection http =
          (HttpURLConnection) http("/actuator/health").toURL().openConnection();
      http.setConnectTimeout(1000);
      http.setReadTimeout(2000);
      try {
        return http.getResponseCode() == 200;
      } finally {
        http.disconnect();
      }
    } catch (IOException notYet) {
      return false;
    }
  }

  @Override
  public int port() {
    return port;
  }

  /** SIGKILL: the JVM gets no chance to say goodbye to anyone. */
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
}

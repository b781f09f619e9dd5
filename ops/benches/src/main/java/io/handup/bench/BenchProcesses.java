package io.handup.bench;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipFile;
import redis.clients.jedis.Jedis;
import redis.embedded.RedisExecProvider;

/**
 * What the benchmarks share: a redis-server and a Handup node as processes of their own, the node's
 * HTTP calls, and the figures' arithmetic.
 */
final class BenchProcesses {

  private BenchProcesses() {}

  /** The arguments, each {@code name=value}. */
  static Map<String, String> options(String[] args) {
    Map<String, String> opts = new HashMap<>();
    for (String a : args) {
      int eq = a.indexOf('=');
      opts.put(a.substring(0, eq), a.substring(eq + 1));
    }
    return opts;
  }

  /** The server jar the benchmark runs ({@code jar=}, by default the one the build packaged). */
  static Path serverJar(Map<String, String> opts) {
    Path jar = Path.of(opts.getOrDefault("jar", "support-server/target/support-server-0.1.0.jar"));
    if (!Files.exists(jar)) {
      throw new IllegalArgumentException(jar + " is missing: run mvn package first");
    }
    return jar;
  }

  /** Stops a process started here, if it was. */
  static void stop(Process process) throws InterruptedException {
    if (process != null) {
      process.destroy();
      process.waitFor();
    }
  }

  /** The redis-server the embedded default runs, without persistence, on {@code port}. */
  static Process startRedis(Path work, int port) throws Exception {
    File binary = RedisExecProvider.defaultProvider().get();
    Process p =
        new ProcessBuilder(
                binary.getAbsolutePath(),
                "--port",
                "" + port,
                "--bind",
                "127.0.0.1",
                "--dir",
                work.toString(),
                "--save",
                "",
                "--appendonly",
                "no",
                "--logfile",
                work.resolve("redis.log").toString())
            .start();
    for (int i = 0; i < 200; i++) {
      try (Jedis j = new Jedis("127.0.0.1", port)) {
        if ("PONG".equals(j.ping())) {
          return p;
        }
      } catch (RuntimeException notYet) {
        Thread.sleep(50);
      }
    }
    throw new IllegalStateException("redis-server did not start");
  }

  /**
   * The server jar on that Redis with the demo floor and no automatic offers, {@code settings}
   * added (e.g. {@code --handup.time-zone=UTC}); returns once its health answers.
   */
  static Process startNode(Path jar, Path work, int redisPort, int httpPort, String... settings)
      throws Exception {
    List<String> command =
        new ArrayList<>(
            List.of(
                "java",
                "-jar",
                jar.toString(),
                "--server.port=" + httpPort,
                "--handup.redis.url=redis://127.0.0.1:" + redisPort,
                "--handup.demo.enabled=true",
                "--handup.auto-offer=false"));
    command.addAll(List.of(settings));
    Process p =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(work.resolve("node.log").toFile())
            .start();
    HttpClient http = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + Duration.ofMinutes(4).toNanos();
    while (System.nanoTime() < deadline) {
      try {
        HttpResponse<String> r =
            http.send(
                HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + httpPort + "/actuator/health"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200) {
          return p;
        }
      } catch (IOException notYet) {
        // still starting
      }
      if (!p.isAlive()) {
        throw new IllegalStateException("The node exited; see " + work.resolve("node.log"));
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException("The node did not start; see " + work.resolve("node.log"));
  }

  /** A GET with the bearer token; anything but 200 stops the run. */
  static String get(HttpClient http, String url, String token) throws Exception {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + token)
                .timeout(Duration.ofMinutes(10))
                .build(),
            HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    if (r.statusCode() != 200) {
      throw new IllegalStateException(url + " answered " + r.statusCode() + ": " + r.body());
    }
    return r.body();
  }

  /** Nearest rank, as the reports themselves count percentiles. */
  static double rank(double[] sorted, int p) {
    int rank = (int) Math.max(1, (p * (long) sorted.length + 99) / 100);
    return sorted[rank - 1];
  }

  /** A Lua step out of the server jar, for seeding the way the server writes. */
  static String lua(ZipFile jar, String name) throws IOException {
    try (InputStream in =
        jar.getInputStream(jar.getEntry("BOOT-INF/classes/lua/" + name + ".lua"))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  static String loadAverage() {
    try {
      String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return parts[0] + " " + parts[1] + " " + parts[2];
    } catch (IOException e) {
      return "unknown";
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}

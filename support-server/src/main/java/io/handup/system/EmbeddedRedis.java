package io.handup.system;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.Jedis;
import redis.embedded.RedisExecProvider;

/**
 * A real redis-server process, the binary shipped in the embedded-redis jar, with the append-only
 * file on so a restart finds yesterday's requests. Run as a plain process (not through the
 * library's wrapper) so that it can be stopped, killed and restarted on the same port and folder.
 */
public final class EmbeddedRedis implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedRedis.class);
  private static final Duration START_TIMEOUT = Duration.ofSeconds(20);

  private final Path dir;
  private final int port;
  private final String appendfsync;
  private Process process;

  public EmbeddedRedis(Path dir, int port, String appendfsync) {
    this.dir = dir.toAbsolutePath().normalize();
    this.port = port == 0 ? freePort() : port;
    this.appendfsync = appendfsync;
  }

  public synchronized EmbeddedRedis start() {
    try {
      Files.createDirectories(dir);
      File binary = RedisExecProvider.defaultProvider().get();
      List<String> command =
          List.of(
              binary.getAbsolutePath(),
              "--port",
              String.valueOf(port),
              "--bind",
              "127.0.0.1",
              "--dir",
              dir.toString(),
              "--appendonly",
              "yes",
              "--appendfsync",
              appendfsync,
              "--save",
              "",
              "--daemonize",
              "no",
              "--logfile",
              dir.resolve("redis.log").toString());
      process = new ProcessBuilder(command).redirectErrorStream(true).start();
      awaitPing();
      log.info("Embedded redis-server on port {} with its data in {}", port, dir);
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException("Could not start the embedded redis-server", e);
    }
  }

  private void awaitPing() {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (true) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "redis-server exited with "
                + process.exitValue()
                + "; see "
                + dir.resolve("redis.log"));
      }
      try (Jedis jedis = new Jedis("127.0.0.1", port)) {
        // LOADING while it replays the append-only file: keep waiting
        if ("PONG".equals(jedis.ping())) {
          return;
        }
      } catch (RuntimeException notYet) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("redis-server did not answer on port " + port, notYet);
        }
      }
      pause();
    }
  }

  private static void pause() {
    try {
      TimeUnit.MILLISECONDS.sleep(20);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while starting redis-server", e);
    }
  }

  /** Stops it gracefully: SIGTERM makes redis-server flush the append-only file first. */
  public synchronized void stop() {
    if (process != null && process.isAlive()) {
      process.destroy();
      waitForExit();
    }
  }

  /** Kills it as a crash would (SIGKILL): nothing is flushed on the way out. */
  public synchronized void kill() {
    if (process != null && process.isAlive()) {
      process.destroyForcibly();
      waitForExit();
    }
  }

  private void waitForExit() {
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  public boolean isRunning() {
    return process != null && process.isAlive();
  }

  /** The process id, for tests that pause it ({@code kill -STOP}) as a stalled host would. */
  public long pid() {
    return process.pid();
  }

  public int port() {
    return port;
  }

  public URI uri() {
    return URI.create("redis://127.0.0.1:" + port);
  }

  @Override
  public void close() {
    stop();
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

package io.handup.system;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * Runs the Lua scripts under {@code lua/}, one file per state transition. Each script is sent with
 * the shared {@code lua/lib.lua} in front of it, loaded once and then called by its SHA; a Redis
 * restart or failover empties Redis's script cache, so {@code NOSCRIPT} loads it again.
 */
@Component
public class RedisScripts {

  private final UnifiedJedis jedis;
  private final Clock clock;
  private final String library;
  private final Map<String, Script> scripts = new ConcurrentHashMap<>();

  RedisScripts(UnifiedJedis jedis, Clock clock) {
    this.jedis = jedis;
    this.clock = clock;
    this.library = read("lib");
  }

  /**
   * Runs a transition script of one floor with the arguments every script starts with (the floor's
   * key prefix and the time now) followed by {@code args}.
   */
  public ScriptReply onFloor(String name, String floor, String... args) {
    Keys.Floor keys = Keys.floor(floor);
    List<String> argv = new ArrayList<>(args.length + 2);
    argv.add(keys.prefix());
    argv.add(String.valueOf(clock.millis()));
    argv.addAll(List.of(args));
    return ScriptReply.parse(run(name, List.of(keys.events()), argv));
  }

  /** Runs script {@code name} ({@code lua/name.lua}) and returns Redis's reply. */
  public Object run(String name, List<String> keys, List<String> args) {
    Script script = scripts.computeIfAbsent(name, n -> new Script(library + "\n" + read(n)));
    try {
      return jedis.evalsha(script.sha(jedis), keys, args);
    } catch (JedisDataException e) {
      if (e.getMessage() == null || !e.getMessage().startsWith("NOSCRIPT")) {
        throw e;
      }
      return jedis.evalsha(script.reload(jedis), keys, args);
    }
  }

  private static String read(String name) {
    try (InputStream in = new ClassPathResource("lua/" + name + ".lua").getInputStream()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Missing Lua script lua/" + name + ".lua", e);
    }
  }

  private static final class Script {
    private final String source;
    private volatile String sha;

    Script(String source) {
      this.source = source;
    }

    String sha(UnifiedJedis jedis) {
      String loaded = sha;
      return loaded != null ? loaded : reload(jedis);
    }

    String reload(UnifiedJedis jedis) {
      sha = jedis.scriptLoad(source);
      return sha;
    }
  }
}

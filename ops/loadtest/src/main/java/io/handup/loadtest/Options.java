package io.handup.loadtest;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The command line. Every option is {@code --name value} (or {@code --name=value}); {@code --help}
 * lists them. Hosts must be loopback addresses unless {@code --allow-remote} is given.
 *
 * @param mode {@code load} (raise, claim, chat, resolve, rate) or {@code idle} (agents connect and
 *     say hello, then hold the sockets)
 */
record Options(
    String mode,
    List<URI> nodes,
    int agents,
    int specialists,
    int agentOffset,
    double rate,
    Duration duration,
    Duration warmUp,
    Duration drain,
    String apiKey,
    URI redis,
    Duration thinkMin,
    Duration thinkMax,
    double cancelShare,
    double retryShare,
    double boardClaimShare,
    Duration progressEvery,
    int floorSamples,
    long serverPid,
    int connectConcurrency,
    boolean allowRemote,
    long seed) {

  static final String USAGE =
      """
      java -jar ops/loadtest/target/loadtest.jar [options]
        --nodes URL[,URL...]     Handup nodes (default http://127.0.0.1:8080)
        --api-key KEY            an integration key of the nodes (handup.integration.api-keys); required
        --agents N               agents to connect, agent-1..agent-N (default 200)
        --specialists M          specialists to connect, spec-1..spec-M (default 10)
        --agent-offset N         start at agent-(N+1) (default 0)
        --rate R                 raises per second across all agents (default 5)
        --duration D             how long to raise, e.g. 60s, 5m (default 60s)
        --warm-up D              raise at the rate this long before --duration, outside the
                                 latencies (fresh nodes compile their code then); the
                                 counts and a whole-run line still include it (default 0s)
        --drain D                after that, how long to wait for open requests to end (default 60s)
        --mode load|idle         load (default) or idle: connect, hold for --duration, measure
        --redis URL              the nodes' Redis, for the floor's XADD+XREAD round trip
        --think MIN..MAX         a specialist's time on a request, e.g. 500ms..1500ms (default)
        --cancel-share F         share of raises the agent cancels soon after (default 0.05)
        --retry-share F          share of raises sent twice with one clientKey (default 0.02)
        --board-claim-share F    share of new requests one specialist (if idle) claims off
                                 the board before the offer lands (default 0.1)
        --progress D             a progress line every D (default 5s)
        --floor-samples N        round trips per floor measurement (default 2000; 0 = skip)
        --server-pid PID         a node's process: report its RSS and heap (idle mode)
        --connect-concurrency N  sockets opened at once (default 64)
        --seed N                 random seed (default: the clock)
        --allow-remote           allow hosts that are not loopback addresses
      """;

  static Options parse(String... args) {
    Map<String, String> values = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (!arg.startsWith("--")) {
        throw new IllegalArgumentException("Unexpected argument '" + arg + "'\n" + USAGE);
      }
      String name = arg.substring(2);
      String value;
      int eq = name.indexOf('=');
      if (eq >= 0) {
        value = name.substring(eq + 1);
        name = name.substring(0, eq);
      } else if (name.equals("allow-remote") || name.equals("help")) {
        value = "true";
      } else if (i + 1 < args.length) {
        value = args[++i];
      } else {
        throw new IllegalArgumentException("--" + name + " needs a value");
      }
      values.put(name, value);
    }
    Args a = new Args(values);
    if (a.has("help")) {
      throw new IllegalArgumentException(USAGE);
    }
    List<URI> nodes = new ArrayList<>();
    for (String node : a.text("nodes", "http://127.0.0.1:8080").split(",")) {
      if (!node.isBlank()) {
        nodes.add(URI.create(node.trim().replaceAll("/+$", "")));
      }
    }
    String redisText = a.text("redis", null);
    Duration[] think = range(a.text("think", "500ms..1500ms"));
    Options options =
        new Options(
            a.text("mode", "load"),
            List.copyOf(nodes),
            a.integer("agents", 200),
            a.integer("specialists", 10),
            a.integer("agent-offset", 0),
            a.decimal("rate", 5),
            duration(a.text("duration", "60s")),
            duration(a.text("warm-up", "0s")),
            duration(a.text("drain", "60s")),
            a.text("api-key", null),
            redisText == null ? null : URI.create(redisText),
            think[0],
            think[1],
            a.decimal("cancel-share", 0.05),
            a.decimal("retry-share", 0.02),
            a.decimal("board-claim-share", 0.1),
            duration(a.text("progress", "5s")),
            a.integer("floor-samples", 2000),
            a.integer("server-pid", 0),
            a.integer("connect-concurrency", 64),
            a.has("allow-remote"),
            Long.parseLong(a.text("seed", String.valueOf(System.nanoTime()))));
    a.rejectUnknown();
    options.validate();
    return options;
  }

  private void validate() {
    if (!mode.equals("load") && !mode.equals("idle")) {
      throw new IllegalArgumentException("--mode must be load or idle");
    }
    if (nodes.isEmpty()) {
      throw new IllegalArgumentException("--nodes needs at least one URL");
    }
    if (apiKey == null || apiKey.isBlank()) {
      throw new IllegalArgumentException("--api-key is required (handup.integration.api-keys)");
    }
    if (agents < 1 || specialists < 0 || agentOffset < 0 || connectConcurrency < 1) {
      throw new IllegalArgumentException("--agents must be ≥ 1, --specialists ≥ 0");
    }
    if (mode.equals("load") && (specialists < 1 || rate <= 0)) {
      throw new IllegalArgumentException("load mode needs --specialists ≥ 1 and --rate > 0");
    }
    for (double share : new double[] {cancelShare, retryShare, boardClaimShare}) {
      if (share < 0 || share > 1) {
        throw new IllegalArgumentException("shares are between 0 and 1");
      }
    }
    if (thinkMax.compareTo(thinkMin) < 0) {
      throw new IllegalArgumentException("--think MIN..MAX needs MIN ≤ MAX");
    }
    for (URI node : nodes) {
      if (!"http".equals(node.getScheme()) && !"https".equals(node.getScheme())) {
        throw new IllegalArgumentException("--nodes are http(s) URLs: " + node);
      }
      requireLoopback(node, allowRemote);
    }
    if (redis != null) {
      requireLoopback(redis, allowRemote);
    }
  }

  /** Refuses a host that is not a loopback address, unless remote hosts are explicitly allowed. */
  static void requireLoopback(URI uri, boolean allowRemote) {
    if (allowRemote) {
      return;
    }
    String host = uri.getHost();
    if (host == null) {
      throw new IllegalArgumentException("No host in " + uri);
    }
    try {
      for (InetAddress address : InetAddress.getAllByName(host)) {
        if (!address.isLoopbackAddress()) {
          throw new IllegalArgumentException(
              host + " is not a loopback address; pass --allow-remote to load another machine");
        }
      }
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("Unknown host " + host, e);
    }
  }

  /** The WebSocket URL of a node. */
  static URI webSocket(URI node) {
    String scheme = "https".equals(node.getScheme()) ? "wss" : "ws";
    return URI.create(scheme + "://" + node.getRawAuthority() + "/ws");
  }

  /** {@code 250ms}, {@code 30s}, {@code 5m}, {@code 1h}, or plain seconds. */
  static Duration duration(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    try {
      if (t.endsWith("ms")) {
        return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
      }
      long n = Long.parseLong(t.replaceAll("[smh]$", ""));
      return switch (t.charAt(t.length() - 1)) {
        case 'm' -> Duration.ofMinutes(n);
        case 'h' -> Duration.ofHours(n);
        default -> Duration.ofSeconds(n);
      };
    } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
      throw new IllegalArgumentException("Not a duration: '" + text + "' (e.g. 500ms, 30s, 5m)");
    }
  }

  private static Duration[] range(String text) {
    String[] parts = text.split("\\.\\.");
    Duration min = duration(parts[0]);
    return new Duration[] {min, parts.length > 1 ? duration(parts[1]) : min};
  }

  private static final class Args {
    private final Map<String, String> values;
    private final Map<String, String> unused;

    Args(Map<String, String> values) {
      this.values = values;
      this.unused = new LinkedHashMap<>(values);
    }

    boolean has(String name) {
      unused.remove(name);
      return values.containsKey(name);
    }

    String text(String name, String fallback) {
      unused.remove(name);
      return values.getOrDefault(name, fallback);
    }

    int integer(String name, int fallback) {
      String v = text(name, null);
      try {
        return v == null ? fallback : Integer.parseInt(v);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("--" + name + " must be a whole number: " + v);
      }
    }

    double decimal(String name, double fallback) {
      String v = text(name, null);
      try {
        return v == null ? fallback : Double.parseDouble(v);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("--" + name + " must be a number: " + v);
      }
    }

    void rejectUnknown() {
      if (!unused.isEmpty()) {
        throw new IllegalArgumentException(
            "Unknown option --" + unused.keySet().iterator().next() + "\n" + USAGE);
      }
    }
  }
}

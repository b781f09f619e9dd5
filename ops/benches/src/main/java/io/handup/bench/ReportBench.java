package io.handup.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipFile;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * Times the reports over a quarter of a large floor (docs/benchmarks.md, "Reports").
 *
 * <p>Starts a redis-server (the binary of the embedded-redis artifact) and one node from the
 * packaged server jar on it, with the demo floor scaled to 2,000 agents and 100 specialists; seeds
 * the 91 days before today with finished requests written as the transition scripts leave them
 * (request hash, history entry) and folded into the rollups by the server's own rollup.lua, read
 * from the jar; then calls each report over the quarter and prints p50/p99.
 *
 * <p>Arguments (all optional): {@code requests=2000000 days=91 calls=20
 * jar=support-server/target/support-server-0.1.0.jar tag=UTC@30000/v2}.
 */
public final class ReportBench {

  private static final String FLOOR = "demo";
  private static final String PREFIX = "handup:{" + FLOOR + "}:";
  // the node's rollup tag (Rollups.tag()): zone, service-level target, layout of the keys; an
  // older jar needs its own (tag=UTC@30000 for the first layout)
  private static final String TAG = "UTC@30000/v2";
  private static final String[] TOPICS = {"billing", "technical", "policy", "billing", ""};
  private static final int BATCH = 2000;

  private ReportBench() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> opts = BenchProcesses.options(args);
    long requests = Long.parseLong(opts.getOrDefault("requests", "2000000"));
    int days = Integer.parseInt(opts.getOrDefault("days", "91"));
    int calls = Integer.parseInt(opts.getOrDefault("calls", "20"));
    String tag = opts.getOrDefault("tag", TAG);
    Path jar = BenchProcesses.serverJar(opts);
    Path work = Files.createTempDirectory("handup-report-bench");
    int redisPort = BenchProcesses.freePort();
    int httpPort = BenchProcesses.freePort();
    Process redis = BenchProcesses.startRedis(work, redisPort);
    Process node = null;
    try {
      node =
          BenchProcesses.startNode(
              jar,
              work,
              redisPort,
              httpPort,
              "--handup.demo.agents=2000",
              "--handup.demo.specialists=100",
              "--handup.time-zone=UTC");
      LocalDate first = LocalDate.now(ZoneOffset.UTC).minusDays(days);
      LocalDate last = LocalDate.now(ZoneOffset.UTC).minusDays(1);
      long started = System.nanoTime();
      long seeded = seed(jar, redisPort, first, days, requests, tag);
      double seedSeconds = (System.nanoTime() - started) / 1e9;
      System.out.printf(
          Locale.ROOT,
          "seeded %,d requests over %d days in %.0f s (%.0f per second)%n",
          seeded,
          days,
          seedSeconds,
          seeded / seedSeconds);
      System.out.println("redis memory after seeding: " + usedMemory(redisPort));
      System.out.println(rollupMemory(redisPort));
      measure(httpPort, first, last, seeded, calls, seedSeconds);
    } finally {
      BenchProcesses.stop(node);
      BenchProcesses.stop(redis);
    }
  }

  /** Writes finished requests as the scripts leave them and folds each in with rollup.lua. */
  private static long seed(Path jar, int port, LocalDate first, int days, long total, String tag)
      throws Exception {
    String script;
    try (ZipFile zip = new ZipFile(jar.toFile())) {
      script = BenchProcesses.lua(zip, "lib") + "\n" + BenchProcesses.lua(zip, "rollup");
    }
    Random random = new Random(2025);
    long perDay = total / days;
    long seeded = 0;
    try (Jedis jedis = new Jedis("127.0.0.1", port)) {
      String sha = jedis.scriptLoad(script);
      Pipeline pipe = jedis.pipelined();
      int inBatch = 0;
      for (int d = 0; d < days; d++) {
        LocalDate day = first.plusDays(d);
        long dayStart = day.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        for (long i = 0; i < perDay; i++) {
          String id = "b" + d + "-" + i;
          Map<String, String> r = request(id, dayStart, random);
          long raised = Long.parseLong(r.get("raisedAt"));
          pipe.hset(PREFIX + "req:" + id, r);
          pipe.zadd(PREFIX + "history", raised, id);
          ZonedDateTime at = Instant.ofEpochMilli(raised).atZone(ZoneOffset.UTC);
          pipe.evalsha(
              sha,
              List.of(PREFIX + "events"),
              List.of(
                  PREFIX,
                  "" + System.currentTimeMillis(),
                  id,
                  tag,
                  at.toLocalDate().toString(),
                  "" + at.getHour(),
                  "30000"));
          seeded++;
          if (++inBatch == BATCH) {
            pipe.sync();
            inBatch = 0;
          }
        }
        if (d % 10 == 9) {
          System.out.printf("seeded %d of %d days%n", d + 1, days);
        }
      }
      pipe.sync();
    }
    return seeded;
  }

  /** One finished request of a busy day, with plausible times. */
  private static Map<String, String> request(String id, long dayStart, Random random) {
    Map<String, String> r = new HashMap<>();
    // office hours mostly, a few at night
    int hour = random.nextInt(10) == 0 ? random.nextInt(24) : 8 + random.nextInt(10);
    long raised = dayStart + hour * 3_600_000L + random.nextInt(3_600_000);
    int agent = 1 + random.nextInt(2000);
    int spec = 1 + random.nextInt(100);
    r.put("id", id);
    r.put("floor", FLOOR);
    r.put("agentId", "agent-" + agent);
    r.put("agentName", "Agent " + agent);
    r.put("seat", "A-" + agent);
    String topic = TOPICS[random.nextInt(TOPICS.length)];
    if (!topic.isEmpty()) {
      r.put("topic", topic);
    }
    r.put("urgent", random.nextInt(10) == 0 ? "1" : "0");
    r.put("raisedAt", "" + raised);
    r.put("clientKey", id);
    double fate = random.nextDouble();
    long wait = Math.min(590_000, (long) (-Math.log(1 - random.nextDouble()) * 18_000));
    if (fate < 0.05) {
      r.put("state", "EXPIRED");
      r.put("expiredAt", "" + (raised + 600_000));
      return r;
    }
    if (fate < 0.09) {
      r.put("state", "CANCELLED");
      r.put("cancelledAt", "" + (raised + wait));
      return r;
    }
    long claimed = raised + wait;
    r.put("specialistId", "spec-" + spec);
    r.put("specialistName", "Specialist " + spec);
    r.put("claimedAt", "" + claimed);
    if (random.nextInt(10) < 7) {
      r.put("arrivedAt", "" + (claimed + 3_000 + random.nextInt(90_000)));
    }
    if (fate < 0.11) {
      r.put("state", "CANCELLED");
      r.put("cancelledAt", "" + (claimed + random.nextInt(60_000)));
      return r;
    }
    long handle =
        Math.min(7_200_000, 30_000 + (long) (Math.exp(random.nextGaussian() * 0.8) * 150_000));
    r.put("state", "RESOLVED");
    r.put("resolvedAt", "" + (claimed + handle));
    r.put("outcome", "ANSWERED");
    if (random.nextInt(10) < 6) {
      boolean wrong = random.nextInt(40) == 0;
      r.put("rated", "1");
      r.put("score", "" + (wrong ? 1 + random.nextInt(2) : 3 + random.nextInt(3)));
      r.put("wrong", wrong ? "1" : "0");
      if (wrong) {
        r.put("flagged", "1");
        if (random.nextBoolean()) {
          r.put("reviewed", "1");
          r.put("reviewVerdict", random.nextBoolean() ? "CONFIRMED" : "DISMISSED");
        }
      }
    }
    return r;
  }

  private static void measure(
      int port, LocalDate first, LocalDate last, long seeded, int calls, double seedSeconds)
      throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    String base = "http://127.0.0.1:" + port;
    HttpResponse<String> login =
        http.send(
            HttpRequest.newBuilder(URI.create(base + "/api/auth/token"))
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"username\":\"manager\",\"password\":\"demo\"}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    Matcher m = Pattern.compile("\"token\"\\s*:\\s*\"([^\"]+)\"").matcher(login.body());
    if (!m.find()) {
      throw new IllegalStateException("No token: " + login.body());
    }
    String token = m.group(1);
    String quarter = "from=" + first + "&to=" + last;
    String load = BenchProcesses.loadAverage();
    String summary = BenchProcesses.get(http, base + "/api/reports/summary?" + quarter, token);
    Matcher raised = Pattern.compile("\"raised\"\\s*:\\s*(\\d+)").matcher(summary);
    if (!raised.find() || Long.parseLong(raised.group(1)) != seeded) {
      throw new IllegalStateException(
          "The quarter's summary does not count the seeded requests: " + summary);
    }
    List<String> lines = new ArrayList<>();
    lines.add("| report over the quarter | calls | p50 | p99 |");
    lines.add("| --- | --- | --- | --- |");
    for (String report : List.of("summary", "daily", "hourly", "topics", "specialists")) {
      double[] ms = time(http, base + "/api/reports/" + report + "?" + quarter, token, calls);
      lines.add(
          String.format(
              Locale.ROOT,
              "| `%s` (rollups) | %d | %.0f ms | %.0f ms |",
              report,
              calls,
              BenchProcesses.rank(ms, 50),
              BenchProcesses.rank(ms, 99)));
    }
    // the exact path over one day, for comparison: a quarter costs about the days times as much
    String oneDay = "from=" + last + "&to=" + last + "&exact=true";
    double[] exact = time(http, base + "/api/reports/summary?" + oneDay, token, 3);
    lines.add(
        String.format(
            Locale.ROOT,
            "| `summary?exact=true`, one day (%,d requests) | 3 | %.0f ms | %.0f ms |",
            seeded / ChronoDays.between(first, last),
            BenchProcesses.rank(exact, 50),
            BenchProcesses.rank(exact, 99)));
    System.out.println();
    System.out.printf(
        Locale.ROOT,
        "%,d requests over %s … %s; seeding took %.0f s; load average before the calls: %s,"
            + " after: %s; %d cores%n%n",
        seeded,
        first,
        last,
        seedSeconds,
        load,
        BenchProcesses.loadAverage(),
        Runtime.getRuntime().availableProcessors());
    lines.forEach(System.out::println);
  }

  private static double[] time(HttpClient http, String url, String token, int calls)
      throws Exception {
    for (int i = 0; i < 2; i++) {
      BenchProcesses.get(http, url, token); // warm up: JIT, connection pool
    }
    double[] ms = new double[calls];
    for (int i = 0; i < calls; i++) {
      long t0 = System.nanoTime();
      BenchProcesses.get(http, url, token);
      ms[i] = (System.nanoTime() - t0) / 1e6;
    }
    Arrays.sort(ms);
    return ms;
  }

  /** What the rollups take in Redis: the figures, and the signatures kept per request. */
  private static String rollupMemory(int port) {
    long figures = 0;
    long applied = 0;
    int keys = 0;
    try (Jedis jedis = new Jedis("127.0.0.1", port)) {
      String cursor = ScanParams.SCAN_POINTER_START;
      ScanParams match = new ScanParams().match(PREFIX + "rollup:*").count(1000);
      do {
        ScanResult<String> page = jedis.scan(cursor, match);
        for (String key : page.getResult()) {
          Long bytes = jedis.memoryUsage(key, 0);
          keys++;
          if (key.endsWith(":applied")) {
            applied += bytes == null ? 0 : bytes;
          } else {
            figures += bytes == null ? 0 : bytes;
          }
        }
        cursor = page.getCursor();
      } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
    }
    return String.format(
        Locale.ROOT,
        "rollup keys: %d; figures %.1f MiB, per-request signatures (:applied) %.1f MiB",
        keys,
        figures / 1048576.0,
        applied / 1048576.0);
  }

  /** Redis's used_memory_human: the requests and their rollups. */
  private static String usedMemory(int port) {
    try (Jedis jedis = new Jedis("127.0.0.1", port)) {
      Matcher m = Pattern.compile("used_memory_human:(\\S+)").matcher(jedis.info("memory"));
      return m.find() ? m.group(1) : "unknown";
    }
  }

  /** Days from first to last, both counted. */
  private static final class ChronoDays {
    static long between(LocalDate first, LocalDate last) {
      return last.toEpochDay() - first.toEpochDay() + 1;
    }
  }
}

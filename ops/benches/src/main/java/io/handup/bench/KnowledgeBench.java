package io.handup.bench;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipFile;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;

/**
 * Times the knowledge search over 10,000 entries (docs/benchmarks.md, "Knowledge search").
 *
 * <p>Starts a redis-server (the binary of the embedded-redis artifact), writes the entries with the
 * server's own kb-save.lua read from the packaged jar (half Chinese, a third English, the rest
 * mixed, over 12 topics), then starts one node from the jar, which builds its index from Redis at
 * start, and searches it over HTTP with an agent's token: a warm-up, then {@code calls} searches
 * one at a time, round-robin over Chinese and English queries. Prints p50/p99 of the round trip and
 * of the index time the server reports ({@code tookMs}).
 *
 * <p>Arguments (all optional): {@code entries=10000 calls=2000
 * jar=support-server/target/support-server-0.1.0.jar}.
 */
public final class KnowledgeBench {

  private static final String FLOOR = "demo";
  private static final String PREFIX = "handup:{" + FLOOR + "}:";
  private static final String EVENTS = PREFIX + "events";
  private static final String[] TOPICS = {
    "billing", "technical", "policy", "outage", "contract", "roaming",
    "invoice", "broadband", "mobile", "refund", "account", "device"
  };
  private static final String[] ZH = {
    "电费", "停电", "账单", "发票", "退款", "套餐", "宽带", "路由器", "密码", "合同", "违约金", "滞纳金", "积分", "话费", "流量",
    "漫游", "保修", "维修", "安装", "预约", "欠费", "缴费", "电表", "抄表", "阶梯电价", "营业厅", "实名认证", "携号转网", "国际长途",
    "光猫", "网速", "信号", "停机", "复机", "过户", "销户", "押金", "发票抬头", "电子发票", "自动扣款"
  };
  private static final String[] ZH_GLUE = {
    "客户问", "怎么办", "为什么", "什么时候", "如何", "能不能", "多少钱", "需要多久", "在哪里", "是否可以"
  };
  private static final String[] EN = {
    "refund",
    "invoice",
    "router",
    "password",
    "contract",
    "penalty",
    "late fee",
    "points",
    "data plan",
    "roaming",
    "warranty",
    "repair",
    "installation",
    "appointment",
    "arrears",
    "payment",
    "meter",
    "reading",
    "tariff",
    "store",
    "identity check",
    "number porting",
    "international call",
    "modem",
    "speed",
    "signal",
    "suspension",
    "reconnection",
    "transfer",
    "closing the account",
    "deposit",
    "direct debit",
    "paper bill",
    "outage",
    "power cut"
  };
  private static final String[] EN_GLUE = {
    "customer asks about",
    "how do I handle",
    "why is there a",
    "when does the",
    "can we waive the",
    "what to say about the",
    "where to find the",
    "steps for"
  };
  private static final List<String> QUERIES =
      List.of(
          "电费",
          "停电",
          "停电了什么时候恢复",
          "电子发票怎么开",
          "携号转网需要多久",
          "宽带网速慢",
          "违约金能不能免",
          "国际长途 漫游",
          "refund",
          "late fee waiver",
          "router keeps rebooting",
          "number porting time",
          "direct debit failed",
          "power cut when restored",
          "invoice 发票",
          "password reset 密码");

  private KnowledgeBench() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> opts = BenchProcesses.options(args);
    int entries = Integer.parseInt(opts.getOrDefault("entries", "10000"));
    int calls = Integer.parseInt(opts.getOrDefault("calls", "2000"));
    Path jar = BenchProcesses.serverJar(opts);
    Path work = Files.createTempDirectory("handup-knowledge-bench");
    int redisPort = BenchProcesses.freePort();
    int httpPort = BenchProcesses.freePort();
    Process redis = BenchProcesses.startRedis(work, redisPort);
    Process node = null;
    try {
      long t0 = System.nanoTime();
      seed(jar, redisPort, entries);
      double seedSeconds = (System.nanoTime() - t0) / 1e9;
      System.out.printf(Locale.ROOT, "seeded %,d entries in %.1f s%n", entries, seedSeconds);
      long started = System.nanoTime();
      node = BenchProcesses.startNode(jar, work, redisPort, httpPort);
      measure(httpPort, entries, calls, (System.nanoTime() - started) / 1e9);
    } finally {
      BenchProcesses.stop(node);
      BenchProcesses.stop(redis);
    }
  }

  /** Writes the entries with kb-save.lua, as a specialist's "New entry" would. */
  private static void seed(Path jar, int port, int entries) throws IOException {
    String script;
    try (ZipFile zip = new ZipFile(jar.toFile())) {
      script = BenchProcesses.lua(zip, "lib") + "\n" + BenchProcesses.lua(zip, "kb-save");
    }
    Random random = new Random(42);
    try (Jedis jedis = new Jedis("127.0.0.1", port)) {
      String sha = jedis.scriptLoad(script);
      Pipeline pipe = jedis.pipelined();
      for (int i = 0; i < entries; i++) {
        String[] qa = text(i, random);
        String specialist = "spec-" + (1 + random.nextInt(4));
        pipe.evalsha(
            sha,
            List.of(EVENTS),
            List.of(
                PREFIX,
                String.valueOf(System.currentTimeMillis()),
                "create",
                "kb-bench-" + i,
                specialist,
                "Specialist " + specialist.substring(5),
                TOPICS[random.nextInt(TOPICS.length)],
                qa[0],
                qa[1],
                "",
                "",
                "0",
                FLOOR));
        if (i % 1000 == 999) {
          pipe.sync();
        }
      }
      pipe.sync();
    }
  }

  /** A question and an answer: Chinese for half the entries, English for a third, else mixed. */
  private static String[] text(int i, Random random) {
    int kind = i % 6;
    if (kind < 3) {
      String q =
          pick(ZH_GLUE, random) + pick(ZH, random) + pick(ZH, random) + pick(ZH_GLUE, random);
      StringBuilder a = new StringBuilder("先核对");
      for (int w = 0; w < 12; w++) {
        a.append(pick(ZH, random)).append(w % 3 == 2 ? "，" : "和");
      }
      return new String[] {q, a.append("再告诉客户结果。").toString()};
    }
    if (kind < 5) {
      String q = pick(EN_GLUE, random) + " " + pick(EN, random) + " and " + pick(EN, random) + "?";
      StringBuilder a = new StringBuilder("Check the");
      for (int w = 0; w < 12; w++) {
        a.append(' ').append(pick(EN, random)).append(w % 3 == 2 ? "," : " and");
      }
      return new String[] {q, a.append(" then tell the customer.").toString()};
    }
    return new String[] {
      pick(ZH_GLUE, random) + pick(ZH, random) + " (" + pick(EN, random) + ")",
      "请查看 " + pick(EN, random) + " 页面，" + pick(ZH, random) + "和" + pick(ZH, random) + "。"
    };
  }

  private static String pick(String[] words, Random random) {
    return words[random.nextInt(words.length)];
  }

  private static void measure(int port, int entries, int calls, double startSeconds)
      throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    String base = "http://127.0.0.1:" + port;
    String token = token(http, base, "agent-1");
    // the first search waits for the index if the node is still building it at start
    long t0 = System.nanoTime();
    String first = BenchProcesses.get(http, base + "/api/knowledge?q=" + enc("电费"), token);
    double firstMs = (System.nanoTime() - t0) / 1e6;
    if (!first.contains("\"entries\":[{")) {
      throw new IllegalStateException("The index found nothing: " + first);
    }
    String load = BenchProcesses.loadAverage();
    for (int i = 0; i < 200; i++) {
      search(http, base, token, QUERIES.get(i % QUERIES.size()), null);
    }
    double[] roundTrip = new double[calls];
    double[] took = new double[calls];
    long hits = 0;
    for (int i = 0; i < calls; i++) {
      String topic = i % 4 == 3 ? TOPICS[i % TOPICS.length] : null;
      long s = System.nanoTime();
      String body = search(http, base, token, QUERIES.get(i % QUERIES.size()), topic);
      roundTrip[i] = (System.nanoTime() - s) / 1e6;
      Matcher m = Pattern.compile("\"tookMs\"\\s*:\\s*([0-9.]+)").matcher(body);
      if (!m.find()) {
        throw new IllegalStateException("No tookMs: " + body);
      }
      took[i] = Double.parseDouble(m.group(1));
      hits += body.contains("\"entries\":[]") ? 0 : 1;
    }
    Arrays.sort(roundTrip);
    Arrays.sort(took);
    System.out.println();
    System.out.printf(
        Locale.ROOT,
        "%,d entries; node up and first search answered %.1f s after start (first search %.0f ms);"
            + " %,d of %,d searches found entries; load average before: %s, after: %s; %d cores%n%n",
        entries,
        startSeconds + firstMs / 1000,
        firstMs,
        hits,
        calls,
        load,
        BenchProcesses.loadAverage(),
        Runtime.getRuntime().availableProcessors());
    List<String> lines = new ArrayList<>();
    lines.add(
        "| search over "
            + String.format(Locale.ROOT, "%,d", entries)
            + " entries | calls | p50 | p99 |");
    lines.add("| --- | --- | --- | --- |");
    lines.add(row("HTTP round trip (`GET /api/knowledge?q=…`)", calls, roundTrip));
    lines.add(row("index time the server reports (`tookMs`)", calls, took));
    lines.forEach(System.out::println);
  }

  private static String row(String what, int calls, double[] sorted) {
    return String.format(
        Locale.ROOT,
        "| %s | %d | %.2f ms | %.2f ms |",
        what,
        calls,
        BenchProcesses.rank(sorted, 50),
        BenchProcesses.rank(sorted, 99));
  }

  private static String search(HttpClient http, String base, String token, String q, String topic)
      throws Exception {
    String url =
        base + "/api/knowledge?limit=10&q=" + enc(q) + (topic == null ? "" : "&topic=" + topic);
    return BenchProcesses.get(http, url, token);
  }

  private static String token(HttpClient http, String base, String user) throws Exception {
    HttpResponse<String> login =
        http.send(
            HttpRequest.newBuilder(URI.create(base + "/api/auth/token"))
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"username\":\"" + user + "\",\"password\":\"demo\"}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    Matcher m = Pattern.compile("\"token\"\\s*:\\s*\"([^\"]+)\"").matcher(login.body());
    if (!m.find()) {
      throw new IllegalStateException("No token: " + login.body());
    }
    return m.group(1);
  }

  private static String enc(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }
}

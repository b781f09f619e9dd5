package io.handup.loadtest;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.Histogram;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The load generator: agents and specialists on WebSockets across the given nodes, raising at a set
 * rate and working the requests as people would, with the floor (what loopback WebSockets and Redis
 * cost by themselves) measured first. Ends by itself; the last line is one JSON object.
 */
public final class LoadTest {

  private static final Set<String> OPEN = Set.of("QUEUED", "OFFERED", "CLAIMED");
  private static final List<String> TOPICS = List.of("billing", "technical", "policy");

  private final Options options;
  private final JsonMapper json = JsonMapper.builder().build();
  // token requests block; they must not hold the threads the clients' callbacks run on
  private final ExecutorService minting = Executors.newFixedThreadPool(8, daemon("mint"));
  private final List<HttpClient> clients = new ArrayList<>();
  private final ScheduledExecutorService timers =
      Executors.newScheduledThreadPool(2, daemon("behaviour"));
  private final Random random;
  private final Ledger ledger = new Ledger();
  private final Map<String, Agent> agents = new ConcurrentHashMap<>();
  private final List<Specialist> specialists = new ArrayList<>();
  private final ConcurrentLinkedDeque<Agent> idle = new ConcurrentLinkedDeque<>();
  private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
  private final AtomicInteger connected = new AtomicInteger();
  private final AtomicInteger dropped = new AtomicInteger();
  private final AtomicLong noIdleAgent = new AtomicLong();
  private final AtomicInteger leftovers = new AtomicInteger();
  private final LongAdder framesIn = new LongAdder();

  final Metric raiseAck = new Metric("raise→ack");
  final Metric raiseBoard = new Metric("raise→board (other node)");
  final Metric raiseOffer = new Metric("raise→offer");
  final Metric offerClaim = new Metric("offer→claim ack");
  final Metric cycle = new Metric("cycle raise→rated");
  private final List<Metric> metrics = List.of(raiseAck, raiseBoard, raiseOffer, offerClaim, cycle);

  private volatile boolean raising;
  private long startNanos;

  LoadTest(Options options) {
    this.options = options;
    this.random = new Random(options.seed());
    for (int i = 0; i < options.nodes().size(); i++) {
      clients.add(
          HttpClient.newBuilder()
              // each client's selector thread hands frames to the sockets itself: a pool here
              // put one more thread hand-off (≈ 0.3 ms on two busy cores) into every latency
              // measured; nothing the clients call back blocks (minting has its own pool)
              .executor(Runnable::run)
              .connectTimeout(Duration.ofSeconds(10))
              .build());
    }
  }

  public static void main(String[] args) {
    Options options;
    try {
      options = Options.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    int code;
    try {
      LoadTest test = new LoadTest(options);
      code = options.mode().equals("idle") ? test.idle() : test.load();
    } catch (Exception e) {
      e.printStackTrace();
      code = 3;
    }
    System.exit(code);
  }

  // ---------------------------------------------------------------- load

  int load() throws Exception {
    log(
        "load: %d agents, %d specialists on %s at %.1f raises/s for %ds after a %ds warm-up"
            + " (drain %ds), seed %d",
        options.agents(),
        options.specialists(),
        options.nodes(),
        options.rate(),
        options.duration().toSeconds(),
        options.warmUp().toSeconds(),
        options.drain().toSeconds(),
        options.seed());
    checkNodes();
    Map<String, Object> floor = measureFloor();
    connectAll();
    awaitLeftovers();
    startNanos = System.nanoTime();
    raising = true;
    long period = Math.max(1, Math.round(1e9 / options.rate()));
    var raiser = timers.scheduleAtFixedRate(this::raiseOne, 0, period, TimeUnit.NANOSECONDS);
    var progress =
        timers.scheduleAtFixedRate(
            this::progress,
            options.progressEvery().toMillis(),
            options.progressEvery().toMillis(),
            TimeUnit.MILLISECONDS);
    if (!options.warmUp().isZero()) {
      Thread.sleep(options.warmUp().toMillis());
      metrics.forEach(Metric::startMeasuring);
      log("warm-up over: the latencies count from here");
    }
    Thread.sleep(options.duration().toMillis());
    raising = false;
    raiser.cancel(false);
    long drainUntil = System.nanoTime() + options.drain().toNanos();
    while (ledger.open() > 0 && System.nanoTime() < drainUntil) {
      Thread.sleep(200);
    }
    long drained = System.nanoTime();
    progress.cancel(false);
    progress();
    Set<String> openOnServer = openOnServer();
    Ledger.Counts counts = ledger.counts(openOnServer);
    closeAll();
    return report(floor, counts, drained);
  }

  private void raiseOne() {
    if (!raising) {
      return;
    }
    Agent agent = idle.pollFirst();
    if (agent == null) {
      noIdleAgent.incrementAndGet();
      return;
    }
    agent.raise();
  }

  private int report(Map<String, Object> floor, Ledger.Counts counts, long drained) {
    System.out.println();
    System.out.println("=== latencies (ms) ===");
    Map<String, Object> latencies = new LinkedHashMap<>();
    Map<String, Histogram> totals = new LinkedHashMap<>();
    for (Metric m : metrics) {
      Histogram h = m.total();
      totals.put(m.name, h);
      System.out.println(Metric.line(m.name, h));
      latencies.put(key(m.name), Metric.summary(h));
    }
    if (!options.warmUp().isZero()) {
      System.out.printf(
          Locale.ROOT,
          "=== the whole run, the %ds warm-up included ===%n",
          options.warmUp().toSeconds());
      Map<String, Object> whole = new LinkedHashMap<>();
      for (Metric m : metrics) {
        Histogram h = m.whole();
        System.out.println(Metric.line(m.name, h));
        whole.put(key(m.name), Metric.summary(h));
      }
      latencies.put("wholeRun", whole);
    }
    System.out.println("=== requests ===");
    System.out.println(counts);
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("type", "result");
    result.put("mode", "load");
    result.put("at", Instant.now().toString());
    result.put("nodes", options.nodes().stream().map(URI::toString).toList());
    result.put("agents", options.agents());
    result.put("specialists", options.specialists());
    result.put("rate", options.rate());
    result.put("durationSeconds", options.duration().toSeconds());
    result.put("warmUpSeconds", options.warmUp().toSeconds());
    result.put("elapsedSeconds", (drained - startNanos) / 1e9);
    result.put(
        "achievedRate",
        counts.raised()
            / (double) Math.max(1, options.duration().plus(options.warmUp()).toSeconds()));
    result.put("loadAverage", loadAverage());
    result.put("latencies", latencies);
    result.put("floor", floor);
    Histogram board = totals.get(raiseBoard.name);
    Double floorP50 = (Double) floor.get("sumP50");
    Double floorP99 = (Double) floor.get("sumP99");
    if (floorP50 != null && board.getTotalCount() > 0) {
      double p50 = board.getValueAtPercentile(50) / 1000.0;
      double p99 = board.getValueAtPercentile(99) / 1000.0;
      Map<String, Object> multiple = new LinkedHashMap<>();
      multiple.put("p50", round(p50 / floorP50));
      multiple.put("p99", round(p99 / floorP99));
      result.put("boardOverFloor", multiple);
      System.out.printf(
          Locale.ROOT,
          "raise→board is %.1f× the floor at p50 (%.2f ms vs %.2f ms) and %.1f× at p99 (%.2f vs"
              + " %.2f ms)%n",
          p50 / floorP50,
          p50,
          floorP50,
          p99 / floorP99,
          p99,
          floorP99);
    }
    result.put("counts", counts);
    result.put("noIdleAgent", noIdleAgent.get());
    result.put("leftoversCleaned", leftovers.get());
    result.put("droppedSockets", dropped.get());
    result.put("errors", errorCounts());
    boolean clean = counts.lost() == 0 && counts.duplicated() == 0 && counts.stuck() == 0;
    result.put("clean", clean && dropped.get() == 0);
    System.out.println(json.writeValueAsString(result));
    return clean ? 0 : 1;
  }

  // ---------------------------------------------------------------- idle

  int idle() throws Exception {
    log(
        "idle: %d agents + %d specialists on %s, held %ds",
        options.agents(), options.specialists(), options.nodes(), options.duration().toSeconds());
    checkNodes();
    Map<String, Object> before = serverMemory();
    long t0 = System.nanoTime();
    connectAll();
    double connectSeconds = (System.nanoTime() - t0) / 1e9;
    startNanos = System.nanoTime();
    var progress =
        timers.scheduleAtFixedRate(
            this::progress,
            options.progressEvery().toMillis(),
            options.progressEvery().toMillis(),
            TimeUnit.MILLISECONDS);
    Thread.sleep(options.duration().toMillis());
    progress.cancel(false);
    Map<String, Object> after = serverMemory();
    int open = connected.get();
    closeAll();
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("type", "result");
    result.put("mode", "idle");
    result.put("at", Instant.now().toString());
    result.put("connections", open);
    result.put("connectSeconds", round(connectSeconds));
    result.put("droppedSockets", dropped.get());
    result.put("loadAverage", loadAverage());
    result.put("before", before);
    result.put("after", after);
    if (before.get("rssKiB") instanceof Long b && after.get("rssKiB") instanceof Long a) {
      result.put("rssPerConnectionKiB", round((a - b) / (double) Math.max(1, open)));
    }
    if (before.get("heapUsedKiB") instanceof Long b && after.get("heapUsedKiB") instanceof Long a) {
      result.put("heapPerConnectionKiB", round((a - b) / (double) Math.max(1, open)));
    }
    System.out.println(json.writeValueAsString(result));
    return dropped.get() == 0 ? 0 : 1;
  }

  /** The node's resident memory (/proc) and used heap after a full GC (jcmd), if a pid is given. */
  private Map<String, Object> serverMemory() {
    Map<String, Object> m = new LinkedHashMap<>();
    long pid = options.serverPid();
    if (pid <= 0) {
      return m;
    }
    Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    m.put("gc", run(jcmd.toString(), String.valueOf(pid), "GC.run").isEmpty() ? "failed" : "run");
    String heap = run(jcmd.toString(), String.valueOf(pid), "GC.heap_info");
    Matcher used = Pattern.compile("total (\\d+)K, used (\\d+)K").matcher(heap);
    if (used.find()) {
      m.put("heapCommittedKiB", Long.parseLong(used.group(1)));
      m.put("heapUsedKiB", Long.parseLong(used.group(2)));
    }
    try {
      for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
        if (line.startsWith("VmRSS:") || line.startsWith("Threads:")) {
          String[] parts = line.split("\\s+");
          m.put(line.startsWith("VmRSS") ? "rssKiB" : "threads", Long.parseLong(parts[1]));
        }
      }
    } catch (IOException e) {
      m.put("rssError", e.getMessage());
    }
    return m;
  }

  private static String run(String... command) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes());
      p.waitFor(30, TimeUnit.SECONDS);
      return out;
    } catch (IOException e) {
      return "";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "";
    }
  }

  // ---------------------------------------------------------------- floor

  private Map<String, Object> measureFloor() throws Exception {
    Map<String, Object> floor = new LinkedHashMap<>();
    if (options.floorSamples() <= 0) {
      return floor;
    }
    Histogram echo = Floor.webSocketEcho(options.floorSamples());
    System.out.println(Metric.line("floor: WebSocket echo", echo));
    floor.put("webSocketEcho", Metric.summary(echo));
    if (options.redis() != null) {
      Histogram hop = Floor.redisStreamHop(options.redis(), options.floorSamples());
      System.out.println(Metric.line("floor: Redis XADD→XREAD", hop));
      floor.put("redisXaddXread", Metric.summary(hop));
      // raise→board crosses one WebSocket each way and one stream hop: the echo covers the two
      // socket legs, the XADD→XREAD the hop
      floor.put(
          "sumP50", round((echo.getValueAtPercentile(50) + hop.getValueAtPercentile(50)) / 1000.0));
      floor.put(
          "sumP99", round((echo.getValueAtPercentile(99) + hop.getValueAtPercentile(99)) / 1000.0));
    } else {
      log("no --redis given: the Redis part of the floor is not measured");
    }
    return floor;
  }

  // ---------------------------------------------------------------- connections

  /** Stops early, with one clear line, when a node does not answer its health check. */
  private void checkNodes() {
    for (int i = 0; i < options.nodes().size(); i++) {
      URI health = options.nodes().get(i).resolve("/actuator/health");
      try {
        HttpResponse<String> response =
            clients
                .get(i)
                .send(
                    HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
          throw new IllegalStateException(health + " answered " + response.statusCode());
        }
      } catch (IOException e) {
        throw new IllegalStateException(health + " is not reachable: " + e, e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }

  private void connectAll() throws Exception {
    int k = options.nodes().size();
    for (int s = 1; s <= options.specialists(); s++) {
      Specialist sp = new Specialist("spec-" + s, (s - 1) % k);
      specialists.add(sp);
    }
    List<Agent> list = new ArrayList<>();
    for (int a = 1; a <= options.agents(); a++) {
      Agent agent = new Agent("agent-" + (a + options.agentOffset()), (a - 1) % k);
      agents.put(agent.id, agent);
      list.add(agent);
    }
    Collections.shuffle(list, random);
    long t0 = System.nanoTime();
    Semaphore gate = new Semaphore(options.connectConcurrency());
    List<CompletableFuture<Void>> all = new ArrayList<>();
    List<Participant> everyone = new ArrayList<>(specialists);
    everyone.addAll(list);
    java.util.concurrent.atomic.AtomicReference<Throwable> failed =
        new java.util.concurrent.atomic.AtomicReference<>();
    for (Participant p : everyone) {
      gate.acquire();
      if (failed.get() != null) {
        // one failure usually means the node is in trouble: stop, do not pile on
        throw new IllegalStateException(
            "connecting failed after " + connected.get() + " sockets", failed.get());
      }
      all.add(
          p.connect()
              .whenComplete(
                  (v, e) -> {
                    gate.release();
                    if (e != null) {
                      failed.compareAndSet(null, e);
                      errors.computeIfAbsent("connect", x -> new LongAdder()).increment();
                      System.err.println(p.id() + " could not connect: " + e);
                    }
                  }));
    }
    CompletableFuture.allOf(all.toArray(CompletableFuture[]::new))
        .exceptionally(e -> null)
        .get(10, TimeUnit.MINUTES);
    log(
        "connected %d of %d sockets in %.1fs",
        connected.get(), everyone.size(), (System.nanoTime() - t0) / 1e9);
    if (connected.get() < everyone.size()) {
      throw new IllegalStateException("not every socket connected");
    }
  }

  /** Open requests from an earlier run are cancelled (agents) or resolved (specialists) first. */
  private void awaitLeftovers() throws InterruptedException {
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (idle.size() < agents.size() && System.nanoTime() < until) {
      Thread.sleep(100);
    }
    if (leftovers.get() > 0) {
      log("cleaned %d open requests left by an earlier run", leftovers.get());
    }
    if (idle.size() < agents.size()) {
      log("%d agents still busy with old requests; they stay out", agents.size() - idle.size());
    }
    Thread.sleep(1000);
  }

  private void closeAll() {
    specialists.forEach(s -> s.socket.close());
    agents.values().forEach(a -> a.socket.close());
  }

  private String mint(int node, String username) {
    URI uri = options.nodes().get(node).resolve("/api/auth/token");
    HttpRequest request =
        HttpRequest.newBuilder(uri)
            .timeout(Duration.ofSeconds(30))
            .header("Authorization", "ApiKey " + options.apiKey())
            .header("Content-Type", "application/json")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    json.writeValueAsString(Map.of("username", username))))
            .build();
    try {
      HttpResponse<String> response =
          clients.get(node).send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IllegalStateException(
            "token for " + username + ": HTTP " + response.statusCode() + " " + response.body());
      }
      return json.readTree(response.body()).path("token").asString();
    } catch (IOException e) {
      throw new IllegalStateException("token for " + username + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The ids the server lists open at the end, as the manager sees the floor. */
  private Set<String> openOnServer() {
    Set<String> ids = new HashSet<>();
    try {
      String token = mint(0, "manager");
      HttpRequest request =
          HttpRequest.newBuilder(options.nodes().get(0).resolve("/api/requests?state=open"))
              .timeout(Duration.ofSeconds(30))
              .header("Authorization", "Bearer " + token)
              .build();
      HttpResponse<String> response =
          clients.get(0).send(request, HttpResponse.BodyHandlers.ofString());
      for (JsonNode r : json.readTree(response.body())) {
        ids.add(r.path("id").asString());
      }
    } catch (IOException | RuntimeException e) {
      log("could not list the open requests: %s", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return ids;
  }

  // ---------------------------------------------------------------- participants

  private interface Participant {
    String id();

    CompletableFuture<Void> connect();
  }

  private abstract class Member implements Participant {
    final String id;
    final int node;
    Socket socket;
    private final CompletableFuture<Void> ready = new CompletableFuture<>();

    Member(String id, int node) {
      this.id = id;
      this.node = node;
    }

    @Override
    public String id() {
      return id;
    }

    @Override
    public CompletableFuture<Void> connect() {
      return CompletableFuture.supplyAsync(() -> mint(node, id), minting)
          .thenCompose(
              token ->
                  Socket.open(
                          clients.get(node),
                          Options.webSocket(options.nodes().get(node)),
                          json,
                          this::onFrameCounted,
                          () -> {
                            dropped.incrementAndGet();
                            connected.decrementAndGet();
                          })
                      .thenAccept(
                          s -> {
                            socket = s;
                            s.send(
                                json.writeValueAsString(Map.of("type", "hello", "token", token)));
                          }))
          .thenCompose(v -> ready.orTimeout(60, TimeUnit.SECONDS));
    }

    private void onFrameCounted(JsonNode frame) {
      framesIn.increment();
      String type = frame.path("type").asString("");
      if (type.equals("snapshot")) {
        onSnapshot(frame);
        if (!ready.isDone()) {
          connected.incrementAndGet();
          ready.complete(null);
        }
      } else if (type.equals("error")) {
        String code = frame.path("code").asString("?");
        String ref = frame.path("ref").asString("");
        errors.computeIfAbsent(ref.split(":")[0] + ":" + code, x -> new LongAdder()).increment();
        onError(ref, code, frame);
        if (code.equals("unauthenticated")) {
          ready.completeExceptionally(new IllegalStateException(frame.toString()));
        }
      } else {
        onFrame(type, frame);
      }
    }

    void send(Object... fields) {
      Map<String, Object> frame = new LinkedHashMap<>();
      for (int i = 0; i + 1 < fields.length; i += 2) {
        frame.put((String) fields[i], fields[i + 1]);
      }
      socket.send(json.writeValueAsString(frame));
    }

    abstract void onSnapshot(JsonNode frame);

    abstract void onFrame(String type, JsonNode frame);

    abstract void onError(String ref, String code, JsonNode frame);
  }

  private final class Agent extends Member {
    // guarded by this
    private String clientKey;
    private long raisedAt;
    private String requestId;
    private boolean rated;
    private String leftover;

    Agent(String id, int node) {
      super(id, node);
    }

    @Override
    synchronized void onSnapshot(JsonNode frame) {
      for (JsonNode r : frame.path("requests")) {
        if (OPEN.contains(r.path("state").asString())) {
          leftover = r.path("id").asString();
          leftovers.incrementAndGet();
          send("type", "cancel", "ref", "old", "requestId", leftover);
          return;
        }
      }
      idle.addLast(this);
    }

    synchronized void raise() {
      clientKey = java.util.UUID.randomUUID().toString();
      requestId = null;
      rated = false;
      ledger.raised(clientKey);
      raisedAt = System.nanoTime();
      String topic = TOPICS.get(ThreadLocalRandom.current().nextInt(TOPICS.size()));
      String frame =
          json.writeValueAsString(
              Map.of(
                  "type",
                  "raise",
                  "ref",
                  "raise:" + clientKey,
                  "clientKey",
                  clientKey,
                  "topic",
                  topic));
      socket.send(frame);
      if (ThreadLocalRandom.current().nextDouble() < options.retryShare()) {
        // as a client would after a lost ack: the same clientKey again
        socket.send(frame);
      }
    }

    synchronized long raisedAtFor(String id) {
      return requestId == null || requestId.equals(id) ? raisedAt : 0;
    }

    @Override
    synchronized void onFrame(String type, JsonNode frame) {
      switch (type) {
        case "ack" -> onAck(frame);
        case "request" -> onRequest(frame.path("request"));
        case "said" -> {
          if (!id.equals(frame.path("from").asString())
              && ThreadLocalRandom.current().nextInt(3) == 0) {
            send(
                "type",
                "say",
                "ref",
                "say",
                "requestId",
                frame.path("requestId").asString(),
                "text",
                "thanks, trying that");
          }
        }
        default -> {
          // welcome
        }
      }
    }

    private void onAck(JsonNode frame) {
      String ref = frame.path("ref").asString("");
      JsonNode r = frame.path("request");
      if (ref.startsWith("raise:")) {
        String key = ref.substring("raise:".length());
        String rid = r.path("id").asString();
        ledger.acked(key, rid);
        if (key.equals(clientKey) && requestId == null) {
          raiseAck.recordNanos(System.nanoTime() - raisedAt);
          requestId = rid;
          if (ThreadLocalRandom.current().nextDouble() < options.cancelShare()) {
            long delay = 200 + ThreadLocalRandom.current().nextLong(1800);
            timers.schedule(() -> cancel(rid), delay, TimeUnit.MILLISECONDS);
          }
        }
        onRequest(r);
      } else if (ref.equals("rate")) {
        cycle.recordNanos(System.nanoTime() - raisedAt);
        done();
      } else if (!r.isMissingNode()) {
        onRequest(r);
      }
    }

    private synchronized void cancel(String rid) {
      if (rid.equals(requestId) && !ledger.hasEnded(rid)) {
        send("type", "cancel", "ref", "cancel", "requestId", rid);
      }
    }

    private void onRequest(JsonNode r) {
      String rid = r.path("id").asString();
      String state = r.path("state").asString();
      if (!id.equals(r.path("agentId").asString())) {
        return;
      }
      ledger.heard(rid, state);
      if (rid.equals(leftover) && Ledger.ENDED.contains(state)) {
        leftover = null;
        idle.addLast(this);
        return;
      }
      if (!rid.equals(requestId)) {
        return;
      }
      if (state.equals("RESOLVED") && !rated) {
        rated = true;
        send(
            "type",
            "rate",
            "ref",
            "rate",
            "requestId",
            rid,
            "score",
            3 + ThreadLocalRandom.current().nextInt(3));
      } else if (state.equals("CANCELLED") || state.equals("EXPIRED")) {
        done();
      }
    }

    private void done() {
      if (requestId != null) {
        requestId = null;
        idle.addLast(this);
      }
    }

    @Override
    synchronized void onError(String ref, String code, JsonNode frame) {
      if (ref.startsWith("raise:") && ref.substring(6).equals(clientKey) && requestId == null) {
        // the raise failed: back in the pool after a pause
        timers.schedule(() -> idle.addLast(this), 1, TimeUnit.SECONDS);
      } else if (ref.equals("rate")) {
        done();
      } else if (ref.equals("old")) {
        leftover = null;
        idle.addLast(this);
      }
    }
  }

  private final class Specialist extends Member {
    // guarded by this
    private String holding;
    private String claiming;
    private long offeredAt;
    private final Set<String> seen = new HashSet<>();

    Specialist(String id, int node) {
      super(id, node);
    }

    @Override
    synchronized void onSnapshot(JsonNode frame) {
      for (JsonNode r : frame.path("requests")) {
        if (id.equals(r.path("specialistId").asString())
            && "CLAIMED".equals(r.path("state").asString())) {
          leftovers.incrementAndGet();
          holding = r.path("id").asString();
          String rid = holding;
          timers.schedule(() -> resolve(rid), 100, TimeUnit.MILLISECONDS);
        }
      }
      send("type", "presence", "ref", "presence", "status", "AVAILABLE");
    }

    @Override
    synchronized void onFrame(String type, JsonNode frame) {
      switch (type) {
        case "offer" -> onOffer(frame.path("request"));
        case "request" -> onRequest(frame.path("request"));
        case "ack" -> onAck(frame);
        default -> {
          // presence, said, welcome
        }
      }
    }

    private void onOffer(JsonNode r) {
      String rid = r.path("id").asString();
      long now = System.nanoTime();
      Agent agent = agents.get(r.path("agentId").asString());
      if (agent != null) {
        long at = agent.raisedAtFor(rid);
        if (at > 0) {
          raiseOffer.recordNanos(now - at);
        }
      }
      if (holding == null && claiming == null) {
        claiming = rid;
        offeredAt = now;
        send("type", "claim", "ref", "offer:" + rid, "requestId", rid);
      } else {
        send("type", "decline", "ref", "decline", "requestId", rid);
      }
    }

    private void onRequest(JsonNode r) {
      String rid = r.path("id").asString();
      String state = r.path("state").asString();
      boolean first = seen.add(rid);
      if (seen.size() > 5000) {
        seen.clear();
      }
      if (first && state.equals("QUEUED")) {
        Agent agent = agents.get(r.path("agentId").asString());
        if (agent != null && (agent.node != node || options.nodes().size() == 1)) {
          long at = agent.raisedAtFor(rid);
          if (at > 0) {
            raiseBoard.recordNanos(System.nanoTime() - at);
          }
        }
        if (holding == null && claiming == null && raising && claimsOffBoard(rid)) {
          claiming = rid;
          send("type", "claim", "ref", "board:" + rid, "requestId", rid);
        }
      }
      if (rid.equals(holding) && Ledger.ENDED.contains(state)) {
        holding = null; // the agent cancelled while we were on it
      }
    }

    /**
     * A share of the requests is claimed off the board rather than through the offer, each by one
     * specialist picked from the id (busy ones let it go), as a person would pick one up.
     */
    private boolean claimsOffBoard(String rid) {
      int h = rid.hashCode() & 0x7fffffff;
      return h % 1000 < options.boardClaimShare() * 1000
          && specialists.get((h / 1000) % specialists.size()) == this;
    }

    private void onAck(JsonNode frame) {
      String ref = frame.path("ref").asString("");
      if (ref.startsWith("offer:") || ref.startsWith("board:")) {
        String rid = ref.substring(ref.indexOf(':') + 1);
        if (ref.startsWith("offer:")) {
          offerClaim.recordNanos(System.nanoTime() - offeredAt);
        }
        claiming = null;
        if (Ledger.ENDED.contains(frame.path("request").path("state").asString())) {
          return;
        }
        holding = rid;
        long think =
            options.thinkMin().toMillis()
                + ThreadLocalRandom.current()
                    .nextLong(options.thinkMax().toMillis() - options.thinkMin().toMillis() + 1);
        timers.schedule(() -> say(rid), think / 3, TimeUnit.MILLISECONDS);
        timers.schedule(() -> resolve(rid), think, TimeUnit.MILLISECONDS);
      } else if (ref.equals("resolve")) {
        holding = null;
      }
    }

    private synchronized void say(String rid) {
      if (rid.equals(holding)) {
        send(
            "type", "say", "ref", "say", "requestId", rid, "text", "Try the refund screen, tab 3.");
      }
    }

    private synchronized void resolve(String rid) {
      if (rid.equals(holding)) {
        send("type", "resolve", "ref", "resolve", "requestId", rid, "outcome", "ANSWERED");
      }
    }

    @Override
    synchronized void onError(String ref, String code, JsonNode frame) {
      if (ref.startsWith("offer:") || ref.startsWith("board:")) {
        claiming = null;
      } else if (ref.equals("resolve")) {
        holding = null;
      }
    }
  }

  // ---------------------------------------------------------------- progress

  private void progress() {
    StringBuilder line = new StringBuilder();
    double elapsed = (System.nanoTime() - startNanos) / 1e9;
    Ledger.Counts c = ledger.counts(Set.of());
    line.append(
        String.format(
            Locale.ROOT,
            "[%5.0fs] sockets %d raised %d acked %d resolved %d cancelled %d expired %d open %d",
            elapsed,
            connected.get(),
            c.raised(),
            c.acked(),
            c.resolved(),
            c.cancelled(),
            c.expired(),
            ledger.open()));
    for (Metric m : List.of(raiseAck, raiseBoard, offerClaim)) {
      Histogram h = m.interval();
      line.append(
          String.format(
              Locale.ROOT,
              " | %s p50 %s p99 %s",
              m.name.split(" ")[0],
              Metric.ms(h, 50),
              Metric.ms(h, 99)));
    }
    cycle.interval();
    raiseOffer.interval();
    if (!errors.isEmpty()) {
      line.append(" | errors ").append(errorCounts());
    }
    if (dropped.get() > 0) {
      line.append(" | dropped ").append(dropped.get());
    }
    line.append(" | load ").append(loadAverage());
    System.out.println(line);
  }

  private Map<String, Long> errorCounts() {
    Map<String, Long> m = new TreeMap<>();
    errors.forEach((k, v) -> m.put(k, v.sum()));
    return m;
  }

  // ---------------------------------------------------------------- helpers

  static String loadAverage() {
    try {
      String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return parts[0] + " " + parts[1] + " " + parts[2];
    } catch (IOException e) {
      return "?";
    }
  }

  private static String key(String name) {
    return switch (name) {
      case "raise→ack" -> "raiseAck";
      case "raise→board (other node)" -> "raiseBoard";
      case "raise→offer" -> "raiseOffer";
      case "offer→claim ack" -> "offerClaim";
      default -> "cycle";
    };
  }

  private static double round(double v) {
    return Math.round(v * 100) / 100.0;
  }

  private static void log(String format, Object... args) {
    System.out.println(String.format(Locale.ROOT, format, args));
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, name + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}

package io.handup.testing;

import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;

/** A real WebSocket client speaking the protocol, keeping every frame it receives. */
public final class WsClient implements AutoCloseable {

  private static final Duration PATIENCE = Duration.ofSeconds(10);
  private static final AtomicInteger refs = new AtomicInteger();

  private final List<JsonNode> frames = new CopyOnWriteArrayList<>();
  private final CompletableFuture<Integer> closed = new CompletableFuture<>();
  private final WebSocket socket;

  private WsClient(URI uri, String origin) {
    WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder();
    if (origin != null) {
      builder.header("Origin", origin);
    }
    this.socket = builder.buildAsync(uri, new Listener()).orTimeout(10, TimeUnit.SECONDS).join();
  }

  /** Opens a socket without saying hello. */
  public static WsClient open(Node node) {
    return new WsClient(node.ws(), null);
  }

  /** Opens a socket with an Origin header, as a browser page would. */
  public static WsClient openFrom(Node node, String origin) {
    return new WsClient(node.ws(), origin);
  }

  /** Opens a socket, says hello with the token and waits for the snapshot. */
  public static WsClient signedIn(Node node, String token) {
    WsClient client = open(node);
    client.sendRaw(Api.JSON.writeValueAsString(Map.of("type", "hello", "token", token)));
    client.awaitFrame(f -> "snapshot".equals(type(f)));
    return client;
  }

  /** Sends a frame with a fresh ref and returns the ack or error that answers it. */
  public JsonNode call(String type, Object... fields) {
    String ref = "r" + refs.incrementAndGet();
    Map<String, Object> frame = new LinkedHashMap<>();
    frame.put("type", type);
    frame.put("ref", ref);
    for (int i = 0; i + 1 < fields.length; i += 2) {
      frame.put((String) fields[i], fields[i + 1]);
    }
    sendRaw(Api.JSON.writeValueAsString(frame));
    return awaitFrame(f -> ref.equals(f.path("ref").asString(null)));
  }

  /** Sends a frame and asserts it was acknowledged. */
  public JsonNode ack(String type, Object... fields) {
    JsonNode reply = call(type, fields);
    if (!"ack".equals(type(reply))) {
      throw new AssertionError(type + " was not acknowledged: " + reply);
    }
    return reply;
  }

  public void sendRaw(String text) {
    socket.sendText(text, true).orTimeout(10, TimeUnit.SECONDS).join();
  }

  /** The first frame received so far, or later, that matches. */
  public JsonNode awaitFrame(Predicate<JsonNode> matches) {
    return await()
        .atMost(PATIENCE)
        .pollDelay(Duration.ZERO)
        .pollInterval(Duration.ofMillis(5))
        .until(() -> frames.stream().filter(matches).findFirst(), Optional::isPresent)
        .orElseThrow();
  }

  /** The latest request frame about {@code requestId} that matches. */
  public JsonNode awaitRequest(String requestId, Predicate<JsonNode> matches) {
    return awaitFrame(
            f ->
                "request".equals(type(f))
                    && requestId.equals(f.path("request").path("id").asString(""))
                    && matches.test(f.get("request")))
        .get("request");
  }

  public List<JsonNode> frames() {
    return frames;
  }

  /** The close code once the server has closed the socket. */
  public int awaitClose() {
    return closed.orTimeout(10, TimeUnit.SECONDS).join();
  }

  public boolean isClosed() {
    return closed.isDone();
  }

  public static String type(JsonNode frame) {
    return frame.path("type").asString("");
  }

  /** The id of the request a {@code request} or {@code offer} frame (or an ack) carries. */
  public static String requestId(JsonNode frame) {
    return frame.get("request").get("id").stringValue();
  }

  /** Raises as an agent, under a fresh client key, with a topic or none; the new request's id. */
  public String raise(String topic) {
    return requestId(
        topic == null
            ? ack("raise", "clientKey", UUID.randomUUID().toString())
            : ack("raise", "clientKey", UUID.randomUUID().toString(), "topic", topic));
  }

  @Override
  public void close() {
    if (!socket.isOutputClosed()) {
      socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
    }
    socket.abort();
  }

  private final class Listener implements WebSocket.Listener {
    private final StringBuilder partial = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        frames.add(Api.JSON.readTree(partial.toString()));
        partial.setLength(0);
      }
      webSocket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
      closed.complete(statusCode);
      return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
      closed.complete(-1);
    }
  }
}

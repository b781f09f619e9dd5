package io.handup.realtime;

import io.handup.testing.Api;
import io.handup.testing.TestNode;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * A socket of the fuzz test. Unlike the shared test client it keeps no history: it counts replies
 * by code, notes every request id it hears of, and records anything the protocol does not allow (a
 * frame that is not JSON, an unknown frame type, an unknown error code).
 */
final class ProtocolFuzzSocket implements AutoCloseable {

  /** Frames the server may send. */
  static final List<String> SERVER_TYPES =
      List.of("welcome", "snapshot", "request", "offer", "presence", "said", "ack", "error");

  /** Error codes of the design; {@code unavailable} is not among them: it means a server bug. */
  static final List<String> ERROR_CODES =
      List.of(
          "bad_request",
          "unknown_type",
          "unauthenticated",
          "forbidden",
          "not_found",
          "conflict",
          "reporting_line",
          "rate_limited",
          "too_large");

  final String name;
  final AtomicInteger sent = new AtomicInteger();
  final AtomicInteger replies = new AtomicInteger();
  final Map<String, AtomicInteger> codes = new java.util.concurrent.ConcurrentHashMap<>();
  final Queue<String> violations = new ConcurrentLinkedQueue<>();
  final CompletableFuture<Integer> closed = new CompletableFuture<>();
  final CompletableFuture<JsonNode> welcome = new CompletableFuture<>();
  volatile String first;
  private final ProtocolFuzzFrames.Known known;
  private final WebSocket socket;

  ProtocolFuzzSocket(String name, HttpClient http, TestNode node, ProtocolFuzzFrames.Known known) {
    this.name = name;
    this.known = known;
    this.socket =
        http.newWebSocketBuilder()
            .buildAsync(node.ws(), new Listener())
            .orTimeout(10, TimeUnit.SECONDS)
            .join();
  }

  /** Sends one text frame and waits until it is handed to the network. */
  void send(String text) {
    sent.incrementAndGet();
    socket.sendText(text, true).orTimeout(10, TimeUnit.SECONDS).join();
  }

  /**
   * Sends a fuzzed frame as it comes, now and then split over continuation frames, or replaced by a
   * binary frame (which the protocol answers with bad_request like any bad frame).
   */
  void sendSomehow(String text, java.util.Random random) {
    int dice = random.nextInt(100);
    if (dice < 2) {
      byte[] bytes = new byte[random.nextInt(1024)];
      random.nextBytes(bytes);
      sent.incrementAndGet();
      socket
          .sendBinary(java.nio.ByteBuffer.wrap(bytes), true)
          .orTimeout(10, TimeUnit.SECONDS)
          .join();
    } else if (dice < 5 && text.length() > 1) {
      int cut = 1 + random.nextInt(text.length() - 1);
      sent.incrementAndGet();
      socket.sendText(text.substring(0, cut), false).orTimeout(10, TimeUnit.SECONDS).join();
      socket.sendText(text.substring(cut), true).orTimeout(10, TimeUnit.SECONDS).join();
    } else {
      send(text);
    }
  }

  /** Sends the first frame, which is not counted as a frame that needs an ack or error. */
  void hello(String text) {
    first = text;
    socket.sendText(text, true).orTimeout(10, TimeUnit.SECONDS).join();
  }

  int code(String code) {
    AtomicInteger count = codes.get(code);
    return count == null ? 0 : count.get();
  }

  boolean isClosed() {
    return closed.isDone();
  }

  @Override
  public void close() {
    if (!socket.isOutputClosed()) {
      socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
    }
    socket.abort();
  }

  private void received(String text) {
    JsonNode frame;
    try {
      frame = Api.JSON.readTree(text);
    } catch (JacksonException e) {
      violations.add(name + " got a frame that is not JSON: " + abbreviate(text));
      return;
    }
    String type = frame.path("type").asString("");
    if (!SERVER_TYPES.contains(type)) {
      violations.add(name + " got a frame of unknown type: " + abbreviate(text));
    }
    switch (type) {
      case "welcome" -> welcome.complete(frame);
      case "ack" -> replies.incrementAndGet();
      case "error" -> {
        replies.incrementAndGet();
        String code = frame.path("code").asString("");
        codes.computeIfAbsent(code, c -> new AtomicInteger()).incrementAndGet();
        if (!ERROR_CODES.contains(code)) {
          violations.add(name + " got error code '" + code + "': " + abbreviate(text));
        }
      }
      default -> {
        // an event: nothing to count
      }
    }
    noteRequestIds(frame);
  }

  private void noteRequestIds(JsonNode frame) {
    JsonNode request = frame.get("request");
    if (request != null && request.path("id").isString()) {
      known.requestIds.add(request.get("id").stringValue());
    }
    JsonNode requests = frame.get("requests");
    if (requests != null && requests.isArray()) {
      requests.forEach(r -> known.requestIds.add(r.path("id").asString("r1")));
    }
  }

  private static String abbreviate(String text) {
    return text.length() > 300 ? text.substring(0, 300) + "…" : text;
  }

  private final class Listener implements WebSocket.Listener {
    private final StringBuilder partial = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        received(partial.toString());
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
      violations.add(name + " failed: " + error);
      closed.complete(-1);
    }
  }
}

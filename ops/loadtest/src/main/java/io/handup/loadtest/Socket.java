package io.handup.loadtest;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One client WebSocket (java.net.http): whole text frames are parsed and handed to the owner in
 * order; sends are chained, since the JDK client allows one outstanding send at a time.
 */
final class Socket implements WebSocket.Listener {

  private final JsonMapper json;
  private final Consumer<JsonNode> onFrame;
  private final Runnable onClosed;
  private final StringBuilder partial = new StringBuilder();
  private CompletableFuture<WebSocket> sending;
  private volatile WebSocket ws;
  private volatile boolean closing;

  private Socket(JsonMapper json, Consumer<JsonNode> onFrame, Runnable onClosed) {
    this.json = json;
    this.onFrame = onFrame;
    this.onClosed = onClosed;
  }

  static CompletableFuture<Socket> open(
      HttpClient client, URI uri, JsonMapper json, Consumer<JsonNode> onFrame, Runnable onClosed) {
    Socket socket = new Socket(json, onFrame, onClosed);
    return client
        .newWebSocketBuilder()
        .connectTimeout(Duration.ofSeconds(20))
        .buildAsync(uri, socket)
        .thenApply(
            ws -> {
              socket.ws = ws;
              synchronized (socket) {
                socket.sending = CompletableFuture.completedFuture(ws);
              }
              return socket;
            });
  }

  /** Queues a text frame behind any still being sent. */
  synchronized void send(String text) {
    if (ws == null || ws.isOutputClosed()) {
      return;
    }
    sending = sending.thenCompose(w -> w.sendText(text, true)).exceptionally(e -> ws);
  }

  void close() {
    closing = true;
    WebSocket w = ws;
    if (w != null && !w.isOutputClosed()) {
      w.sendClose(WebSocket.NORMAL_CLOSURE, "done").exceptionally(e -> null);
    }
  }

  @Override
  public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
    partial.append(data);
    if (last) {
      String text = partial.toString();
      partial.setLength(0);
      JsonNode frame = json.readTree(text);
      try {
        onFrame.accept(frame);
      } catch (RuntimeException e) {
        System.err.println("frame handler failed: " + e + " on " + text);
      }
    }
    webSocket.request(1);
    return null;
  }

  @Override
  public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
    if (!closing) {
      onClosed.run();
    }
    return null;
  }

  @Override
  public void onError(WebSocket webSocket, Throwable error) {
    if (!closing) {
      onClosed.run();
    }
  }
}

package io.handup.loadtest;

import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerContainer;
import jakarta.websocket.server.ServerEndpointConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.websocket.server.WsSci;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.params.XAddParams;
import redis.clients.jedis.params.XReadParams;
import redis.clients.jedis.resps.StreamEntry;

/**
 * The limit under Handup's latencies, measured on the same machine in the same run: a bare
 * WebSocket echo (Tomcat's WebSocket stack, the one Handup runs on, answering with no work) through
 * the same JDK client, and a Redis stream hop (XADD on one connection, woken XREAD BLOCK on
 * another, as a node's event follower reads the floor's stream).
 */
final class Floor {

  private static final int WARM_UP = 300;
  // the echo server's Tomcat logs its start and stop; a strong reference keeps the level set
  private static final java.util.logging.Logger TOMCAT_LOG =
      java.util.logging.Logger.getLogger("org.apache");

  private Floor() {}

  /** A frame about as long as a {@code request} event. */
  static String payload() {
    return "{\"type\":\"echo\",\"pad\":\"" + "x".repeat(700) + "\"}";
  }

  static Histogram webSocketEcho(int samples) throws Exception {
    TOMCAT_LOG.setLevel(java.util.logging.Level.SEVERE);
    Path base = Files.createTempDirectory("loadtest-echo");
    Tomcat tomcat = new Tomcat();
    tomcat.setBaseDir(base.toString());
    Connector connector = new Connector();
    connector.setPort(0);
    connector.setProperty("address", "127.0.0.1");
    tomcat.setConnector(connector);
    Context context = tomcat.addContext("", base.toString());
    context.addServletContainerInitializer(new WsSci(), null);
    context.addServletContainerInitializer(
        (classes, servletContext) -> {
          ServerContainer container =
              (ServerContainer) servletContext.getAttribute(ServerContainer.class.getName());
          try {
            container.addEndpoint(ServerEndpointConfig.Builder.create(Echo.class, "/echo").build());
          } catch (jakarta.websocket.DeploymentException e) {
            throw new IllegalStateException(e);
          }
        },
        null);
    Tomcat.addServlet(context, "none", new jakarta.servlet.http.HttpServlet() {});
    context.addServletMappingDecoded("/", "none");
    tomcat.start();
    try {
      URI uri = URI.create("ws://127.0.0.1:" + connector.getLocalPort() + "/echo");
      BlockingQueue<Long> replies = new ArrayBlockingQueue<>(1);
      HttpClient client = HttpClient.newHttpClient();
      WebSocket ws =
          client
              .newWebSocketBuilder()
              .buildAsync(
                  uri,
                  new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onText(
                        WebSocket webSocket, CharSequence data, boolean last) {
                      if (last) {
                        replies.offer(System.nanoTime());
                      }
                      webSocket.request(1);
                      return null;
                    }
                  })
              .get(10, TimeUnit.SECONDS);
      String text = payload();
      Histogram h = new Histogram(3);
      for (int i = 0; i < WARM_UP + samples; i++) {
        long start = System.nanoTime();
        ws.sendText(text, true).get(5, TimeUnit.SECONDS);
        Long end = replies.poll(5, TimeUnit.SECONDS);
        if (end == null) {
          throw new IllegalStateException("The echo server did not answer");
        }
        if (i >= WARM_UP) {
          h.recordValue((end - start) / 1000);
        }
      }
      ws.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(5, TimeUnit.SECONDS);
      return h;
    } finally {
      stop(tomcat);
    }
  }

  private static void stop(Tomcat tomcat) {
    try {
      tomcat.stop();
      tomcat.destroy();
    } catch (LifecycleException e) {
      System.err.println("echo server did not stop cleanly: " + e.getMessage());
    }
  }

  /** XADD on one connection until a reader blocked in XREAD on another wakes with the entry. */
  static Histogram redisStreamHop(URI redis, int samples) throws Exception {
    String key = "loadtest:floor:{loadtest}";
    BlockingQueue<Long> woken = new ArrayBlockingQueue<>(1);
    try (Jedis writer = new Jedis(redis);
        Jedis reader = new Jedis(redis)) {
      writer.del(key);
      Thread readerThread =
          new Thread(
              () -> {
                StreamEntryID last = new StreamEntryID(0, 0);
                try {
                  while (!Thread.currentThread().isInterrupted()) {
                    List<Map.Entry<String, List<StreamEntry>>> got =
                        reader.xread(
                            XReadParams.xReadParams().block(1000).count(10), Map.of(key, last));
                    if (got == null) {
                      continue;
                    }
                    for (Map.Entry<String, List<StreamEntry>> stream : got) {
                      for (StreamEntry entry : stream.getValue()) {
                        last = entry.getID();
                        if ("stop".equals(entry.getFields().get("t"))) {
                          return;
                        }
                        woken.offer(System.nanoTime());
                      }
                    }
                  }
                } catch (RuntimeException e) {
                  System.err.println("redis floor reader stopped: " + e.getMessage());
                }
              },
              "floor-xread");
      readerThread.setDaemon(true);
      readerThread.start();
      Histogram h = new Histogram(3);
      String data = payload();
      for (int i = 0; i < WARM_UP + samples; i++) {
        long start = System.nanoTime();
        writer.xadd(
            key,
            XAddParams.xAddParams().maxLen(1000).approximateTrimming(),
            Map.of("t", "x", "data", data));
        Long end = woken.poll(5, TimeUnit.SECONDS);
        if (end == null) {
          throw new IllegalStateException("XREAD did not wake for an XADD");
        }
        if (i >= WARM_UP) {
          h.recordValue((end - start) / 1000);
        }
      }
      writer.xadd(key, XAddParams.xAddParams(), Map.of("t", "stop"));
      readerThread.join(3000);
      writer.del(key);
      return h;
    }
  }

  /** Answers every text frame with itself. */
  public static final class Echo extends Endpoint {
    @Override
    public void onOpen(Session session, EndpointConfig config) {
      session.addMessageHandler(
          String.class,
          (MessageHandler.Whole<String>)
              text -> {
                try {
                  session.getBasicRemote().sendText(text);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
    }
  }
}

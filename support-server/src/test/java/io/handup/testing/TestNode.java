package io.handup.testing;

import io.handup.HandupApplication;
import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** One real server node: a whole Spring context on its own free port. */
public final class TestNode implements Node, AutoCloseable {

  private final ConfigurableApplicationContext context;
  private final int port;

  private TestNode(ConfigurableApplicationContext context) {
    this.context = context;
    this.port = ((WebServerApplicationContext) context).getWebServer().getPort();
  }

  /** A node on the given Redis, with the demo floor, plus any extra properties. */
  public static TestNode start(String redisUrl, Map<String, Object> extra) {
    ConfigurableApplicationContext context =
        new SpringApplicationBuilder(HandupApplication.class).run(arguments(redisUrl, extra));
    return new TestNode(context);
  }

  /** The command-line arguments of a test node, also for nodes run as a separate process. */
  public static String[] arguments(String redisUrl, Map<String, Object> extra) {
    Map<String, Object> properties = new HashMap<>();
    properties.put("server.port", 0);
    properties.put("handup.redis.url", redisUrl);
    properties.put("handup.demo.enabled", true);
    properties.put("handup.demo.agents", 400);
    properties.put("handup.demo.specialists", 100);
    properties.put("handup.integration.api-keys", TestFloor.API_KEY);
    properties.put("handup.security.max-failed-logins", 3);
    properties.put("spring.main.banner-mode", "off");
    // the shared floor is routed by hand (claims, transfers) so that tests of other features are
    // not raced by automatic offers; the dispatcher's tests turn it on
    properties.put("handup.auto-offer", false);
    properties.putAll(extra);
    // as arguments, so they win over application.properties
    return properties.entrySet().stream()
        .map(e -> "--" + e.getKey() + "=" + e.getValue())
        .toArray(String[]::new);
  }

  @Override
  public int port() {
    return port;
  }

  public ConfigurableApplicationContext context() {
    return context;
  }

  public <T> T bean(Class<T> type) {
    return context.getBean(type);
  }

  @Override
  public void close() {
    context.close();
  }
}

package io.handup.realtime;

import io.handup.dispatch.Presence;
import io.handup.system.HandupSettings;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.server.standard.ServletServerContainerFactoryBean;

/**
 * {@code /ws}, open only to pages from the allowed origins (a client that sends no Origin, such as
 * a softphone or the load generator, is not a browser page and is let through to say hello).
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSocket
class WebSocketConfiguration implements WebSocketConfigurer {

  // Tomcat reserves this much for every socket; frames come to FloorSocket in parts of this size
  // and are put together there, up to handup.max-frame-bytes (a 1 MiB buffer cost 4 MiB of heap
  // per socket: docs/benchmarks.md)
  private static final int CONTAINER_MESSAGE_LIMIT = 4 * 1024;

  private final FloorSocket socket;
  private final HandupSettings settings;
  private final Connections connections;
  private final Presence presence;

  WebSocketConfiguration(
      FloorSocket socket, HandupSettings settings, Connections connections, Presence presence) {
    this.socket = socket;
    this.settings = settings;
    this.connections = connections;
    this.presence = presence;
  }

  @Override
  public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
    registry
        .addHandler(socket, "/ws")
        .setAllowedOriginPatterns(settings.allowedOrigins().toArray(String[]::new));
  }

  @Bean
  ServletServerContainerFactoryBean webSocketContainer() {
    ServletServerContainerFactoryBean container = new ServletServerContainerFactoryBean();
    container.setMaxTextMessageBufferSize(CONTAINER_MESSAGE_LIMIT);
    // binary frames are refused: a small buffer is enough to read and answer them
    container.setMaxBinaryMessageBufferSize(1024);
    return container;
  }

  /** Keeps this node's specialists online in Redis while their sockets are open. */
  @Scheduled(fixedDelayString = "${handup.lease-renewal:10s}")
  void renewLeases() {
    try {
      presence.renew(connections.leases());
    } catch (RuntimeException e) {
      // like the other periodic tasks: a Redis outage is a warning, retried on the next round
      // (leases last 30 s, three rounds), not a stack trace every 10 s
      LoggerFactory.getLogger(WebSocketConfiguration.class)
          .warn("Leases could not be renewed: {}", e.getMessage());
    }
  }
}

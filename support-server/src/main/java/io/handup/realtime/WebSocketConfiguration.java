package io.handup.realtime;

import io.handup.dispatch.Presence;
import io.handup.system.LiveSettings;
import java.util.Map;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.server.HandshakeInterceptor;
import org.springframework.web.socket.server.standard.ServletServerContainerFactoryBean;
import org.springframework.web.util.WebUtils;

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
  private final LiveSettings settings;
  private final Connections connections;
  private final Presence presence;

  WebSocketConfiguration(
      FloorSocket socket, LiveSettings settings, Connections connections, Presence presence) {
    this.socket = socket;
    this.settings = settings;
    this.connections = connections;
    this.presence = presence;
  }

  @Override
  public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
    // "*" here switches off Spring's fixed check; the interceptor checks the live allow-list
    registry.addHandler(socket, "/ws").setAllowedOriginPatterns("*").addInterceptors(new Origins());
  }

  /**
   * The allow-list as it stands at each handshake (an administrator may change it at run time),
   * with Spring's rule: same origin and no Origin at all pass, others must match a pattern.
   */
  private final class Origins implements HandshakeInterceptor {
    @Override
    public boolean beforeHandshake(
        ServerHttpRequest request,
        ServerHttpResponse response,
        WebSocketHandler handler,
        Map<String, Object> attributes) {
      if (WebUtils.isSameOrigin(request)) {
        return true;
      }
      CorsConfiguration allowed = new CorsConfiguration();
      allowed.setAllowedOriginPatterns(settings.allowedOrigins());
      if (allowed.checkOrigin(request.getHeaders().getOrigin()) != null) {
        return true;
      }
      response.setStatusCode(HttpStatus.FORBIDDEN);
      return false;
    }

    @Override
    public void afterHandshake(
        ServerHttpRequest request,
        ServerHttpResponse response,
        WebSocketHandler handler,
        Exception exception) {
      // nothing to do after the handshake
    }
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

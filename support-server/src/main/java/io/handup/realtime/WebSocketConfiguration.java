package io.handup.realtime;

import io.handup.dispatch.Presence;
import io.handup.system.LiveSettings;
import java.util.Map;
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

  // the container's own limit sits above ours, so an oversized frame still gets a too_large
  // error from us before the socket closes
  private static final int CONTAINER_MESSAGE_LIMIT = 1024 * 1024;

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
    container.setMaxBinaryMessageBufferSize(8 * 1024);
    return container;
  }

  /** Keeps this node's specialists online in Redis while their sockets are open. */
  @Scheduled(fixedDelayString = "${handup.lease-renewal:10s}")
  void renewLeases() {
    presence.renew(connections.leases());
  }
}

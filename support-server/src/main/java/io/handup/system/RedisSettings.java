package io.handup.system;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where Redis is, under {@code handup.redis.*}.
 *
 * @param url e.g. {@code redis://127.0.0.1:6379}; unset starts the embedded redis-server
 * @param poolSize connections per node; each node also holds one for following the event streams
 * @param embedded the embedded server used when no URL is set
 */
@ConfigurationProperties("handup.redis")
public record RedisSettings(
    String url, @DefaultValue("64") int poolSize, @DefaultValue Embedded embedded) {

  public boolean isEmbedded() {
    return url == null || url.isBlank();
  }

  /**
   * @param dir its data folder (the append-only file lives here)
   * @param port 0 picks a free port
   * @param appendfsync {@code everysec} survives a killed process; {@code always} also a power cut
   */
  public record Embedded(
      @DefaultValue("./data/redis") Path dir,
      @DefaultValue("0") int port,
      @DefaultValue("everysec") String appendfsync) {}
}

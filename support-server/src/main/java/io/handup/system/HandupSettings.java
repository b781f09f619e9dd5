package io.handup.system;

import jakarta.validation.constraints.NotEmpty;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Floor-wide settings under {@code handup.*}.
 *
 * @param offerTimeout how long an offer waits for the specialist before it goes to the next one
 * @param requestExpiry how long a request may wait unclaimed before it counts as abandoned
 * @param serviceLevelTarget the wait a customer can be kept on hold; service level counts claims
 *     within it
 * @param timeZone the zone days and hours of reports are counted in (default: the server's)
 * @param allowedOrigins origins (patterns such as {@code https://*.example.com}) whose pages may
 *     open the WebSocket and call the token endpoint
 * @param maxFrameBytes the largest WebSocket frame accepted; a larger one gets {@code too_large}
 * @param reconnectGrace how long a specialist whose last socket closed stays online, so that a page
 *     reload or a flaky tablet does not hand their offer to someone else
 * @param autoOffer offer waiting requests to free specialists; false leaves routing to the board
 *     (specialists claim, colleagues transfer)
 * @param skillCheckValidity how long a passed skill check keeps its topic in a specialist's routing
 */
@ConfigurationProperties("handup")
@Validated
public record HandupSettings(
    @DefaultValue("15s") Duration offerTimeout,
    @DefaultValue("10m") Duration requestExpiry,
    @DefaultValue("30s") Duration serviceLevelTarget,
    ZoneId timeZone,
    @DefaultValue({"http://localhost:[*]", "http://127.0.0.1:[*]"}) @NotEmpty
        List<String> allowedOrigins,
    @DefaultValue("16384") int maxFrameBytes,
    @DefaultValue("10s") Duration reconnectGrace,
    @DefaultValue("true") boolean autoOffer,
    @DefaultValue("90d") Duration skillCheckValidity) {

  public HandupSettings {
    if (timeZone == null) {
      timeZone = ZoneId.systemDefault();
    }
  }
}

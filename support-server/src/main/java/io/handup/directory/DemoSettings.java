package io.handup.directory;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The demo floor, under {@code handup.demo.*}.
 *
 * @param enabled create the demo users; unset means on with the embedded Redis and off with a
 *     configured one, so a production Redis never gets users with the password {@code demo}
 * @param agents how many agents ({@code agent-1} …), in teams of ten under {@code lead-1} …
 * @param specialists how many specialists ({@code spec-1} …)
 */
@ConfigurationProperties("handup.demo")
@Validated
public record DemoSettings(
    Boolean enabled,
    @DefaultValue("20") @Min(1) @Max(100_000) int agents,
    @DefaultValue("4") @Min(1) @Max(10_000) int specialists) {}

package io.handup.system;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Rotation caps under {@code handup.rotation.*}, the defaults of live settings: a specialist who
 * reaches either cap when a claim ends goes off the floor for {@code offFloor}, for knowledge work,
 * so the people answering stay fresh.
 *
 * @param maxOnFloor continuous time on the floor (AVAILABLE) before a break; 0 for no cap
 * @param maxClaims consecutive claims before a break; 0 for no cap
 * @param offFloor how long the break lasts
 */
@ConfigurationProperties("handup.rotation")
@Validated
public record RotationSettings(
    @DefaultValue("2h") Duration maxOnFloor,
    @DefaultValue("20") int maxClaims,
    @DefaultValue("20m") Duration offFloor) {}

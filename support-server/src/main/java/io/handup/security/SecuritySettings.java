package io.handup.security;

import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Sign-in settings, under {@code handup.security.*}.
 *
 * @param tokenSecret the key tokens are signed with; unset means a random key kept in Redis, so
 *     every node shares it
 * @param tokenTtl how long a token is valid (a shift)
 * @param maxFailedLogins failed sign-ins of one user before they must wait
 * @param lockout how long they wait
 */
@ConfigurationProperties("handup.security")
@Validated
record SecuritySettings(
    String tokenSecret,
    @DefaultValue("8h") Duration tokenTtl,
    @DefaultValue("5") @Min(1) int maxFailedLogins,
    @DefaultValue("5m") Duration lockout) {}

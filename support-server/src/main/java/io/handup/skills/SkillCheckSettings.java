package io.handup.skills;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Under {@code handup.skill-checks.*}. (How long a pass counts is a live setting, {@code
 * handup.skill-check-validity}, because managers tune it.)
 *
 * @param retryAfter how long after a failed attempt the check may be taken again, so that a check
 *     cannot be passed by trying answers until one fits
 */
@Validated
@ConfigurationProperties("handup.skill-checks")
record SkillCheckSettings(@DefaultValue("15m") @NotNull Duration retryAfter) {}

package io.handup.admin;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Administration, under {@code handup.admin.*}.
 *
 * @param auditRetention how long audit lines are kept; older ones are trimmed by time
 */
@ConfigurationProperties("handup.admin")
record AdminSettings(@DefaultValue("180d") Duration auditRetention) {}

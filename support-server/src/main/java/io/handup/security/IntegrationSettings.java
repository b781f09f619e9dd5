package io.handup.security;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Trusted integrations, under {@code handup.integration.*}.
 *
 * @param apiKeys keys that may mint a token for any user without a password
 */
@ConfigurationProperties("handup.integration")
record IntegrationSettings(@DefaultValue({}) List<String> apiKeys) {}

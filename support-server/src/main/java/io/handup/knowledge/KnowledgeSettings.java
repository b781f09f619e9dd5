package io.handup.knowledge;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the knowledge base, under {@code handup.knowledge.*}.
 *
 * @param syncInterval how often a node reads the change log of each floor into its search index: an
 *     entry saved on another node is found here after at most about this long
 * @param defaultResults how many entries a search returns when the caller does not say
 */
@ConfigurationProperties("handup.knowledge")
@Validated
record KnowledgeSettings(
    @DefaultValue("500ms") Duration syncInterval,
    @DefaultValue("10") @Min(1) @Max(KnowledgeSettings.MAX_RESULTS) int defaultResults) {

  static final int MAX_RESULTS = 50;
}

package io.handup.system;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The duty roster under {@code handup.duty.*}.
 *
 * @param unrosteredOnDuty whether a specialist with no shift on the roster at all is on duty; true
 *     keeps floors that use no roster working, false makes the roster the only way on duty
 */
@ConfigurationProperties("handup.duty")
@Validated
public record DutySettings(@DefaultValue("true") boolean unrosteredOnDuty) {}

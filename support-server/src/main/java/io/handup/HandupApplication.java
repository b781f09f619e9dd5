package io.handup;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Handup: one click for help, a specialist outside the reporting line, every answer rated. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class HandupApplication {

  public static void main(String[] args) {
    SpringApplication.run(HandupApplication.class, args);
  }
}

package io.handup.loadtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class OptionsTest {

  @Test
  void parsesTheDocumentedCommand() {
    Options o =
        Options.parse(
            "--nodes",
            "http://127.0.0.1:8080,http://localhost:8081/",
            "--agents",
            "2000",
            "--specialists=50",
            "--rate",
            "20",
            "--duration",
            "5m",
            "--api-key",
            "k",
            "--redis",
            "redis://127.0.0.1:6390",
            "--think",
            "200ms..2s");
    assertThat(o.nodes())
        .containsExactly(URI.create("http://127.0.0.1:8080"), URI.create("http://localhost:8081"));
    assertThat(o.agents()).isEqualTo(2000);
    assertThat(o.specialists()).isEqualTo(50);
    assertThat(o.rate()).isEqualTo(20.0);
    assertThat(o.duration()).isEqualTo(Duration.ofMinutes(5));
    assertThat(o.thinkMin()).isEqualTo(Duration.ofMillis(200));
    assertThat(o.thinkMax()).isEqualTo(Duration.ofSeconds(2));
    assertThat(o.mode()).isEqualTo("load");
    assertThat(o.warmUp()).isEqualTo(Duration.ZERO);
    assertThat(Options.parse("--api-key", "k", "--specialists", "5", "--warm-up", "30s").warmUp())
        .isEqualTo(Duration.ofSeconds(30));
    assertThat(Options.webSocket(o.nodes().get(1))).isEqualTo(URI.create("ws://localhost:8081/ws"));
  }

  @Test
  void durations() {
    assertThat(Options.duration("250ms")).isEqualTo(Duration.ofMillis(250));
    assertThat(Options.duration("30s")).isEqualTo(Duration.ofSeconds(30));
    assertThat(Options.duration("45")).isEqualTo(Duration.ofSeconds(45));
    assertThat(Options.duration("2h")).isEqualTo(Duration.ofHours(2));
    assertThatThrownBy(() -> Options.duration("soon")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void refusesBadArguments() {
    assertThatThrownBy(() -> Options.parse("--rate", "5")).hasMessageContaining("--api-key");
    assertThatThrownBy(() -> Options.parse("--api-key", "k", "--agnets", "5"))
        .hasMessageContaining("Unknown option --agnets");
    assertThatThrownBy(() -> Options.parse("--api-key", "k", "--rate", "fast"))
        .hasMessageContaining("--rate must be a number");
    assertThatThrownBy(() -> Options.parse("--api-key", "k", "--cancel-share", "2"))
        .hasMessageContaining("shares");
    assertThatThrownBy(() -> Options.parse("--api-key", "k", "--mode", "storm"))
        .hasMessageContaining("--mode");
    assertThatThrownBy(() -> Options.parse("--api-key")).hasMessageContaining("needs a value");
  }

  @Test
  void onlyLoopbackUnlessAllowed() {
    assertThatThrownBy(() -> Options.parse("--api-key", "k", "--nodes", "http://192.0.2.10:8080"))
        .hasMessageContaining("not a loopback address");
    assertThatThrownBy(
            () -> Options.parse("--api-key", "k", "--redis", "redis://198.51.100.7:6379"))
        .hasMessageContaining("not a loopback address");
    assertThat(
            Options.parse("--api-key", "k", "--nodes", "http://192.0.2.10:8080", "--allow-remote")
                .allowRemote())
        .isTrue();
    Options.requireLoopback(URI.create("http://[::1]:8080"), false);
    Options.requireLoopback(URI.create("http://127.0.0.2:8080"), false);
  }
}

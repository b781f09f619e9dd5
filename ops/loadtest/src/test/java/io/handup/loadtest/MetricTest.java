package io.handup.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MetricTest {

  @Test
  void warmUpIsLeftOutOfTheTotalButKeptInTheWholeRun() {
    Metric metric = new Metric("raise→board (other node)");
    for (int i = 0; i < 5; i++) {
      metric.recordNanos(500_000_000L);
    }
    metric.startMeasuring();
    metric.recordNanos(2_000_000L);

    assertThat(metric.total().getTotalCount()).isEqualTo(1);
    assertThat(metric.total().getMaxValue()).isLessThan(3_000);
    assertThat(metric.whole().getTotalCount()).isEqualTo(6);
    assertThat(metric.whole().getMaxValue()).isGreaterThan(400_000);
  }
}

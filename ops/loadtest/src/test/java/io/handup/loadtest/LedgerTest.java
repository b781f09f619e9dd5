package io.handup.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class LedgerTest {

  @Test
  void aCleanRunCountsNothingBad() {
    Ledger ledger = new Ledger();
    ledger.raised("k1");
    ledger.acked("k1", "r1");
    ledger.heard("r1", "QUEUED");
    ledger.heard("r1", "RESOLVED");
    ledger.raised("k2");
    ledger.acked("k2", "r2");
    ledger.acked("k2", "r2"); // a retried raise answered with the same request
    ledger.heard("r2", "CANCELLED");

    Ledger.Counts c = ledger.counts(Set.of());

    assertThat(c).isEqualTo(new Ledger.Counts(2, 0, 2, 1, 1, 0, 0, 0, 0));
    assertThat(ledger.open()).isZero();
  }

  @Test
  void countsLostDuplicatedAndStuck() {
    Ledger ledger = new Ledger();
    ledger.raised("dup");
    ledger.acked("dup", "a");
    ledger.acked("dup", "b");
    ledger.heard("a", "RESOLVED");
    ledger.heard("b", "EXPIRED");
    ledger.raised("stuck");
    ledger.acked("stuck", "s");
    ledger.heard("s", "CLAIMED");
    ledger.raised("lost");
    ledger.acked("lost", "l");
    ledger.raised("never-acked");

    Ledger.Counts c = ledger.counts(Set.of("s", "unrelated"));

    assertThat(c.raised()).isEqualTo(4);
    assertThat(c.unacked()).isEqualTo(1);
    assertThat(c.acked()).isEqualTo(4);
    assertThat(c.resolved()).isEqualTo(1);
    assertThat(c.expired()).isEqualTo(1);
    assertThat(c.duplicated()).isEqualTo(1);
    assertThat(c.stuck()).isEqualTo(1);
    assertThat(c.lost()).isEqualTo(1);
    assertThat(ledger.unended()).containsExactlyInAnyOrder("s", "l");
  }

  @Test
  void anEndHeardTwiceOrForAStrangerCountsOnce() {
    Ledger ledger = new Ledger();
    ledger.heard("not-ours", "RESOLVED");
    ledger.raised("k");
    ledger.acked("k", "r");
    ledger.heard("r", "RESOLVED");
    ledger.heard("r", "RESOLVED");

    assertThat(ledger.counts(Set.of()).resolved()).isEqualTo(1);
    assertThat(ledger.open()).isZero();
  }
}

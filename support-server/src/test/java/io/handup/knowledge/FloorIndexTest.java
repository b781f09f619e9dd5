package io.handup.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The search index on its own: Chinese words, English words, topics, replacing and removing. */
class FloorIndexTest {

  private final FloorIndex index = new FloorIndex();

  @AfterEach
  void close() {
    index.close();
  }

  @Test
  void chineseWordsAreFoundAsWordsNotAsSingleCharacters() {
    index.put(entry("e1", "billing", "客户说这个月电费太高怎么办", "先核对电表读数，再查阶梯电价。"));
    index.put(entry("e2", "outage", "小区停电了什么时候恢复", "查停电计划表，告诉客户预计恢复时间。"));
    index.put(
        entry(
            "e3",
            "billing",
            "How do I refund a double charge?",
            "Refund it from the billing tab."));
    index.refresh();

    assertThat(ids(index.search("电费", null, 10))).containsExactly("e1");
    assertThat(ids(index.search("停电", null, 10))).containsExactly("e2");
    assertThat(ids(index.search("停电了怎么办", null, 10))).first().isEqualTo("e2");
  }

  @Test
  void englishWordsAreStemmedAndMixedTextWorks() {
    index.put(
        entry(
            "e1",
            "billing",
            "How do I refund a double charge?",
            "Refund it from the billing tab."));
    index.put(entry("e2", "technical", "Router keeps rebooting", "Swap the power adapter."));
    index.put(entry("e3", "billing", "客户要求退款 refund", "在账单页面操作退款。"));
    index.refresh();

    assertThat(ids(index.search("refunds", null, 10))).containsExactlyInAnyOrder("e1", "e3");
    assertThat(ids(index.search("the router rebooted", null, 10))).containsExactly("e2");
    assertThat(ids(index.search("退款", null, 10))).containsExactly("e3");
  }

  @Test
  void topicFiltersAndAnEmptyQueryListsTheTopicNewestFirst() {
    index.put(entry("e1", "billing", "Late fee on the bill", "Waive once a year.", 1000));
    index.put(entry("e2", "policy", "Late fee waiver policy", "Team lead approves.", 2000));
    index.put(entry("e3", "Billing", "Paper bill", "Order it in the portal.", 3000));
    index.refresh();

    assertThat(ids(index.search("late fee", "billing", 10))).containsExactly("e1");
    assertThat(ids(index.search("router", "billing", 10)))
        .as("within a topic the words must still match")
        .isEmpty();
    assertThat(ids(index.search(null, "billing", 10))).containsExactly("e3", "e1");
    assertThat(ids(index.search("  ", null, 2))).containsExactly("e3", "e2");
  }

  @Test
  void aNewVersionReplacesTheOldAndAnOlderOneIsIgnored() {
    index.put(entry("e1", "billing", "Late fee", "Waive it.", 1000));
    index.refresh();
    assertThat(ids(index.search("late fee", null, 10))).containsExactly("e1");
    index.put(withVersion(entry("e1", "billing", "电费滞纳金", "可以免一次。", 2000), 2));
    index.put(entry("e1", "billing", "Late fee", "Waive it.", 1000));
    index.refresh();

    assertThat(ids(index.search("late fee", null, 10))).isEmpty();
    assertThat(ids(index.search("滞纳金", null, 10))).containsExactly("e1");
    index.remove("e1");
    index.refresh();
    assertThat(index.search("滞纳金", null, 10)).isEmpty();
    assertThat(index.size()).isZero();
  }

  @Test
  void punctuationAloneFindsNothing() {
    index.put(entry("e1", "billing", "Late fee", "Waive it."));
    index.refresh();
    assertThat(index.search("？！。", null, 10)).isEmpty();
  }

  private static List<String> ids(List<Entry> entries) {
    return entries.stream().map(Entry::id).toList();
  }

  private static Entry entry(String id, String topic, String question, String answer) {
    return entry(id, topic, question, answer, 0);
  }

  private static Entry entry(String id, String topic, String question, String answer, long at) {
    return new Entry(
        id,
        topic,
        question,
        answer,
        "spec-1",
        "Spec One",
        1,
        Instant.ofEpochMilli(at),
        Instant.ofEpochMilli(at),
        "spec-1",
        "Spec One",
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null);
  }

  private static Entry withVersion(Entry e, int version) {
    return new Entry(
        e.id(),
        e.topic(),
        e.question(),
        e.answer(),
        e.ownerId(),
        e.ownerName(),
        version,
        e.createdAt(),
        e.updatedAt(),
        e.updatedBy(),
        e.updatedByName(),
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null);
  }
}

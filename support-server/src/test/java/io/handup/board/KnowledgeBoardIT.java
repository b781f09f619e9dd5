package io.handup.board;

import static io.handup.board.BoardBrowser.card;
import static io.handup.board.BoardBrowser.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import io.handup.testing.Api;
import io.handup.testing.TestFloor;
import io.handup.testing.TestNode;
import io.handup.testing.WsClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The knowledge base on the specialist board, in a real headless Chromium. */
class KnowledgeBoardIT {

  private static BoardBrowser browser;

  private final TestNode node = TestFloor.nodeA();
  private final Api api = new Api(node);
  private final String topic = "t-" + UUID.randomUUID().toString().substring(0, 8);
  private final List<WsClient> sockets = new ArrayList<>();

  @BeforeAll
  static void startBrowser() {
    browser = new BoardBrowser();
  }

  @AfterAll
  static void stopBrowser() {
    browser.close();
  }

  @AfterEach
  void closePages() {
    browser.closePages();
    sockets.forEach(WsClient::close);
  }

  @Test
  void specialistSendsAMatchingEntryAndSavesAnotherResolvedRequestAsAnEntry() {
    String me = TestFloor.freshSpecialist();
    String entryId =
        api.post(
                "/api/knowledge",
                api.token(TestFloor.freshSpecialist()),
                Map.of(
                    "topic",
                    topic,
                    "question",
                    "Router keeps rebooting after the firmware update",
                    "answer",
                    "Roll the firmware back from the router's admin page."))
            .json()
            .get("id")
            .stringValue();
    Page board = browser.signedInBoard(node, me);

    // a request whose note matches the entry: the board shows it, and its answer goes out
    WsClient agent = agent();
    String first = raise(agent, "customer's router reboots since the firmware update");
    claim(board, first);
    String match = "#kb-matches .kb-entry[data-id=\"" + entryId + "\"]";
    eventually().until(() -> board.isVisible(match));
    assertThat(board.textContent(match + " .kb-q"))
        .isEqualTo("Router keeps rebooting after the firmware update");
    board.click(match + " [data-action=kb-send]");
    JsonNode said =
        agent.awaitFrame(
            f -> "said".equals(WsClient.type(f)) && me.equals(f.path("from").asString("")));
    assertThat(said.get("text").stringValue())
        .isEqualTo("Roll the firmware back from the router's admin page.");
    eventually().until(() -> board.isVisible("[data-form=resolve] [data-part=kb-used]"));
    assertThat(board.isVisible("[data-form=resolve] input[name=kbSave]"))
        .as("an answer from an entry is not saved again")
        .isFalse();
    board.click("[data-form=resolve] button[type=submit]");
    JsonNode resolved =
        agent.awaitRequest(first, r -> "RESOLVED".equals(r.get("state").stringValue()));
    assertThat(resolved.get("entryId").stringValue()).isEqualTo(entryId);

    // a request nothing matches: resolved and saved as a new entry in the same step
    WsClient second = agent();
    String note = "客户问怎么开电子发票";
    String other = raise(second, note);
    claim(board, other);
    eventually()
        .until(
            () ->
                board.isVisible("#kb-matches")
                    && board
                        .textContent("#kb-matches [data-part=empty]")
                        .equals("No entry matches this request yet."));
    board.check("[data-form=resolve] input[name=kbSave]");
    assertThat(board.inputValue("[data-form=resolve] textarea[name=kbQuestion]"))
        .as("the question is the agent's note")
        .isEqualTo(note);
    board.fill("[data-form=resolve] textarea[name=note]", "在账单页面点“电子发票”。");
    board.fill("[data-form=resolve] textarea[name=kbAnswer]", "在账单页面点“电子发票”，发到客户邮箱。");
    board.click("[data-form=resolve] button[type=submit]");

    JsonNode saved =
        second.awaitRequest(
            other,
            r -> "RESOLVED".equals(r.get("state").stringValue()) && !r.get("entryId").isNull());
    String newEntry = saved.get("entryId").stringValue();
    JsonNode entry = api.get("/api/knowledge/" + newEntry, api.token(me)).json();
    assertThat(entry.get("question").stringValue()).isEqualTo(note);
    assertThat(entry.get("answer").stringValue()).isEqualTo("在账单页面点“电子发票”，发到客户邮箱。");
    assertThat(entry.get("ownerId").stringValue()).isEqualTo(me);
    assertThat(entry.get("topic").stringValue()).isEqualTo(topic);
    assertThat(entry.get("requestId").stringValue()).isEqualTo(other);

    // and the board's own search finds it, in Chinese
    board.fill("#kb [data-form=kb-search] input[name=q]", "电子发票");
    board.press("#kb [data-form=kb-search] input[name=q]", "Enter");
    eventually().until(() -> board.isVisible("#kb .kb-entry[data-id=\"" + newEntry + "\"]"));
  }

  private void claim(Page board, String id) {
    eventually().until(() -> card(board, id) != null);
    board.click(".card[data-id=\"" + id + "\"] [data-action=claim]");
    eventually().until(() -> "true".equals(card(board, id).get("mine")));
  }

  private WsClient agent() {
    WsClient client = WsClient.signedIn(node, api.token(TestFloor.freshAgent()));
    sockets.add(client);
    return client;
  }

  private String raise(WsClient agent, String note) {
    return agent
        .ack("raise", "clientKey", UUID.randomUUID().toString(), "topic", topic, "note", note)
        .get("request")
        .get("id")
        .stringValue();
  }
}

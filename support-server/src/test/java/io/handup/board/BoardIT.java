package io.handup.board;

import static io.handup.board.BoardBrowser.card;
import static io.handup.board.BoardBrowser.cardIds;
import static io.handup.board.BoardBrowser.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import io.handup.testing.Api;
import io.handup.testing.TestFloor;
import io.handup.testing.TestNode;
import io.handup.testing.WsClient;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The specialist board in a real headless Chromium, against real nodes on a real Redis. */
class BoardIT {

  private static BoardBrowser browser;

  private final TestNode node = TestFloor.nodeA();
  private final Api api = new Api(node);
  private final List<AutoCloseable> cleanUp = new ArrayList<>();
  private final Map<String, String> raisedBy = new LinkedHashMap<>();
  private final Map<WsClient, String> agents = new HashMap<>();

  @BeforeAll
  static void startBrowser() {
    browser = new BoardBrowser();
  }

  @AfterAll
  static void stopBrowser() {
    browser.close();
  }

  @AfterEach
  void closeSocketsAndClearTheFloor() throws Exception {
    browser.closePages();
    for (AutoCloseable c : cleanUp) {
      c.close();
    }
    // the floor is shared: whatever a test left waiting would crowd the next one's board
    raisedBy.forEach(
        (id, agent) -> {
          try (WsClient client = WsClient.signedIn(node, api.token(agent))) {
            client.call("cancel", "requestId", id);
          }
        });
  }

  @Test
  void twoSpecialistsRaceForOneRequestAndTheLoserSeesWhoTookIt() {
    Page first = browser.signedInBoard(node, TestFloor.freshSpecialist());
    Page second = browser.signedInBoard(node, TestFloor.freshSpecialist());
    WsClient agent = agent(node);
    String id = raise(agent, "billing", false, "Customer disputes a late fee");

    eventually().until(() -> card(first, id) != null && card(second, id) != null);
    // both click before either hears back: the server decides who was first
    String click =
        "id => document.querySelector(`.card[data-id=\"${id}\"] [data-action=claim]`).click()";
    first.evaluate(click, id);
    second.evaluate(click, id);

    eventually()
        .until(
            () ->
                "CLAIMED".equals(card(first, id).get("state"))
                    && "CLAIMED".equals(card(second, id).get("state")));
    Map<String, Object> a = card(first, id);
    Map<String, Object> b = card(second, id);
    assertThat(List.of(a.get("mine"), b.get("mine")))
        .as("exactly one board holds it")
        .containsExactlyInAnyOrder("true", "false");
    Page winner = "true".equals(a.get("mine")) ? first : second;
    Page loser = winner == first ? second : first;
    String winnerName = winner.textContent("#me-name");

    eventually()
        .untilAsserted(
            () -> {
              Map<String, Object> lost = card(loser, id);
              assertThat(lost.get("status")).isEqualTo("Claimed by " + winnerName);
              assertThat(lost.get("error")).isEqualTo("Already claimed by " + winnerName);
              assertThat(lost.get("list")).isEqualTo("claimed");
            });
    assertThat(card(winner, id).get("status")).isEqualTo("Claimed by you");
    assertThat(winner.isVisible("#mine-work")).isTrue();
    winner.click("[data-form=resolve] button[type=submit]");
    agent.awaitRequest(id, r -> "RESOLVED".equals(r.get("state").stringValue()));
  }

  @Test
  void offerShowsItsCountdownAndAcceptClaimsIt() {
    String me = TestFloor.freshSpecialist();
    Page board = browser.signedInBoard(node, me);
    WsClient colleague = specialist(node, TestFloor.freshSpecialist());
    WsClient agent = agent(node);
    String id = raise(agent, "technical", true, "Router keeps rebooting");

    colleague.ack("claim", "requestId", id);
    colleague.ack("transfer", "requestId", id, "to", me);

    eventually().until(() -> board.isVisible("#offer"));
    assertThat(board.getAttribute("#offer", "data-id")).isEqualTo(id);
    assertThat(board.textContent("#offer [data-part=countdown]")).matches("\\d{1,2} s to answer");
    assertThat(board.textContent("#offer [data-part=agent]")).isEqualTo(agent(agent));
    assertThat(card(board, id).get("status")).isEqualTo("Offered to you");

    board.click("#offer [data-action=accept]");

    eventually().until(() -> "true".equals(card(board, id).get("mine")));
    assertThat(board.isVisible("#offer")).isFalse();
    // the colleague's claim came first; wait for the one the accept made
    JsonNode claimed =
        agent.awaitRequest(
            id,
            r ->
                "CLAIMED".equals(r.get("state").stringValue())
                    && me.equals(r.get("specialistId").stringValue()));
    assertThat(claimed.get("specialistName").stringValue())
        .isEqualTo(board.textContent("#me-name"));
    board.click("[data-form=resolve] button[type=submit]");
    agent.awaitRequest(id, r -> "RESOLVED".equals(r.get("state").stringValue()));
  }

  @Test
  void chatAndResolveFromThePageReachTheAgent() {
    String me = TestFloor.freshSpecialist();
    Page board = browser.signedInBoard(node, me);
    WsClient agent = agent(node);
    String id = raise(agent, "policy", false, null);
    eventually().until(() -> card(board, id) != null);

    board.click(".card[data-id=\"" + id + "\"] [data-action=claim]");
    eventually().until(() -> board.isVisible("#mine-work"));
    board.fill("[data-form=say] input[name=text]", "On my way to your seat");
    board.press("[data-form=say] input[name=text]", "Enter");
    JsonNode said =
        agent.awaitFrame(
            f -> "said".equals(WsClient.type(f)) && me.equals(f.path("from").asString("")));
    assertThat(said.get("text").stringValue()).isEqualTo("On my way to your seat");
    agent.ack("say", "requestId", id, "text", "Thanks!");
    eventually().until(() -> board.textContent("#mine-work [data-part=chat]").contains("Thanks!"));

    board.selectOption("[data-form=resolve] select[name=outcome]", "ESCALATED");
    board.fill("[data-form=resolve] textarea[name=note]", "Needs a supervisor's approval");
    board.fill("[data-form=resolve] input[name=link]", "https://kb.example.com/refunds");
    // Ctrl+Enter in the form resolves, so the keyboard alone finishes a request
    board.press("[data-form=resolve] textarea[name=note]", "Control+Enter");

    JsonNode resolved =
        agent.awaitRequest(id, r -> "RESOLVED".equals(r.get("state").stringValue()));
    assertThat(resolved.get("outcome").stringValue()).isEqualTo("ESCALATED");
    assertThat(resolved.get("resolveNote").stringValue())
        .isEqualTo("Needs a supervisor's approval\nKB: https://kb.example.com/refunds");
    eventually().until(() -> card(board, id) == null && board.isVisible("#mine-none"));
  }

  @Test
  void queueIsInRoutingOrderAndKeyboardClaimsTheNext() {
    Page board = browser.signedInBoard(node, TestFloor.freshSpecialist());
    String older = raise(agent(node), null, false, null);
    String urgent = raise(agent(node), null, true, "Customer threatens to leave");
    eventually().until(() -> card(board, older) != null && card(board, urgent) != null);

    List<String> order = cardIds(board, "waiting");
    assertThat(order.indexOf(urgent)).isLessThan(order.indexOf(older));
    assertThat((String) card(board, older).get("clock")).matches("\\d+:\\d{2}");

    // N takes the head of the queue: the oldest urgent request, whoever raised it
    String head = cardIds(board, "waiting").get(0);
    board.keyboard().press("n");
    eventually().until(() -> "true".equals(card(board, head).get("mine")));
    board.click("[data-form=resolve] button[type=submit]");
    eventually().until(() -> card(board, head) == null);
  }

  @Test
  void boardRebuildsItselfWithTheSameCardsAfterItsNodeRestarts() throws IOException {
    int port = freePort();
    String redis = TestFloor.redis().uri().toString();
    TestNode own = TestNode.start(redis, Map.of("server.port", port));
    try {
      Page board = browser.signedInBoard(own, TestFloor.freshSpecialist());
      String one = raise(agent(own), "billing", false, "First");
      String two = raise(agent(own), "technical", true, "Second");
      eventually().until(() -> card(board, one) != null && card(board, two) != null);
      List<String> before = cardIds(board, "waiting");

      own.close();
      eventually().until(() -> !"online".equals(board.getAttribute("#connection", "data-state")));
      own = TestNode.start(redis, Map.of("server.port", port));

      // the session died with the node; the board says hello with its token and backs off
      BoardBrowser.awaitOnline(board);
      eventually().until(() -> cardIds(board, "waiting").equals(before));
      assertThat(card(board, one).get("status")).isEqualTo("Queued");
      String three = raise(agent(own), null, false, "After the restart");
      eventually().until(() -> card(board, three) != null);
    } finally {
      own.close();
    }
  }

  @Test
  void clocksTurnAmberNearTheTargetAndRedPastItInEitherLanguage() {
    String me = TestFloor.freshSpecialist();
    WsClient oldest = agent(node);
    String late = raise(oldest, "technical", true, "Customer's router reboots every 5 minutes");
    Page board = browser.signedInBoard(node, me);
    String warn = raise(agent(node), "billing", false, "Double charge on the March invoice");
    WsClient colleague = specialist(node, TestFloor.freshSpecialist());
    colleague.ack("claim", "requestId", raise(agent(node), "billing", false, null));
    WsClient mine = agent(node);
    String mineId = raise(mine, "policy", false, "Can we waive the early-termination fee?");
    eventually().until(() -> card(board, mineId) != null);
    board.click(".card[data-id=\"" + mineId + "\"] [data-action=claim]");
    eventually().until(() -> board.isVisible("#mine-work"));
    mine.ack("say", "requestId", mineId, "text", "Customer has been with us for 9 years");
    board.fill("[data-form=say] input[name=text]", "Yes, once: use code LOYAL-9");
    board.press("[data-form=say] input[name=text]", "Enter");

    // the service-level target is 30 s: amber from 20 s, red past 30 s
    eventually()
        .atMost(Duration.ofSeconds(45))
        .until(() -> "late".equals(board.getAttribute(cardSelector(late), "data-level")));
    String fresh = raise(agent(node), null, false, null);
    eventually().until(() -> card(board, fresh) != null);
    assertThat(board.getAttribute(cardSelector(warn), "data-level")).isEqualTo("warn");
    assertThat(board.getAttribute(cardSelector(fresh), "data-level")).isEqualTo("ok");
    assertThat(board.textContent("#waiting-title")).contains("Waiting");
    screenshot(board, "board-en.png");

    board.selectOption("#lang", "zh-CN");
    assertThat(board.textContent("#waiting-title")).contains("等待中");
    assertThat((String) card(board, mineId).get("status")).startsWith("您已认领");
    screenshot(board, "board-zh.png");
    board.selectOption("#lang", "en");
    board.click("[data-form=resolve] button[type=submit]");
    mine.awaitRequest(mineId, r -> "RESOLVED".equals(r.get("state").stringValue()));
  }

  @Test
  void managerWatchesTheSameBoardWithoutClaiming() {
    Page board = browser.signedInBoard(node, "manager");
    String id = raise(agent(node), "billing", false, null);
    eventually().until(() -> card(board, id) != null);

    assertThat(board.isVisible(cardSelector(id) + " [data-action=claim]")).isFalse();
    assertThat(board.isVisible("#mine")).isFalse();
    assertThat(board.textContent("#banner")).contains("only specialists claim");
  }

  @Test
  void boardFitsAPortraitTabletWithMyWorkAboveTheQueueAndTheFloorBelow() {
    Page board = browser.signedInBoard(node, TestFloor.freshSpecialist(), 768, 1024);
    String id =
        raise(agent(node), "billing", true, "A long note that must wrap on a narrow screen");
    eventually().until(() -> card(board, id) != null);

    Object sideways =
        board.evaluate("() => document.documentElement.scrollWidth > window.innerWidth");
    assertThat(sideways).as("no sideways scrolling").isEqualTo(false);
    double mineTop = top(board, "#mine");
    double queueTop = top(board, "#waiting");
    assertThat(mineTop).isLessThan(queueTop);
    assertThat(top(board, "#floor")).as("the floor comes after the queue").isGreaterThan(queueTop);
    screenshot(board, "board-tablet.png");
  }

  @Test
  void signInSpeaksTheBrowsersLanguageAndSendsEachRoleToItsPage() {
    Browser.NewContextOptions chinese = new Browser.NewContextOptions().setLocale("zh-CN");
    Page page = browser.newPage(chinese);
    String agent = TestFloor.freshAgent();
    page.navigate(node.http("/").toString());
    page.waitForURL(url -> url.contains("/login"));
    assertThat(page.textContent("button[type=submit]")).isEqualTo("登录");

    page.fill("input[name=username]", agent);
    page.fill("input[name=password]", "not the password");
    page.click("button[type=submit]");
    eventually().until(() -> page.isVisible("#message"));
    assertThat(page.textContent("#message")).isEqualTo("用户名或密码不正确。");

    page.fill("input[name=username]", agent);
    page.fill("input[name=password]", "demo");
    page.click("button[type=submit]");
    page.waitForURL(url -> url.endsWith("/widget/demo.html"));
  }

  /** Where an element starts, in pixels from the top of the page. */
  private static double top(Page page, String selector) {
    return ((Number)
            page.evaluate("s => document.querySelector(s).getBoundingClientRect().top", selector))
        .doubleValue();
  }

  private static String cardSelector(String requestId) {
    return ".card[data-id=\"" + requestId + "\"]";
  }

  /**
   * Pictures for docs/specialist-guide.md; -Dhandup.board.screenshots=../docs/images renews them.
   */
  private static void screenshot(Page page, String name) {
    Path dir = Path.of(System.getProperty("handup.board.screenshots", "target/screenshots"));
    page.screenshot(new Page.ScreenshotOptions().setPath(dir.resolve(name)).setFullPage(true));
  }

  private WsClient agent(TestNode on) {
    String agent = TestFloor.freshAgent();
    WsClient client = WsClient.signedIn(on, new Api(on).token(agent));
    agents.put(client, agent);
    cleanUp.add(client);
    return client;
  }

  private WsClient specialist(TestNode on, String username) {
    WsClient client = WsClient.signedIn(on, new Api(on).token(username));
    cleanUp.add(client);
    return client;
  }

  /** The agent's display name, as the welcome frame gave it. */
  private static String agent(WsClient agent) {
    return agent.awaitFrame(f -> "welcome".equals(WsClient.type(f))).at("/user/name").stringValue();
  }

  private String raise(WsClient agent, String topic, boolean urgent, String note) {
    List<Object> fields =
        new ArrayList<>(List.of("clientKey", UUID.randomUUID().toString(), "urgent", urgent));
    if (topic != null) {
      fields.addAll(List.of("topic", topic));
    }
    if (note != null) {
      fields.addAll(List.of("note", note));
    }
    String id = agent.ack("raise", fields.toArray()).get("request").get("id").stringValue();
    raisedBy.put(id, agents.get(agent));
    return id;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}

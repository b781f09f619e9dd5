package io.handup.widget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.AriaRole;
import com.sun.net.httpserver.HttpServer;
import io.handup.testing.Api;
import io.handup.testing.Chromium;
import io.handup.testing.TestFloor;
import io.handup.testing.TestNode;
import io.handup.testing.WsClient;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The agent widget in a real headless Chromium against real nodes: the demo page, a CRM page on
 * another origin, a server that goes away and comes back, and Chinese.
 */
class WidgetIT {

  // set to ../docs/images to refresh the screenshots of docs/agent-guide.md
  private static final Path SCREENSHOTS =
      Paths.get(System.getProperty("handup.screenshots", "target/screenshots"));

  private static Playwright playwright;
  private static Browser browser;
  private static HttpServer crm;

  private final TestNode node = TestFloor.nodeA();
  private final Api api = new Api(node);
  private BrowserContext context;
  private Page page;

  @BeforeAll
  static void launchBrowserAndCrm() throws IOException {
    playwright = Chromium.playwright();
    browser = Chromium.launch(playwright);
    crm = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    crm.createContext("/crm.html", WidgetIT::crmPage);
    crm.createContext("/widget/", WidgetIT::widgetFile);
    crm.start();
  }

  @AfterAll
  static void closeBrowserAndCrm() {
    crm.stop(0);
    browser.close();
    playwright.close();
  }

  @BeforeEach
  void openPage() {
    context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1000, 720));
    page = context.newPage();
  }

  @AfterEach
  void closePage() {
    context.close();
  }

  @Test
  void agentAsksWithOneClickSeesWhereTheSpecialistSitsChatsRatesAndFlagsTheAnswer() {
    String agentId = TestFloor.freshAgent();
    String specialistId = TestFloor.freshSpecialist();
    // the demo floor seats spec-N at C-(10+N)
    String seat = "C-" + (10 + Integer.parseInt(specialistId.substring("spec-".length())));
    try (WsClient specialist = WsClient.signedIn(node, api.token(specialistId))) {
      page.navigate(node.http("/widget/demo.html").toString());
      page.getByLabel("User name").fill(agentId);
      page.getByLabel("Password").fill("demo");
      page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();

      button("Need help").click();

      JsonNode raised =
          specialist.awaitFrame(
              f ->
                  "request".equals(WsClient.type(f))
                      && agentId.equals(f.path("request").path("agentId").asString("")));
      String id = raised.get("request").get("id").stringValue();
      // the dispatcher may already be offering it to a specialist
      waitUntil().untilAsserted(() -> assertThat(widgetText()).containsAnyOf("Waiting", "Offered"));
      button("Billing").click();
      specialist.awaitRequest(id, r -> "billing".equals(r.path("topic").asString("")));
      shoot("widget-waiting.png");

      String name =
          specialist
              .ack("claim", "requestId", id)
              .get("request")
              .get("specialistName")
              .stringValue();
      waitUntil()
          .untilAsserted(
              () -> assertThat(widgetText()).contains(name + " is on the way — seat " + seat));
      specialist.ack("say", "requestId", id, "text", "Refund one day pass from the billing tab");
      waitUntil()
          .untilAsserted(
              () ->
                  assertThat(widgetText())
                      .contains(name)
                      .contains("Refund one day pass from the billing tab"));
      page.locator("handup-button input[name=text]").fill("Thanks, doing it now");
      button("Send").click();
      specialist.awaitFrame(
          f ->
              "said".equals(WsClient.type(f))
                  && "Thanks, doing it now".equals(f.path("text").asString("")));
      shoot("widget-claimed.png");
      page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("widget-demo.png")));

      specialist.ack("resolve", "requestId", id, "outcome", "ANSWERED");
      button("Rate 4").waitFor();
      shoot("widget-rating.png");
      button("Rate 4").click();

      String manager = api.token("manager");
      waitUntil()
          .untilAsserted(
              () ->
                  assertThat(api.get("/api/requests/" + id, manager).json().path("score").asInt())
                      .isEqualTo(4));
      waitUntil().untilAsserted(() -> assertThat(widgetText()).contains("Thanks for rating"));

      // later that day the answer turns out wrong
      page.locator("handup-button summary").click();
      button("Turned out wrong").click();
      page.getByLabel("What was wrong? (optional)").fill("The day pass is refunded by roaming");
      button("Send flag").click();
      waitUntil().untilAsserted(() -> assertThat(widgetText()).contains("Flagged as wrong"));
      assertThat(api.get("/api/requests/" + id, manager).json().path("flagReason").asString(""))
          .isEqualTo("The day pass is refunded by roaming");
    }
  }

  @Test
  void clickWhileTheServerIsDownSurvivesAReloadAndArrivesOnceWhenItIsBack() {
    // a node of its own that really stops and starts again on the same port; the CRM page is on
    // another origin, gets its token the way an integration does (the API key), and serves the
    // widget's script itself, so the page can reload while the node is down
    TestNode own = TestNode.start(TestFloor.redis().uri().toString(), Map.of());
    int port = own.port();
    String agentId = TestFloor.freshAgent();
    page.navigate(crmUrl(port, mintedToken(own, agentId), null) + "&script=crm");
    waitUntil().untilAsserted(() -> assertThat(connection()).isEqualTo("online"));

    own.close();
    waitUntil().untilAsserted(() -> assertThat(connection()).isEqualTo("offline"));
    button("Need help").click();
    waitUntil().untilAsserted(() -> assertThat(widgetText()).contains("will be sent"));

    page.reload();
    waitUntil().untilAsserted(() -> assertThat(connection()).isEqualTo("offline"));
    assertThat(widgetText()).contains("will be sent");
    assertThat(page.evaluate("Object.keys(localStorage).join()").toString())
        .contains("handup:pending");

    try (TestNode back =
        TestNode.start(TestFloor.redis().uri().toString(), Map.of("server.port", port))) {
      waitUntil(Duration.ofSeconds(60))
          .untilAsserted(() -> assertThat(widgetText()).contains("Waiting for a specialist"));
      Api backApi = new Api(back);
      String manager = backApi.token("manager");
      List<JsonNode> open =
          StreamSupport.stream(
                  backApi.get("/api/requests?state=open", manager).json().spliterator(), false)
              .filter(r -> agentId.equals(r.path("agentId").asString("")))
              .toList();
      assertThat(open).hasSize(1);
      assertThat(page.evaluate("Object.keys(localStorage).join()").toString())
          .doesNotContain("handup:pending");
      assertThat(widgetText()).contains("Today (1)");
      button("Cancel").click();
      waitUntil().untilAsserted(() -> assertThat(button("Need help").isVisible()).isTrue());
    }
  }

  @Test
  void widgetTheAgentSignedInToRenewsItsOwnTokenBeforeItExpires() {
    // tokens of 5 min 5 s: the widget renews five minutes before the end, so after about 5 s
    try (TestNode shortLived =
        TestNode.start(
            TestFloor.redis().uri().toString(), Map.of("handup.security.token-ttl", "305s"))) {
      page.navigate(shortLived.http("/widget/demo.html").toString());
      page.getByLabel("User name").fill(TestFloor.freshAgent());
      page.getByLabel("Password").fill("demo");
      page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
      waitUntil().until(() -> storedToken() != null);
      String first = storedToken();

      waitUntil(Duration.ofSeconds(30)).until(() -> !first.equals(storedToken()));

      String renewed = storedToken();
      assertThat(new Api(shortLived).get("/api/requests", renewed).status()).isEqualTo(200);
      assertThat(connection()).isEqualTo("online");
    }
  }

  /** The token the widget keeps for this tab after the agent signed in to it. */
  private String storedToken() {
    Object token =
        page.evaluate(
            "() => { const k = Object.keys(sessionStorage).find(k => k.startsWith('handup:token:'));"
                + " return k ? JSON.parse(sessionStorage.getItem(k))?.token ?? null : null; }");
    return (String) token;
  }

  @Test
  void chineseWidgetSpeaksChinese() {
    String agentId = TestFloor.freshAgent();
    page.navigate(node.http("/widget/demo.html?lang=zh-CN&token=" + api.token(agentId)).toString());

    button("求助").click();

    waitUntil().untilAsserted(() -> assertThat(widgetText()).contains("正在等待支持专员"));
    shoot("widget-zh-CN.png");
    button("撤回").click();
    waitUntil().untilAsserted(() -> assertThat(button("求助").isVisible()).isTrue());
  }

  @Test
  void agentFindsTheAnswerWhileWaitingAndWithdrawsTheRequestAsSelfServed() {
    // a word no other test's entry has, beside the Chinese of the question
    String code = "tarif" + UUID.randomUUID().toString().substring(0, 6).replace('-', 'x');
    Api.Response saved =
        api.post(
            "/api/knowledge",
            api.mint(TestFloor.freshSpecialist()),
            Map.of(
                "topic",
                "billing",
                "question",
                "停电补偿怎么申请？" + code,
                "answer",
                "Outage credit: Billing > Adjustments > Outage, one per month."));
    assertThat(saved.status()).as(saved.body()).isEqualTo(201);
    String entryId = saved.json().get("id").stringValue();
    String agentId = TestFloor.freshAgent();
    String token = api.token(agentId);
    page.navigate(node.http("/widget/demo.html?lang=en&token=" + token).toString());

    button("Need help").click();

    Locator search = page.getByLabel("Search answers");
    waitUntil().untilAsserted(() -> assertThat(search.isVisible()).isTrue());
    String requestId =
        page.evaluate("document.querySelector('handup-button').request.id").toString();
    search.fill("停电 " + code);
    Locator question = page.locator("handup-answers summary");
    waitUntil()
        .untilAsserted(() -> assertThat(question.allInnerTexts()).contains("停电补偿怎么申请？" + code));
    question.filter(new Locator.FilterOptions().setHasText(code)).click();
    waitUntil()
        .untilAsserted(
            () ->
                assertThat(page.locator("handup-answers .answer").allInnerTexts())
                    .anySatisfy(answer -> assertThat(answer).contains("Outage credit")));
    shoot("widget-answers.png");
    button("This answers it — withdraw my request").click();

    waitUntil().untilAsserted(() -> assertThat(button("Need help").isVisible()).isTrue());
    JsonNode request = api.get("/api/requests/" + requestId, token).json();
    assertThat(request.get("state").stringValue()).isEqualTo("CANCELLED");
    assertThat(request.get("cancelReason").stringValue()).isEqualTo("self_served");
    assertThat(request.get("entryId").stringValue()).isEqualTo(entryId);
  }

  @Test
  void widgetOnAnotherOriginWorksWhenThatOriginIsAllowed() {
    String agentId = TestFloor.freshAgent();
    page.navigate(crmUrl(node.port(), mintedToken(node, agentId), "en"));

    waitUntil().untilAsserted(() -> assertThat(connection()).isEqualTo("online"));
    assertThat(page.evaluate("location.origin").toString()).isNotEqualTo(originOf(node));
    assertThat(widgetText()).contains("Need help");
  }

  @Test
  void widgetOnAnUnlistedOriginIsRefusedTheSocket() {
    try (TestNode narrow =
        TestNode.start(
            TestFloor.redis().uri().toString(),
            Map.of("handup.allowed-origins", "http://localhost:[*]"))) {
      String agentId = TestFloor.freshAgent();
      // the CRM page is served from 127.0.0.1, which this node does not list
      page.navigate(crmUrl(narrow.port(), mintedToken(narrow, agentId), "en"));

      waitUntil().untilAsserted(() -> assertThat(connection()).isEqualTo("offline"));
      assertThat(connection()).isNotEqualTo("online");
      assertThatThrownBy(
              () -> WsClient.openFrom(narrow, "http://127.0.0.1:" + crm.getAddress().getPort()))
          .as("the handshake itself is refused")
          .isNotNull();
    }
  }

  private Locator button(String name) {
    return page.getByRole(
        AriaRole.BUTTON, new Page.GetByRoleOptions().setName(name).setExact(true));
  }

  private String widgetText() {
    return page.locator("handup-button .card").innerText();
  }

  private String connection() {
    return page.locator("handup-button .conn").getAttribute("data-status");
  }

  private void shoot(String file) {
    page.locator("handup-button")
        .screenshot(new Locator.ScreenshotOptions().setPath(SCREENSHOTS.resolve(file)));
  }

  /** Playwright is single-threaded, so conditions are polled on the test's own thread. */
  private static ConditionFactory waitUntil() {
    return waitUntil(Duration.ofSeconds(15));
  }

  private static ConditionFactory waitUntil(Duration patience) {
    return await().atMost(patience).pollInSameThread().pollInterval(Duration.ofMillis(100));
  }

  private static String mintedToken(TestNode target, String username) {
    Api.Response minted =
        new Api(target)
            .postRaw(
                "/api/auth/token",
                "ApiKey " + TestFloor.API_KEY,
                Api.JSON.writeValueAsString(Map.of("username", username)));
    assertThat(minted.status()).isEqualTo(200);
    return minted.json().get("token").stringValue();
  }

  private static String originOf(TestNode target) {
    return "http://127.0.0.1:" + target.port();
  }

  /** The CRM page, on 127.0.0.1 but a port of its own: another origin than any node. */
  private static String crmUrl(int serverPort, String token, String lang) {
    return "http://127.0.0.1:"
        + crm.getAddress().getPort()
        + "/crm.html?server=http://localhost:"
        + serverPort
        + "&token="
        + token
        + (lang == null ? "" : "&lang=" + lang);
  }

  /** A host page as an integrator writes it: the script tag and the element, nothing else. */
  private static void crmPage(com.sun.net.httpserver.HttpExchange exchange) throws IOException {
    Map<String, String> q = query(exchange.getRequestURI().getRawQuery());
    String html =
        """
        <!doctype html><html><head><meta charset="utf-8"><title>CRM</title>
        <script type="module" src="%s/widget/handup-button.js"></script></head>
        <body><h1>Case 1234</h1><div style="width:320px">
        <handup-button server="%s" token="%s" %s></handup-button></div></body></html>
        """
            .formatted(
                "crm".equals(q.get("script")) ? "" : q.get("server"),
                q.get("server"),
                q.get("token"),
                q.containsKey("lang") ? "lang=\"" + q.get("lang") + "\"" : "");
    byte[] body = html.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
    exchange.sendResponseHeaders(200, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The widget's files, as a CRM that hosts its own copy serves them. */
  private static void widgetFile(com.sun.net.httpserver.HttpExchange exchange) throws IOException {
    String name = exchange.getRequestURI().getPath().substring("/widget/".length());
    try (var in =
        WidgetIT.class.getClassLoader().getResourceAsStream("META-INF/resources/widget/" + name)) {
      byte[] body = in == null ? new byte[0] : in.readAllBytes();
      exchange.getResponseHeaders().add("Content-Type", "text/javascript; charset=utf-8");
      exchange.sendResponseHeaders(in == null ? 404 : 200, in == null ? -1 : body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  private static Map<String, String> query(String raw) {
    return java.util.Arrays.stream(raw.split("&"))
        .map(p -> p.split("=", 2))
        .collect(
            java.util.stream.Collectors.toMap(
                p -> p[0], p -> java.net.URLDecoder.decode(p[1], StandardCharsets.UTF_8)));
  }
}

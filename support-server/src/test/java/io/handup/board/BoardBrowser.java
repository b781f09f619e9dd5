package io.handup.board;

import static org.awaitility.Awaitility.await;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import io.handup.testing.Chromium;
import io.handup.testing.TestNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.awaitility.core.ConditionFactory;

/**
 * Debian's headless Chromium driven by Playwright, and the board as a specialist sees it. One
 * browser per test class; each person gets a context of their own (their own cookies, as on two
 * machines).
 */
final class BoardBrowser implements AutoCloseable {

  private final Playwright playwright;
  private final Browser browser;
  private final List<BrowserContext> contexts = new ArrayList<>();

  BoardBrowser() {
    playwright = Chromium.playwright();
    browser = Chromium.launch(playwright);
  }

  /** Playwright objects belong to the thread that made them, so waits poll on this thread. */
  static ConditionFactory eventually() {
    return await()
        .pollInSameThread()
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(100));
  }

  /** A fresh browser profile, signed in on the login page, with the board live. */
  Page signedInBoard(TestNode node, String username) {
    return signedInBoard(node, username, 1280, 900);
  }

  /** The same on a screen of the given size, such as a tablet's. */
  Page signedInBoard(TestNode node, String username, int width, int height) {
    BrowserContext context =
        browser.newContext(
            new Browser.NewContextOptions().setLocale("en-US").setViewportSize(width, height));
    contexts.add(context);
    context.setDefaultTimeout(10_000);
    Page page = context.newPage();
    // the page's own complaints end up next to the test's output
    page.onConsoleMessage(m -> System.out.println("[" + username + " console] " + m.text()));
    page.onPageError(e -> System.out.println("[" + username + " page error] " + e));
    page.navigate(node.http("/login").toString());
    page.fill("input[name=username]", username);
    page.fill("input[name=password]", "demo");
    page.click("button[type=submit]");
    page.waitForURL(url -> !url.contains("/login"));
    // a manager lands on the dashboard; the board is one click away
    if (!page.url().endsWith("/board")) {
      page.navigate(node.http("/board").toString());
    }
    awaitOnline(page);
    return page;
  }

  /** A page in a fresh browser profile, not signed in. */
  Page newPage(Browser.NewContextOptions options) {
    BrowserContext context = browser.newContext(options);
    contexts.add(context);
    context.setDefaultTimeout(10_000);
    return context.newPage();
  }

  static void awaitOnline(Page page) {
    eventually()
        .until(
            () ->
                "online".equals(page.getAttribute("#connection", "data-state"))
                    && !page.textContent("#me-name").isBlank());
  }

  /** What a card shows, or null when there is no card for the request. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> card(Page page, String requestId) {
    return (Map<String, Object>)
        page.evaluate(
            "id => { const c = document.querySelector(`.card[data-id=\"${id}\"]`);"
                + " if (!c) return null;"
                + " return { state: c.dataset.state, mine: c.dataset.mine,"
                + "   list: c.parentElement && c.parentElement.id,"
                + "   status: c.querySelector('[data-part=state]').textContent,"
                + "   error: c.querySelector('[data-part=error]').textContent,"
                + "   clock: c.querySelector('[data-part=clock]').textContent }; }",
            requestId);
  }

  /** The ids of the cards in a list ("waiting" or "claimed"), top to bottom. */
  @SuppressWarnings("unchecked")
  static List<String> cardIds(Page page, String list) {
    return (List<String>)
        page.evaluate(
            "list => [...document.querySelectorAll(`#${list} .card`)].map(c => c.dataset.id)",
            list);
  }

  /** Closes every page opened so far: their specialists go offline for the next test. */
  void closePages() {
    contexts.forEach(BrowserContext::close);
    contexts.clear();
  }

  @Override
  public void close() {
    browser.close();
    playwright.close();
  }
}

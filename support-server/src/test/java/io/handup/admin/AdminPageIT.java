package io.handup.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import io.handup.directory.Directory;
import io.handup.testing.Chromium;
import io.handup.testing.TestFloor;
import io.handup.testing.TestNode;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The admin page in Debian's headless Chromium, as an administrator uses it. */
class AdminPageIT {

  // set to ../docs/images to refresh the screenshots of docs/admin-guide.md
  private static final Path SCREENSHOTS =
      Paths.get(System.getProperty("handup.screenshots", "target/screenshots"));

  private static Playwright playwright;
  private static Browser browser;
  private final TestNode node = TestFloor.nodeA();

  @BeforeAll
  static void launch() {
    playwright = Chromium.playwright();
    browser = Chromium.launch(playwright);
  }

  @AfterAll
  static void close() {
    if (browser != null) {
      browser.close();
    }
    if (playwright != null) {
      playwright.close();
    }
  }

  @Test
  void adminSignsInCreatesAUserEditsTheirSkillsAndSeesBothInTheAudit() {
    String floor = AdminClient.unique("page");
    String id = AdminClient.unique("spec");
    Page page = signedIn("en-US");

    page.click("#user-new");
    page.fill("#user-form input[name=id]", id);
    page.fill("#user-form input[name=name]", "Page Specialist");
    page.check("#user-form input[name=roles][value=SPECIALIST]");
    page.fill("#user-form input[name=floor]", floor);
    page.fill("#user-form input[name=seat]", "C-77");
    page.fill("#user-form input[name=skills]", "billing");
    page.click("#user-form button[type=submit]");
    eventually().until(() -> page.locator("#user-table tr[data-id='" + id + "']").count() == 1);

    page.click("#user-table tr[data-id='" + id + "'] button[data-action=edit]");
    page.fill("#user-form input[name=skills]", "billing; technical");
    page.click("#user-form button[type=submit]");
    eventually()
        .until(
            () ->
                page.textContent("#user-table tr[data-id='" + id + "'] td.skills")
                    .equals("billing; technical"));

    assertThat(node.bean(Directory.class).find(id).orElseThrow().skills())
        .containsExactlyInAnyOrder("billing", "technical");
    eventually()
        .until(
            () ->
                page.locator("#audit-table tr[data-action='user.update'][data-target='" + id + "']")
                        .count()
                    == 1);
    assertThat(
            page.textContent(
                "#audit-table tr[data-action='user.update'][data-target='" + id + "']"))
        .contains("admin", "skills: billing → billing;technical");
    assertThat(
            page.locator("#audit-table tr[data-action='user.create'][data-target='" + id + "']")
                .count())
        .isEqualTo(1);
    assertThat(page.locator("#audit-table tr[data-action='sign-in'][data-target='admin']").count())
        .isPositive();
    page.fill("#user-filter", "Page Specialist");
    page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("admin-users.png")));
    page.fill("#user-filter", "");
  }

  @Test
  void aBadRosterShowsEveryLineAndTheChineseLabels() throws Exception {
    Page page = signedIn("zh-CN");
    Path file = Paths.get("target", AdminClient.unique("roster") + ".csv");
    java.nio.file.Files.writeString(
        file,
        "id,name,roles,managerId,team,seat,floor,skills\r\n"
            + "x1,X,AGENT,nobody,,,f,\r\n"
            + "x2,Y,BOSS,,,,f,\r\n");

    page.setInputFiles("#roster-file", file);
    page.click("#roster-form button[type=submit]");
    eventually().until(() -> page.locator("#roster-errors tbody tr").count() == 2);

    assertThat(page.textContent("#roster-result")).startsWith("未导入任何内容");
    assertThat(page.textContent("#roster-errors tbody tr:nth-child(1)")).contains("2", "nobody");
    assertThat(page.textContent("#roster-errors tbody tr:nth-child(2)")).contains("3", "BOSS");
    assertThat(page.textContent("#users h2")).isEqualTo("用户");
    page.locator("#roster").scrollIntoViewIfNeeded();
    page.screenshot(
        new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("admin-roster-zh-CN.png")));
  }

  private Page signedIn(String locale) {
    BrowserContext context =
        browser.newContext(
            new Browser.NewContextOptions().setLocale(locale).setViewportSize(1280, 900));
    context.setDefaultTimeout(10_000);
    Page page = context.newPage();
    page.onPageError(e -> System.out.println("[admin page error] " + e));
    page.navigate(node.http("/login").toString());
    page.fill("input[name=username]", "admin");
    page.fill("input[name=password]", "demo");
    page.click("button[type=submit]");
    page.waitForURL(url -> url.endsWith("/admin"));
    eventually().until(() -> "true".equals(page.getAttribute("body", "data-ready")));
    return page;
  }

  private static ConditionFactory eventually() {
    return await()
        .pollInSameThread()
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(100));
  }
}

package io.handup.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import io.handup.directory.Directory;
import io.handup.directory.Role;
import io.handup.directory.User;
import io.handup.testing.Api;
import io.handup.testing.Chromium;
import io.handup.testing.LocalIdp;
import io.handup.testing.TestFloor;
import io.handup.testing.TestNode;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Single sign-on in Debian's headless Chromium against a real OpenID provider (Spring Authorization
 * Server, {@link LocalIdp}), with the people of a floor of this test's own.
 */
class SingleSignOnIT {

  private static final String FLOOR = "sso-" + UUID.randomUUID().toString().substring(0, 8);

  private static LocalIdp idp;
  private static TestNode node;
  private static Playwright playwright;
  private static Browser browser;

  @BeforeAll
  static void start() {
    idp = LocalIdp.start();
    Map<String, Object> properties = new HashMap<>(idp.clientProperties());
    properties.put("handup.sso.roles-claim", "groups");
    properties.put("handup.sso.role-mapping.floor-specialists", "SPECIALIST");
    properties.put("handup.sso.role-mapping.floor-managers", "MANAGER");
    node = TestNode.start(TestFloor.redis().uri().toString(), properties);
    idp.allow("http://127.0.0.1:" + node.port());
    playwright = Chromium.playwright();
    browser = Chromium.launch(playwright);
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.close();
    }
    if (playwright != null) {
      playwright.close();
    }
    if (node != null) {
      node.close();
    }
    if (idp != null) {
      idp.close();
    }
  }

  @Test
  void specialistSignsInWithTheCompanyAccountAndLandsOnTheirBoard() {
    User specialist = person("Sso Specialist", Set.of(Role.SPECIALIST), null);
    idp.add(specialist.id(), Map.of("groups", List.of("floor-specialists", "everyone")));
    Page page = newPage("en-US");

    page.navigate(node.http("/login").toString());
    assertThat(page.textContent("#sso-start")).isEqualTo("Sign in with your company account");
    page.click("#sso-start");
    signInAtProvider(page, specialist.id());

    page.waitForURL(url -> url.endsWith("/board"));
    eventually()
        .until(
            () ->
                "online".equals(page.getAttribute("#connection", "data-state"))
                    && "Sso Specialist".equals(page.textContent("#me-name")));
    JsonNode session =
        Api.JSON.readTree(page.request().get(node.http("/board/session").toString()).text());
    assertThat(session.get("user").get("id").stringValue()).isEqualTo(specialist.id());
    assertThat(session.get("token").stringValue()).isNotBlank();
    assertThat(auditLines(specialist.id()))
        .anySatisfy(
            line -> {
              assertThat(line.get("action").stringValue()).isEqualTo("sign-in");
              assertThat(line.get("detail").stringValue()).isEqualTo("oidc");
            });
  }

  @Test
  void unknownCompanyAccountIsRefusedWithAClearMessageInTheUsersLanguage() {
    String stranger = "stranger-" + UUID.randomUUID().toString().substring(0, 8);
    idp.add(stranger, Map.of("groups", List.of("floor-specialists")));
    Page page = newPage("zh-CN");

    page.navigate(node.http("/login").toString());
    page.click("#sso-start");
    signInAtProvider(page, stranger);

    page.waitForURL(url -> url.contains("/login?error&sso=unknown"));
    eventually().until(() -> page.isVisible("#message"));
    assertThat(page.textContent("#message")).isEqualTo("您的公司账号不在 Handup 中，请联系管理员添加。");
    assertThat(page.content()).doesNotContain("Exception", "at io.handup");
    assertThat(auditLines(stranger))
        .anySatisfy(
            line -> {
              assertThat(line.get("action").stringValue()).isEqualTo("sign-in.failed");
              assertThat(line.get("detail").stringValue()).startsWith("oidc: No user " + stranger);
            });
    // nobody is signed in: the pages still send the browser to the sign-in page
    page.navigate(node.http("/board").toString());
    assertThat(page.url()).contains("/login");
  }

  @Test
  void companyGroupsReplaceTheDirectoryRolesAndTheAuditSaysWhoChangedThem() {
    User agent = person("Sso Agent", Set.of(Role.AGENT), null);
    idp.add(agent.id(), Map.of("groups", List.of("floor-managers", "not-mapped")));
    Page page = newPage("en-US");

    page.navigate(node.http("/login").toString());
    page.click("#sso-start");
    signInAtProvider(page, agent.id());

    page.waitForURL(url -> url.endsWith("/dashboard"));
    assertThat(node.bean(Directory.class).find(agent.id()).orElseThrow().roles())
        .containsExactly(Role.MANAGER);
    assertThat(auditLines(agent.id()))
        .anySatisfy(
            line -> {
              assertThat(line.get("actor").stringValue()).isEqualTo("sso");
              assertThat(line.get("action").stringValue()).isEqualTo("user.update");
              assertThat(line.get("detail").stringValue())
                  .isEqualTo("roles: AGENT → MANAGER (from the groups claim)");
            });
  }

  @Test
  void accountWithoutAMappedGroupIsRefusedAndKeepsItsRoles() {
    User agent = person("Sso Groupless", Set.of(Role.AGENT), null);
    idp.add(agent.id(), Map.of("groups", List.of("not-mapped")));
    Page page = newPage("en-US");

    page.navigate(node.http("/login").toString());
    page.click("#sso-start");
    signInAtProvider(page, agent.id());

    page.waitForURL(url -> url.contains("sso=no-role"));
    eventually().until(() -> page.isVisible("#message"));
    assertThat(page.textContent("#message"))
        .isEqualTo("Your company account has no Handup role. Ask your administrator for one.");
    assertThat(node.bean(Directory.class).find(agent.id()).orElseThrow().roles())
        .containsExactly(Role.AGENT);
  }

  @Test
  void verifiedEmailMatchesAUserWhoseIdTheProviderDoesNotKnow() {
    String email = "sso-" + UUID.randomUUID().toString().substring(0, 8) + "@corp.example";
    User specialist = person("Sso Mailed", Set.of(Role.SPECIALIST), email);
    String companyName = "c" + UUID.randomUUID().toString().substring(0, 8);
    idp.add(
        companyName,
        Map.of(
            "email", email.toUpperCase(java.util.Locale.ROOT),
            "email_verified", true,
            "groups", List.of("floor-specialists")));
    Page page = newPage("en-US");

    page.navigate(node.http("/login").toString());
    page.click("#sso-start");
    signInAtProvider(page, companyName);

    page.waitForURL(url -> url.endsWith("/board"));
    eventually().until(() -> "Sso Mailed".equals(page.textContent("#me-name")));
    assertThat(auditLines(specialist.id()))
        .anySatisfy(line -> assertThat(line.get("action").stringValue()).isEqualTo("sign-in"));
  }

  @Test
  void disabledUserIsRefused() {
    User agent = person("Sso Disabled", Set.of(Role.SPECIALIST), null);
    node.bean(Directory.class).setDisabled(agent.id(), true);
    idp.add(agent.id(), Map.of("groups", List.of("floor-specialists")));
    Page page = newPage("en-US");

    page.navigate(node.http("/login").toString());
    page.click("#sso-start");
    signInAtProvider(page, agent.id());

    page.waitForURL(url -> url.contains("sso=disabled"));
    eventually().until(() -> page.isVisible("#message"));
    assertThat(page.textContent("#message"))
        .isEqualTo("Your Handup account is disabled. Ask your administrator.");
  }

  @Test
  void withoutSingleSignOnTheSignInPageHasNoCompanyButton() {
    Page page = newPage("en-US");

    page.navigate(TestFloor.nodeA().http("/login").toString());

    assertThat(page.isVisible("input[name=password]")).isTrue();
    assertThat(page.isVisible("#sso-start")).isFalse();
    assertThat(page.getAttribute("#sso", "hidden")).isNotNull();
  }

  /** A user of this test's floor, in the directory, with no password. */
  private static User person(String name, Set<Role> roles, String email) {
    String id = "sso-" + UUID.randomUUID().toString().substring(0, 8);
    User user = new User(id, name, roles, null, null, "S-1", FLOOR, Set.of(), email);
    node.bean(Directory.class).saveAll(List.of(user), Map.of());
    return user;
  }

  private static void signInAtProvider(Page page, String username) {
    page.waitForURL(url -> url.startsWith(idp.issuer() + "/login"));
    page.fill("#username", username);
    page.fill("#password", LocalIdp.PASSWORD);
    page.click("button[type=submit]");
  }

  private static List<JsonNode> auditLines(String target) {
    String token = new Api(node).token("admin");
    JsonNode body = new Api(node).get("/api/admin/audit?limit=1000", token).json();
    return StreamSupport.stream(body.get("lines").spliterator(), false)
        .filter(line -> target.equals(line.get("target").stringValue()))
        .toList();
  }

  private Page newPage(String locale) {
    BrowserContext context =
        browser.newContext(
            new Browser.NewContextOptions().setLocale(locale).setViewportSize(1280, 900));
    context.setDefaultTimeout(10_000);
    Page page = context.newPage();
    page.onPageError(e -> System.out.println("[sso page error] " + e));
    return page;
  }

  private static ConditionFactory eventually() {
    return await()
        .pollInSameThread()
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(100));
  }
}

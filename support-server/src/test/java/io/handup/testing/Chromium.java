package io.handup.testing;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;

/**
 * Debian's Chromium, headless, driven by Playwright. Playwright must not fetch a browser of its own
 * (there is no network for it); {@code -Dhandup.chromium} points at another binary.
 */
public final class Chromium {

  private static final String PATH = System.getProperty("handup.chromium", "/usr/bin/chromium");

  // without the background-networking flags Chromium keeps trying hosts this machine cannot reach
  private static final List<String> FLAGS =
      List.of(
          "--no-sandbox",
          "--disable-gpu",
          "--disable-background-networking",
          "--disable-component-update",
          "--disable-sync",
          "--no-first-run");

  private Chromium() {}

  public static Playwright playwright() {
    return Playwright.create(
        new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
  }

  public static Browser launch(Playwright playwright) {
    return playwright
        .chromium()
        .launch(
            new BrowserType.LaunchOptions()
                .setExecutablePath(Paths.get(PATH))
                .setHeadless(true)
                .setArgs(FLAGS));
  }
}

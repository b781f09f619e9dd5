package io.handup.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.handup.testing.Api;
import io.handup.testing.TestFloor;
import io.handup.testing.TestNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The Grafana dashboard and the Prometheus alerts in ops/ query only metrics a node really
 * publishes, so a renamed metric breaks the build rather than a dashboard in production.
 */
class GrafanaDashboardIT {

  private static final Path OPS = Path.of("..", "ops");
  private static final Pattern METRIC = Pattern.compile("\\bhandup_[a-z_]+");

  private final TestNode node = TestFloor.nodeA();
  private final Api api = new Api(node);

  @Test
  void everyMetricTheDashboardQueriesIsOnTheScrape() throws Exception {
    JsonNode dashboard = Api.JSON.readTree(Files.readString(OPS.resolve("grafana/handup.json")));
    Set<String> queried = new TreeSet<>();
    for (JsonNode panel : dashboard.get("panels")) {
      for (JsonNode target : panel.get("targets")) {
        Matcher m = METRIC.matcher(target.get("expr").stringValue());
        while (m.find()) {
          queried.add(m.group());
        }
      }
    }

    String scrape = scrape();

    assertThat(queried)
        .contains("handup_queue_longest_wait_seconds", "handup_request_wait_seconds_bucket");
    for (String metric : queried) {
      assertThat(scrape).as(metric).containsPattern("(?m)^" + metric + "[{ ]");
    }
  }

  @Test
  void everyHandupMetricTheAlertsUseIsOnTheScrape() throws Exception {
    String alerts = Files.readString(OPS.resolve("prometheus/alerts.yml"));
    Set<String> used = new TreeSet<>();
    Matcher m = METRIC.matcher(alerts);
    while (m.find()) {
      used.add(m.group());
    }

    String scrape = scrape();

    assertThat(used).hasSizeGreaterThanOrEqualTo(4);
    for (String metric : used) {
      assertThat(scrape).as(metric).containsPattern("(?m)^" + metric + "[{ ]");
    }
  }

  private String scrape() {
    Api.Response response = api.get("/actuator/prometheus", api.token("manager"));
    assertThat(response.status()).as(response.body()).isEqualTo(200);
    return response.body();
  }
}

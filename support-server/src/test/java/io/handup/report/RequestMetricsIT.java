package io.handup.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.handup.testing.Api;
import io.handup.testing.TestFloor;
import io.handup.testing.TestNode;
import io.handup.testing.WsClient;
import java.time.Duration;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The live metrics a Prometheus server scrapes, on a node of the shared demo floor. */
class RequestMetricsIT {

  private static final Pattern WAIT_COUNT =
      Pattern.compile("(?m)^handup_request_wait_seconds_count(?:\\{[^}]*})? (\\S+)$");

  private final TestNode node = TestFloor.nodeA();
  private final Api api = new Api(node);

  @Test
  void claimIsTimedAsAWaitWithABucketAtTheServiceLevelTarget() {
    String manager = api.token("manager");
    double before = waitCount(scrape(manager));
    String agentId = TestFloor.freshAgent();
    String specialistId = TestFloor.freshSpecialist();
    try (WsClient agent = WsClient.signedIn(node, api.token(agentId));
        WsClient specialist = WsClient.signedIn(node, api.token(specialistId))) {
      String id =
          agent
              .ack("raise", "clientKey", UUID.randomUUID().toString())
              .get("request")
              .get("id")
              .stringValue();
      specialist.ack("claim", "requestId", id);
      specialist.ack("resolve", "requestId", id, "outcome", "ANSWERED");
    }

    String metrics = scrape(manager);

    assertThat(waitCount(metrics)).isEqualTo(before + 1);
    assertThat(metrics)
        .contains("handup_request_wait_seconds_bucket{le=\"30.0\"}")
        .contains("handup_request_handle_seconds_count")
        .contains("handup_requests_raised_total")
        .contains("handup_requests_ended_total{state=\"resolved\"}")
        .contains("handup_requests_resolved_total{outcome=\"answered\"}")
        .as("no tag carries a person")
        .doesNotContain(agentId + "\"")
        .doesNotContain(specialistId + "\"");
    await()
        .atMost(Duration.ofSeconds(15))
        .untilAsserted(
            () ->
                assertThat(scrape(manager))
                    .containsPattern("(?m)^handup_queue_length(\\{[^}]*})? \\d")
                    .containsPattern("(?m)^handup_specialists_available(\\{[^}]*})? \\d"));
  }

  @Test
  void prometheusIsForManagersOnly() {
    assertThat(api.get("/actuator/prometheus", null).status()).isEqualTo(401);
    assertThat(api.get("/actuator/prometheus", api.token(TestFloor.freshAgent())).status())
        .isEqualTo(403);
  }

  private String scrape(String token) {
    Api.Response response = api.get("/actuator/prometheus", token);
    assertThat(response.status()).as(response.body()).isEqualTo(200);
    return response.body();
  }

  private static double waitCount(String metrics) {
    Matcher m = WAIT_COUNT.matcher(metrics);
    return m.find() ? Double.parseDouble(m.group(1)) : 0;
  }
}

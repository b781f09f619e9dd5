package io.handup.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.handup.testing.Api;
import io.handup.testing.TestNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Nothing acknowledged is lost when Redis or the whole service restarts. */
class RedisRestartIT {

  @Test
  void everyAcknowledgedRequestSurvivesRedisBeingKilledAndRestartedFromItsAppendOnlyFile() {
    EmbeddedRedis redis =
        new EmbeddedRedis(
                Path.of("target", "test-redis", "kill-" + UUID.randomUUID()), 0, "everysec")
            .start();
    try (TestNode node = TestNode.start(redis.uri().toString(), Map.of())) {
      Api api = new Api(node);
      List<String> acknowledged = new ArrayList<>();
      for (int i = 1; i <= 40; i++) {
        Api.Response raised =
            api.post(
                "/api/requests",
                api.token("agent-" + i),
                Map.of("clientKey", UUID.randomUUID().toString(), "topic", "billing"));
        assertThat(raised.status()).isEqualTo(200);
        acknowledged.add(raised.json().get("id").stringValue());
      }

      redis.kill();
      redis.start();

      String manager = api.token("manager");
      for (String id : acknowledged) {
        Api.Response found = api.get("/api/requests/" + id, manager);
        assertThat(found.status()).as(id).isEqualTo(200);
        assertThat(found.json().get("state").stringValue()).isEqualTo("QUEUED");
      }
      // the restarted Redis lost its script cache: the next transition loads the script again
      Api.Response cancelled =
          api.post("/api/requests", api.token("agent-41"), Map.of("clientKey", "after-restart"));
      assertThat(cancelled.status()).isEqualTo(200);
    } finally {
      redis.stop();
    }
  }

  @Test
  void embeddedDefaultFindsYesterdaysRequestsOnTheNextStart() {
    Path dir = Path.of("target", "test-redis", "embedded-" + UUID.randomUUID());
    Map<String, Object> embedded =
        Map.of("handup.redis.url", "", "handup.redis.embedded.dir", dir.toString());
    String id;
    try (TestNode first = TestNode.start("", embedded)) {
      Api api = new Api(first);
      id =
          api.post("/api/requests", api.token("agent-1"), Map.of("clientKey", "yesterday"))
              .json()
              .get("id")
              .stringValue();
    }

    try (TestNode second = TestNode.start("", embedded)) {
      Api api = new Api(second);
      Api.Response found = api.get("/api/requests/" + id, api.token("manager"));
      assertThat(found.status()).isEqualTo(200);
      assertThat(found.json().get("agentId").stringValue()).isEqualTo("agent-1");
    }
  }
}

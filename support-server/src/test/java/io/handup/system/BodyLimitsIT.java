package io.handup.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.handup.testing.Api;
import io.handup.testing.TestFloor;
import io.handup.testing.TestNode;
import java.io.ByteArrayInputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class BodyLimitsIT {

  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static TestNode node;
  private static Api api;

  @BeforeAll
  static void node() {
    node = TestFloor.nodeA();
    api = new Api(node);
  }

  @Test
  void aBodyOverTheCapIsRefusedAtTheDoorAndNothingIsRaised() {
    String agent = TestFloor.freshAgent();
    String token = api.mint(agent);

    Api.Response response =
        api.post(
            "/api/requests",
            token,
            Map.of("clientKey", UUID.randomUUID().toString(), "note", "n".repeat(2_000_000)));

    assertThat(response.status()).isEqualTo(413);
    assertThat(response.json().get("code").stringValue()).isEqualTo("too_large");
    assertThat(response.json().get("message").stringValue()).contains("65536 bytes");
    assertThat(api.get("/api/requests?state=open", token).json()).isEmpty();
  }

  @Test
  void aChunkedBodyIsCutOffWhereItPassesTheCap() throws Exception {
    String token = api.mint(TestFloor.freshAgent());
    byte[] body =
        ("{\"clientKey\":\"" + UUID.randomUUID() + "\",\"note\":\"" + "n".repeat(200_000) + "\"}")
            .getBytes(StandardCharsets.UTF_8);
    HttpRequest request =
        HttpRequest.newBuilder(node.http("/api/requests"))
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/json")
            // no length known up front: sent chunked
            .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
            .build();

    HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(Api.JSON.readTree(response.body()).get("code").stringValue()).isEqualTo("too_large");
  }

  @Test
  void anOrdinaryRaiseStillGoesThrough() {
    String token = api.mint(TestFloor.freshAgent());

    Api.Response response =
        api.post(
            "/api/requests",
            token,
            Map.of("clientKey", UUID.randomUUID().toString(), "note", "n".repeat(400)));

    assertThat(response.status()).isBetween(200, 201);
  }

  @Test
  void aRosterFileMayBeFarLargerThanAJsonBody() throws Exception {
    String csv = "id,name\n" + "nobody,Nobody Here\n".repeat(20_000);
    HttpRequest request =
        HttpRequest.newBuilder(node.http("/api/admin/roster.csv"))
            .header("Authorization", "Bearer " + api.mint("admin"))
            .header("Content-Type", "text/csv")
            .POST(HttpRequest.BodyPublishers.ofString(csv))
            .build();

    HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());

    // read and judged on its content (a bad file), not refused for its size
    assertThat(csv.length()).isGreaterThan(300_000);
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).doesNotContain("too_large");
  }
}

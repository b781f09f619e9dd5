package io.handup.admin;

import io.handup.testing.Api;
import io.handup.testing.TestNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The admin API as a script would call it: a bearer token and JSON or CSV bodies. */
final class AdminClient {

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private final TestNode node;
  private final String token;

  AdminClient(TestNode node, String token) {
    this.node = node;
    this.token = token;
  }

  /** The demo floor's {@code admin}, signed in on {@code node}. */
  static AdminClient admin(TestNode node) {
    return new AdminClient(node, new Api(node).token("admin"));
  }

  Api.Response get(String path) {
    return send(request(path).GET());
  }

  Api.Response post(String path, Object body) {
    return send(
        request(path)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(Api.JSON.writeValueAsString(body))));
  }

  Api.Response put(String path, Object body) {
    return send(
        request(path)
            .header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString(Api.JSON.writeValueAsString(body))));
  }

  Api.Response postCsv(String path, String csv) {
    return send(
        request(path)
            .header("Content-Type", "text/csv")
            .POST(HttpRequest.BodyPublishers.ofString(csv)));
  }

  /** Creates a user through the API and fails the test when it is refused. */
  Api.Response createUser(
      String id,
      List<String> roles,
      String floor,
      String managerId,
      List<String> skills,
      String password) {
    Map<String, Object> body = new HashMap<>();
    body.put("id", id);
    body.put("name", "Test " + id);
    body.put("roles", roles);
    body.put("floor", floor);
    body.put("managerId", managerId);
    body.put("skills", skills);
    body.put("seat", "T-1");
    body.put("password", password);
    Api.Response response = post("/api/admin/users", body);
    if (response.status() != 201) {
      throw new AssertionError("User " + id + " not created: " + response.body());
    }
    return response;
  }

  /** Sets live settings, e.g. {@code offerTimeout=97s}; null puts one back to its default. */
  Api.Response settings(String key, String value) {
    Map<String, Object> body = new HashMap<>();
    body.put(key, value);
    return put("/api/admin/settings", body);
  }

  static String unique(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  private HttpRequest.Builder request(String path) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(node.http(path));
    if (token != null) {
      builder.header("Authorization", "Bearer " + token);
    }
    return builder;
  }

  private static Api.Response send(HttpRequest.Builder request) {
    HttpRequest built = request.build();
    try {
      HttpResponse<String> response = HTTP.send(built, HttpResponse.BodyHandlers.ofString());
      return new Api.Response(response.statusCode(), response.body(), built.uri());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}

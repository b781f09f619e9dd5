package io.handup.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A plain HTTP client for a node's API, as an integration would call it. */
public final class Api {

  public static final JsonMapper JSON = JsonMapper.builder().build();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private final Node node;

  public Api(Node node) {
    this.node = node;
  }

  /** A token for a demo user (password {@code demo}). */
  public String token(String username) {
    Response response =
        post("/api/auth/token", null, Map.of("username", username, "password", "demo"));
    if (response.status() != 200) {
      throw new IllegalStateException("No token for " + username + ": " + response.body());
    }
    return response.json().get("token").stringValue();
  }

  /** A token minted with the integration API key, for users that have no password. */
  public String mint(String username) {
    Response response =
        postRaw(
            "/api/auth/token",
            "ApiKey " + TestFloor.API_KEY,
            JSON.writeValueAsString(Map.of("username", username)));
    if (response.status() != 200) {
      throw new IllegalStateException("No token for " + username + ": " + response.body());
    }
    return response.json().get("token").stringValue();
  }

  public Response get(String path, String token) {
    HttpRequest.Builder request = HttpRequest.newBuilder(node.http(path)).GET();
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return send(request.build());
  }

  public Response post(String path, String token, Object body) {
    return postRaw(path, token == null ? null : "Bearer " + token, JSON.writeValueAsString(body));
  }

  public Response put(String path, String token, Object body) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(node.http(path))
            .header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return send(request.build());
  }

  public Response postRaw(String path, String authorization, String body) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(node.http(path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return send(request.build());
  }

  public Response delete(String path, String token) {
    HttpRequest.Builder request = HttpRequest.newBuilder(node.http(path)).DELETE();
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return send(request.build());
  }

  private static Response send(HttpRequest request) {
    try {
      HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
      return new Response(response.statusCode(), response.body(), request.uri());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Status and body of one answer. */
  public record Response(int status, String body, URI uri) {
    public JsonNode json() {
      return JSON.readTree(body);
    }
  }
}

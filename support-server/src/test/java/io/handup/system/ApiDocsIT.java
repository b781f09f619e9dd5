package io.handup.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.handup.testing.Api;
import io.handup.testing.TestFloor;
import io.handup.testing.TestNode;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;

/** The OpenAPI document and Swagger UI, public, listing every HTTP endpoint the node really has. */
class ApiDocsIT {

  private final TestNode node = TestFloor.nodeA();
  private final Api api = new Api(node);

  @Test
  void theOpenApiDocumentListsEveryRealApiPathAndNeedsNoSignIn() {
    Api.Response response = api.get("/v3/api-docs", null);

    assertThat(response.status()).isEqualTo(200);
    JsonNode doc = response.json();
    Set<String> documented = new TreeSet<>(doc.get("paths").propertyNames());
    assertThat(documented).containsAll(realApiPaths());
    assertThat(documented)
        .contains(
            "/api/auth/token",
            "/api/auth/refresh",
            "/api/requests",
            "/api/reports/summary",
            "/api/admin/users",
            "/api/admin/users/{id}",
            "/api/admin/roster.csv",
            "/board/session");
    assertThat(doc.get("components").get("securitySchemes").get("bearer").get("scheme").asString())
        .isEqualTo("bearer");
    assertThat(api.get("/v3/api-docs.yaml", null).body()).contains("/api/auth/token:");
  }

  @Test
  void swaggerUiIsServedAtSwaggerUi() {
    Api.Response entry = api.get("/swagger-ui", null);
    Api.Response page = api.get("/swagger-ui/index.html", null);

    assertThat(entry.status()).isEqualTo(302);
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.body()).containsIgnoringCase("swagger-ui");
  }

  /** What the node's controllers answer under /api/ and the board's JSON, from Spring itself. */
  private Set<String> realApiPaths() {
    RequestMappingHandlerMapping mapping =
        node.context().getBean("requestMappingHandlerMapping", RequestMappingHandlerMapping.class);
    Set<String> paths = new TreeSet<>();
    mapping.getHandlerMethods().keySet().forEach(info -> paths.addAll(info.getPatternValues()));
    paths.removeIf(
        p -> !p.startsWith("/api/") && !List.of("/board/session", "/board/today").contains(p));
    assertThat(paths).hasSizeGreaterThan(20);
    return paths;
  }
}

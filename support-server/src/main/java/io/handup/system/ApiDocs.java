package io.handup.system;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document of the HTTP API ({@code /v3/api-docs}, shown at {@code /swagger-ui}), built
 * by springdoc from the controllers. The WebSocket protocol is not HTTP: {@code docs/asyncapi.yaml}
 * describes it.
 */
@Configuration(proxyBeanMethods = false)
class ApiDocs {

  private static final String BEARER = "bearer";

  @Bean
  OpenAPI handupOpenApi() {
    return new OpenAPI()
        .info(
            new Info()
                .title("Handup HTTP API")
                .version("v1")
                .description(
                    "Sign in with POST /api/auth/token and send the token as"
                        + " 'Authorization: Bearer <token>'. Errors are {code, message} with the"
                        + " HTTP status of the code. The live floor is the WebSocket /ws, described"
                        + " in docs/asyncapi.yaml."))
        .components(
            new Components()
                .addSecuritySchemes(
                    BEARER,
                    new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP)
                        .scheme("bearer")
                        .description("A token from POST /api/auth/token")))
        .addSecurityItem(new SecurityRequirement().addList(BEARER));
  }
}

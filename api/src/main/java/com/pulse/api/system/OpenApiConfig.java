package com.pulse.api.system;

import com.pulse.api.security.Caller;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document ({@code /api/v1/openapi}, Swagger UI at {@code /api/v1/docs}, both under
 * /api/v1 so the gateway's /api/** route serves them). The error shape is written by {@link Problems}
 * by hand, so springdoc cannot infer it: the schema is declared here and every operation gets the
 * problem responses it can answer with. Every operation but sign-in and the JWK set needs the
 * bearer token scheme declared here.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfig {

    static final String PROBLEM = "Problem";
    static final String PROBLEM_JSON = "application/problem+json";
    static final String BEARER = "bearer";
    /** Operations that answer without a token. */
    static final Set<String> PUBLIC = Set.of("/api/v1/auth/token", "/api/v1/auth/jwks");

    static {
        // The signed-in caller is resolved from the token, not sent as a parameter.
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(Caller.class);
    }

    @Bean
    OpenAPI pulseOpenApi() {
        return new OpenAPI()
                .info(new Info().title("Pulse CRM API").version("v1")
                        .description("The transactional CRM API: accounts, contacts, opportunities and the rest of the "
                                + "sales domain. Every change is one transaction of row (version + 1), history and an "
                                + "outbox event. Errors are RFC 9457 problem documents (application/problem+json) "
                                + "naming the fields at fault."))
                .components(new Components().addSchemas(PROBLEM, problemSchema())
                        .addSecuritySchemes(BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                                .bearerFormat("JWT").description("A token from POST /api/v1/auth/token (or the configured OIDC issuer)")))
                .addSecurityItem(new SecurityRequirement().addList(BEARER));
    }

    @Bean
    OpenApiCustomizer problemResponses() {
        return api -> {
            if (api.getComponents() == null) {
                api.components(new Components());
            }
            api.getComponents().addSchemas(PROBLEM, problemSchema());
            if (api.getPaths() == null) {
                return;
            }
            api.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, op) -> {
                if (PUBLIC.contains(path)) {
                    op.setSecurity(List.of());
                } else {
                    addProblem(op, "401", "No bearer token, or one that is invalid or expired");
                    addProblem(op, "403", "The caller's role does not allow this request");
                }
                addProblem(op, "400", "Invalid or malformed request (fields named in errors)");
                if (path.contains("{")) {
                    addProblem(op, "404", "No such record, or one outside the caller's data scope");
                }
                if (method != io.swagger.v3.oas.models.PathItem.HttpMethod.GET) {
                    addProblem(op, "409", "Version or state conflict");
                    addProblem(op, "413", "Request body too large");
                }
                addProblem(op, "500", "Server fault (never echoes internals)");
            }));
        };
    }

    private static void addProblem(Operation op, String status, String description) {
        ApiResponses responses = op.getResponses() == null ? new ApiResponses() : op.getResponses();
        op.setResponses(responses);
        if (!responses.containsKey(status)) {
            responses.addApiResponse(status, new ApiResponse().description(description).content(new Content()
                    .addMediaType(PROBLEM_JSON, new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM)))));
        }
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static Schema<?> problemSchema() {
        ObjectSchema fieldProblem = new ObjectSchema();
        fieldProblem.setProperties(new java.util.LinkedHashMap<>(Map.<String, Schema>of(
                "field", new StringSchema().description("JSON field, query or path parameter at fault"),
                "reason", new StringSchema())));
        ObjectSchema problem = new ObjectSchema();
        problem.description("RFC 9457 problem document");
        java.util.LinkedHashMap<String, Schema> props = new java.util.LinkedHashMap<>();
        props.put("type", new StringSchema().example("urn:pulse:problem:validation"));
        props.put("title", new StringSchema());
        props.put("status", new IntegerSchema());
        props.put("detail", new StringSchema());
        props.put("instance", new StringSchema());
        props.put("currentVersion", new IntegerSchema().format("int64").description("on version conflicts"));
        props.put("errors", new ArraySchema().items(fieldProblem));
        problem.setProperties((Map) props);
        return problem;
    }
}

package com.pulse.api.security;

import com.pulse.api.auth.AuthProperties;
import com.pulse.api.auth.SigningKey;
import com.pulse.api.system.ProblemWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;

/**
 * The API as an OAuth 2 resource server: every request needs a valid Bearer JWT except sign-in,
 * the public keys, health and the API document. Stateless (no session, no CSRF: nothing is
 * authenticated by a cookie). Role rules by path and method live here, so a forbidden write is
 * refused before its body is read; which records a caller may see is decided by the services.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
class SecurityConfig {

    private static final Logger log = LoggerFactory.getLogger(SecurityConfig.class);

    /** The OpenAPI document, Swagger UI and its assets (springdoc paths in application.yml). */
    static final String[] DOCS = {"/api/v1/openapi", "/api/v1/openapi/**", "/api/v1/docs", "/api/v1/docs/**",
            "/api/v1/swagger-ui/**", "/api/v1/webjars/**"};

    private static final String ADMIN = Role.ADMIN.name();
    private static final String EXECUTIVE = Role.EXECUTIVE.name();
    private static final String MANAGER = Role.MANAGER.name();
    private static final String REP = Role.REP.name();

    @Bean
    SecurityWebFilterChain apiSecurity(ServerHttpSecurity http, ReactiveJwtDecoder decoder, AuthProperties properties,
                                       ProblemWriter problems) {
        return http
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                .requestCache(cache -> cache.requestCache(NoOpServerRequestCache.getInstance()))
                .authorizeExchange(rules -> rules
                        .pathMatchers(HttpMethod.POST, "/api/v1/auth/token").permitAll()
                        .pathMatchers(HttpMethod.GET, "/api/v1/auth/jwks").permitAll()
                        .pathMatchers(HttpMethod.GET, "/actuator/health", "/actuator/health/**").permitAll()
                        .pathMatchers(HttpMethod.GET, DOCS).permitAll()
                        // Reading is open to every role; which records a caller sees is the data scope's business.
                        .pathMatchers(HttpMethod.GET, "/api/v1/**").authenticated()
                        // Names of users and teams by id: a read sent as POST (a thousand ids do not fit in a URL).
                        .pathMatchers(HttpMethod.POST, "/api/v1/directory").authenticated()
                        .pathMatchers(HttpMethod.DELETE, "/api/v1/recycle-bin").hasRole(ADMIN)
                        // Own password or, for an administrator, anybody's: decided by the controller.
                        .pathMatchers(HttpMethod.POST, "/api/v1/users/{id}/password").authenticated()
                        .pathMatchers("/api/v1/users/**", "/api/v1/teams/**").hasRole(ADMIN)
                        .pathMatchers("/api/v1/campaigns/**", "/api/v1/targets/**", "/api/v1/products/**")
                        .hasAnyRole(ADMIN, EXECUTIVE, MANAGER)
                        // Every other write; ANALYST holds none of these roles, so it stays read-only.
                        .anyExchange().hasAnyRole(ADMIN, EXECUTIVE, MANAGER, REP))
                .oauth2ResourceServer(server -> server
                        .jwt(jwt -> jwt.jwtDecoder(decoder).jwtAuthenticationConverter(new CallerTokens(properties.rolesClaim())))
                        .authenticationEntryPoint((exchange, e) -> problems.unauthorized(exchange, detail(e)))
                        .accessDeniedHandler((exchange, e) -> problems.forbidden(exchange, "Your role does not allow this request.")))
                .exceptionHandling(errors -> errors
                        .authenticationEntryPoint((exchange, e) -> problems.unauthorized(exchange, detail(e)))
                        .accessDeniedHandler((exchange, e) -> problems.forbidden(exchange, "Your role does not allow this request.")))
                .build();
    }

    /**
     * Verifies tokens with this API's own public key and issuer, or, when {@code pulse.api.auth.issuer-uri}
     * is set, with the JWK set an external OpenID Connect issuer publishes (fetched when first needed).
     * Expiry (and not-before) are checked either way, with Spring Security's default minute of clock skew.
     */
    @Bean
    ReactiveJwtDecoder jwtDecoder(AuthProperties properties, SigningKey key) {
        NimbusReactiveJwtDecoder decoder;
        String issuer;
        if (properties.externalIssuer()) {
            issuer = properties.issuerUri();
            decoder = NimbusReactiveJwtDecoder.withIssuerLocation(issuer).build();
            log.info("Verifying bearer tokens against the external issuer {} (roles claim '{}')", issuer, properties.rolesClaim());
        } else {
            issuer = properties.issuer();
            decoder = NimbusReactiveJwtDecoder.withPublicKey(key.publicKey()).signatureAlgorithm(SignatureAlgorithm.RS256).build();
        }
        decoder.setJwtValidator(JwtValidators.createDefaultWithIssuer(issuer));
        return decoder;
    }

    /** Says what is wrong without echoing the token or the verifier's internals. */
    private static String detail(AuthenticationException e) {
        return e instanceof InvalidBearerTokenException || e.getClass().getSimpleName().contains("OAuth2")
                ? "The bearer token is invalid or has expired." : "A bearer token is required.";
    }
}

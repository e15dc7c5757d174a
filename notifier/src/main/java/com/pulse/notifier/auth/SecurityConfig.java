package com.pulse.notifier.auth;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.web.SecurityFilterChain;

/**
 * /notifier/v1/** as an OAuth 2 resource server of the api's tokens (verified as olap verifies them).
 * The WebSocket handshake on /ws is open: a browser cannot set headers on it, so the token travels in
 * the STOMP CONNECT frame and is checked there ({@link StompAuthentication}). Health stays open;
 * anything else is refused. Stateless, no CSRF (no cookie authenticates anything).
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfig {

    private static final Logger log = LoggerFactory.getLogger(SecurityConfig.class);

    @Bean
    SecurityFilterChain notifierSecurity(HttpSecurity http, JwtDecoder decoder) throws Exception {
        return http.csrf(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(rules -> rules
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/ws", "/ws/**").permitAll()
                        .requestMatchers("/notifier/v1/**").authenticated()
                        .anyRequest().denyAll())
                .oauth2ResourceServer(server -> server
                        .jwt(jwt -> jwt.decoder(decoder))
                        .authenticationEntryPoint((request, response, e) -> unauthorized(response)))
                .exceptionHandling(errors -> errors.authenticationEntryPoint((request, response, e) -> unauthorized(response)))
                .build();
    }

    /** RS256 tokens from the api's JWK set, with its issuer; the keys are fetched on first use and cached. */
    @Bean
    JwtDecoder jwtDecoder(AuthProperties properties) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(properties.jwksUri())
                .jwsAlgorithm(SignatureAlgorithm.RS256).build();
        decoder.setJwtValidator(properties.issuer().isBlank()
                ? JwtValidators.createDefault() : JwtValidators.createDefaultWithIssuer(properties.issuer()));
        log.info("Verifying bearer tokens with the JWK set at {}", properties.jwksUri());
        return decoder;
    }

    // One answer for a missing, forged, tampered or expired token: nothing about which.
    private static void unauthorized(HttpServletResponse response) throws IOException {
        response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.getOutputStream().write("""
                {"type":"about:blank","title":"Unauthorized","status":401,\
                "detail":"A valid bearer token is required."}""".getBytes(StandardCharsets.UTF_8));
    }
}

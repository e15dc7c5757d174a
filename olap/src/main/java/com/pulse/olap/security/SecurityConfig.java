package com.pulse.olap.security;

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
import org.springframework.security.oauth2.jwt.JwtDecoders;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.SupplierJwtDecoder;
import org.springframework.security.web.SecurityFilterChain;

/**
 * /olap/v1/** as an OAuth 2 resource server of the api's tokens (or an external issuer's), when
 * {@code pulse.olap.auth.enabled}; health stays open. Stateless, no CSRF (no cookie authenticates
 * anything). Off, every request is let through as before: the cockpit does not send tokens yet.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfig {

    private static final Logger log = LoggerFactory.getLogger(SecurityConfig.class);

    @Bean
    SecurityFilterChain olapSecurity(HttpSecurity http, AuthProperties properties) throws Exception {
        http.csrf(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
        if (!properties.enabled()) {
            log.warn("pulse.olap.auth.enabled is off: /olap/v1 answers without a token and without data scopes");
            return http.authorizeHttpRequests(rules -> rules.anyRequest().permitAll()).build();
        }
        JwtDecoder decoder = decoder(properties);
        return http
                .authorizeHttpRequests(rules -> rules
                        .requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
                        .requestMatchers("/olap/v1/**").authenticated()
                        .anyRequest().denyAll())
                .oauth2ResourceServer(server -> server
                        .jwt(jwt -> jwt.decoder(decoder))
                        .authenticationEntryPoint((request, response, e) -> unauthorized(response)))
                .exceptionHandling(errors -> errors.authenticationEntryPoint((request, response, e) -> unauthorized(response)))
                .build();
    }

    /** RS256 tokens from the api's JWK set (with its issuer), or from an external OpenID Connect issuer. */
    static JwtDecoder decoder(AuthProperties properties) {
        if (properties.externalIssuer()) {
            log.info("Verifying bearer tokens against the external issuer {}", properties.issuerUri());
            // built on first use (then kept): the issuer may not be up when olap starts
            return new SupplierJwtDecoder(() -> JwtDecoders.fromIssuerLocation(properties.issuerUri()));
        }
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

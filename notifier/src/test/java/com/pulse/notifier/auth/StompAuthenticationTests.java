package com.pulse.notifier.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageDeliveryException;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

/**
 * The CONNECT rules without a server. With {@code pulse.notifier.auth.enabled} off (what the cockpit and
 * the dashboards end-to-end tests run with), a CONNECT without a token is anonymous, but a token that is
 * sent is still verified.
 */
class StompAuthenticationTests {

    // accepts exactly one token, "good", as user-1
    final JwtDecoder decoder = token -> {
        if (!token.equals("good")) {
            throw new BadJwtException("bad");
        }
        return new Jwt(token, Instant.now(), Instant.now().plusSeconds(60), Map.of("alg", "RS256"), Map.of("sub", "user-1"));
    };

    final StompAuthentication optional = new StompAuthentication(decoder, new AuthProperties(false, "http://x", "pulse-api"));
    final StompAuthentication required = new StompAuthentication(decoder, new AuthProperties(true, "http://x", "pulse-api"));

    @Test
    void withAuthOffAConnectWithoutATokenIsAnonymous() {
        Message<?> connect = connect(null);

        Message<?> passed = optional.preSend(connect, null);

        assertThat(StompHeaderAccessor.wrap(passed).getUser()).isNull();
    }

    @Test
    void withAuthOffATokenThatIsSentIsStillVerified() {
        assertThatThrownBy(() -> optional.preSend(connect("Bearer forged"), null))
                .isInstanceOf(MessageDeliveryException.class);
        Message<?> good = connect("Bearer good");
        assertThat(StompHeaderAccessor.wrap(optional.preSend(good, null)).getUser().getName()).isEqualTo("user-1");
    }

    @Test
    void withAuthOnAConnectWithoutATokenIsRefused() {
        assertThatThrownBy(() -> required.preSend(connect(null), null))
                .isInstanceOf(MessageDeliveryException.class)
                .hasMessageContaining("A valid bearer token is required.");
        assertThatThrownBy(() -> required.preSend(connect("Bearer "), null))
                .isInstanceOf(MessageDeliveryException.class);
    }

    private static Message<?> connect(String authorization) {
        StompHeaderAccessor headers = StompHeaderAccessor.create(StompCommand.CONNECT);
        if (authorization != null) {
            headers.addNativeHeader("Authorization", authorization);
        }
        headers.setLeaveMutable(true);
        return MessageBuilder.createMessage(new byte[0], headers.getMessageHeaders());
    }
}

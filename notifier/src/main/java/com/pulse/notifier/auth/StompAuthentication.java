package com.pulse.notifier.auth;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.MessageDeliveryException;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.ChannelInterceptor;
import org.springframework.messaging.support.MessageHeaderAccessor;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;

/**
 * Authenticates a STOMP session on its CONNECT frame: the {@code Authorization: Bearer …} (or
 * {@code access_token}) header is verified like a REST call's token, and the session's principal
 * becomes the token, whose name is its subject, so {@code /user/queue/alerts} reaches that user.
 * A refused frame throws: Spring answers with an ERROR frame and closes the connection.
 *
 * <p>It also keeps clients from writing to the broker: a SEND may only go to {@code /app}, and a
 * SUBSCRIBE to {@code /queue} only through {@code /user} (the resolved per-session queue names must
 * not be subscribable by another session).
 */
@Component
public class StompAuthentication implements ChannelInterceptor {

    private static final Logger log = LoggerFactory.getLogger(StompAuthentication.class);
    private static final String BEARER = "bearer ";

    private final JwtDecoder decoder;
    private final AuthProperties properties;

    StompAuthentication(JwtDecoder decoder, AuthProperties properties) {
        this.decoder = decoder;
        this.properties = properties;
    }

    @Override
    public Message<?> preSend(Message<?> message, MessageChannel channel) {
        StompHeaderAccessor stomp = MessageHeaderAccessor.getAccessor(message, StompHeaderAccessor.class);
        if (stomp == null || stomp.getCommand() == null) {
            return message;
        }
        switch (stomp.getCommand()) {
            case CONNECT, STOMP -> authenticate(stomp, message);
            case SEND -> refuseUnless(stomp.getDestination(), "/app/", message, "SEND is only accepted to /app");
            case SUBSCRIBE -> {
                String destination = stomp.getDestination();
                if (destination != null && destination.startsWith("/queue/")) {
                    throw new MessageDeliveryException(message, "subscribe to personal queues through /user/queue");
                }
            }
            default -> {
            }
        }
        return message;
    }

    private void authenticate(StompHeaderAccessor stomp, Message<?> message) {
        String token = token(stomp);
        if (token == null) {
            if (properties.enabled()) {
                throw new MessageDeliveryException(message, "A valid bearer token is required.");
            }
            return;
        }
        try {
            if (token.isBlank()) {
                throw new JwtException("empty bearer token");
            }
            stomp.setUser(new JwtAuthenticationToken(decoder.decode(token)));
        } catch (JwtException e) {
            // The reason stays in the log: the client learns only that the token was refused.
            log.info("STOMP CONNECT refused: {}", e.getMessage());
            throw new MessageDeliveryException(message, "A valid bearer token is required.");
        }
    }

    // An Authorization header that is not a bearer token is returned whole, so it is refused, not ignored.
    private static String token(StompHeaderAccessor stomp) {
        String authorization = stomp.getFirstNativeHeader("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return authorization.substring(BEARER.length()).strip();
        }
        return authorization != null ? authorization : blankToNull(stomp.getFirstNativeHeader("access_token"));
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }

    private static void refuseUnless(String destination, String prefix, Message<?> message, String reason) {
        if (destination == null || !destination.startsWith(prefix)) {
            throw new MessageDeliveryException(message, reason);
        }
    }
}

package com.pulse.notifier.live;

import com.pulse.notifier.scope.Caller;
import com.pulse.notifier.scope.Scopes;
import java.security.Principal;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.MessageDeliveryException;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.ChannelInterceptor;
import org.springframework.messaging.support.MessageHeaderAccessor;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;

/**
 * Decides on SUBSCRIBE whether the session may see a scoped destination
 * ({@code /topic/agg/<kind>/<scopeType>/<scopeId>}), with the api's data scope of the token's subject:
 * EXECUTIVE, ANALYST and ADMIN every scope; a MANAGER the teams they manage and below, and the owners in
 * them (themselves included); anybody else their own OWNER scope. Anonymous sessions get none.
 *
 * <p>Wildcard destinations are refused everywhere: the simple broker matches a subscription such as
 * {@code /topic/agg/**} as a pattern, which would bypass the check. Refusal is an ERROR frame and the
 * connection closes, as for every other refused frame.
 */
@Component
public class ScopedSubscriptions implements ChannelInterceptor {

    static final String REFUSED = "not allowed to see this scope";
    private static final Logger log = LoggerFactory.getLogger(ScopedSubscriptions.class);

    private final Scopes scopes;

    ScopedSubscriptions(Scopes scopes) {
        this.scopes = scopes;
    }

    @Override
    public Message<?> preSend(Message<?> message, MessageChannel channel) {
        StompHeaderAccessor stomp = MessageHeaderAccessor.getAccessor(message, StompHeaderAccessor.class);
        if (stomp == null || stomp.getCommand() != StompCommand.SUBSCRIBE) {
            return message;
        }
        String destination = stomp.getDestination();
        if (destination == null || destination.indexOf('*') >= 0 || destination.indexOf('?') >= 0
                || destination.indexOf('{') >= 0) {
            throw new MessageDeliveryException(message, "wildcard subscriptions are not accepted");
        }
        if (destination.equals(AggBroadcaster.FUNNEL)) {
            // every scope's funnel cells, for the executive cockpit: only for those who see everything. A session
            // without a user exists only with authentication off (development), where nothing is checked.
            if (stomp.getUser() instanceof JwtAuthenticationToken token && !Scopes.seesAll(Caller.of(token.getToken()).roles())) {
                log.info("SUBSCRIBE to {} refused for {}", destination, token.getName());
                throw new MessageDeliveryException(message, REFUSED);
            }
            return message;
        }
        if (!destination.startsWith(AggDestinations.PREFIX)) {
            return message;
        }
        Optional<AggDestinations.Target> target = AggDestinations.parse(destination);
        if (target.isEmpty()) {
            throw new MessageDeliveryException(message, "unknown destination");
        }
        if (!allowed(stomp.getUser(), target.get().scope())) {
            log.info("SUBSCRIBE to {} refused for {}", destination, stomp.getUser() == null ? "anonymous" : stomp.getUser().getName());
            throw new MessageDeliveryException(message, REFUSED);
        }
        return message;
    }

    private boolean allowed(Principal user, ScopeKey scope) {
        if (!(user instanceof JwtAuthenticationToken token)) {
            return false;
        }
        Caller caller = Caller.of(token.getToken());
        if (Scopes.seesAll(caller.roles())) {
            return true;
        }
        return switch (scope.type()) {
            case "OWNER" -> scopes.of(caller.id(), caller.roles()).includes(scope.id());
            case "TEAM" -> caller.manager() && scopes.managedTeams(caller.id()).stream()
                    .anyMatch(team -> team.toString().equals(scope.id()));
            default -> false;
        };
    }
}

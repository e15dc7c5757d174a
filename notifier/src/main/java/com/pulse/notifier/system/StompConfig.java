package com.pulse.notifier.system;

import com.pulse.notifier.auth.StompAuthentication;
import com.pulse.notifier.live.ScopedSubscriptions;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.messaging.simp.config.ChannelRegistration;
import org.springframework.messaging.simp.config.MessageBrokerRegistry;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.web.socket.config.annotation.EnableWebSocketMessageBroker;
import org.springframework.web.socket.config.annotation.StompEndpointRegistry;
import org.springframework.web.socket.config.annotation.WebSocketMessageBrokerConfigurer;

/**
 * STOMP over plain WebSocket at {@code /ws} (no SockJS: every browser we serve speaks
 * WebSocket, and the gateway proxies it as such). The in-memory simple broker serves
 * {@code /topic} broadcasts and {@code /user/queue} personal messages; each notifier
 * instance has its own broker, which is why every instance consumes every live change.
 * A session is authenticated on its CONNECT frame ({@link StompAuthentication}); a subscription to a
 * scoped broadcast is checked against its data scope ({@link ScopedSubscriptions}).
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSocketMessageBroker
class StompConfig implements WebSocketMessageBrokerConfigurer {

    static final String ENDPOINT = "/ws";

    private final StompProperties properties;
    private final TaskScheduler heartbeats;
    private final StompAuthentication authentication;
    private final ScopedSubscriptions scopedSubscriptions;

    // The broker's own scheduler, lazily: it is defined by the configuration this class customises.
    StompConfig(StompProperties properties, @Lazy TaskScheduler messageBrokerTaskScheduler,
                StompAuthentication authentication, ScopedSubscriptions scopedSubscriptions) {
        this.properties = properties;
        this.heartbeats = messageBrokerTaskScheduler;
        this.authentication = authentication;
        this.scopedSubscriptions = scopedSubscriptions;
    }

    @Override
    public void configureClientInboundChannel(ChannelRegistration registration) {
        // Token on CONNECT; the session's principal (the token's subject) then routes /user destinations
        // and is what a SUBSCRIBE to a scoped /topic/agg destination is checked against.
        registration.interceptors(authentication, scopedSubscriptions);
    }

    @Override
    public void registerStompEndpoints(StompEndpointRegistry registry) {
        registry.addEndpoint(ENDPOINT)
                .setAllowedOriginPatterns(properties.allowedOriginPatterns().toArray(String[]::new));
    }

    @Override
    public void configureMessageBroker(MessageBrokerRegistry registry) {
        long beat = properties.heartbeat().toMillis();
        registry.enableSimpleBroker("/topic", "/queue")
                .setHeartbeatValue(new long[] {beat, beat})
                .setTaskScheduler(heartbeats);
        // The outbound channel is a thread pool: without this, two changes of one funnel cell can
        // reach a browser in the wrong order and leave it showing the older figure.
        registry.setPreservePublishOrder(true);
        registry.setApplicationDestinationPrefixes("/app");
        registry.setUserDestinationPrefix("/user");
    }
}

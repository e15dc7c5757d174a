package com.pulse.notifier.system;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The STOMP endpoint's settings ({@code pulse.notifier.stomp.*}).
 *
 * @param allowedOriginPatterns origins a browser may open {@code /ws} from; "*" for the slice,
 *                              narrowed to the gateway's origin once sign-in exists
 * @param heartbeat             how often the broker sends and expects heart-beats, so dead
 *                              connections behind proxies are noticed and closed
 */
@ConfigurationProperties("pulse.notifier.stomp")
record StompProperties(
        @DefaultValue("*") List<String> allowedOriginPatterns,
        @DefaultValue("10s") Duration heartbeat) {
}

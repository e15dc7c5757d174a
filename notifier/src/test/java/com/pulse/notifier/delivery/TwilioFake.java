package com.pulse.notifier.delivery;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Twilio's Messages API on WireMock: the real SDK sends to it through the configured base URL. One server
 * per test class; {@link #sent(String)} reads back what reached it, as Twilio would have received it.
 */
public final class TwilioFake {

    public static final String SID = "ACtest0000000000000000000000000000";
    public static final String TOKEN = "test-token";
    public static final String FROM = "+15005550006";
    public static final String PATH = "/2010-04-01/Accounts/" + SID + "/Messages.json";

    private static final AtomicLong SIDS = new AtomicLong();

    public final WireMockServer server;

    public TwilioFake() {
        server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1").containerThreads(16)
);
        server.start();
        acceptAll();
    }

    public void register(DynamicPropertyRegistry r) {
        properties().forEach((k, v) -> r.add(k, () -> v));
    }

    /** The SMS settings that send to this fake. */
    public Map<String, String> properties() {
        return Map.of("pulse.notifier.sms.account-sid", SID, "pulse.notifier.sms.auth-token", TOKEN,
                "pulse.notifier.sms.from", FROM, "pulse.notifier.sms.base-url", "http://127.0.0.1:" + server.port());
    }

    /** Every message accepted, 201 with a fresh SID. */
    public void acceptAll() {
        server.resetAll();
        server.stubFor(post(urlPathEqualTo(PATH)).willReturn(created()));
    }

    public static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder created() {
        return aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                .withBody("{\"sid\":\"SM" + SIDS.incrementAndGet() + "\",\"status\":\"queued\",\"num_segments\":\"1\"}");
    }

    public static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder error(int status, int code) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                .withBody("{\"code\":" + code + ",\"message\":\"error " + code + "\",\"more_info\":"
                        + "\"https://www.twilio.com/docs/errors/" + code + "\",\"status\":" + status + "}");
    }

    /** The form bodies of the message requests to {@code to}, oldest first. */
    public List<Map<String, String>> sent(String to) {
        return all().stream().filter(form -> to.equals(form.get("To"))).toList();
    }

    /** The form bodies of all message requests, oldest first. */
    public List<Map<String, String>> all() {
        List<ServeEvent> events = new ArrayList<>(server.getAllServeEvents());
        Collections.reverse(events); // WireMock lists the newest first
        return events.stream()
                .filter(e -> e.getRequest().getUrl().equals(PATH))
                .map(e -> form(e.getRequest().getBodyAsString())).toList();
    }

    public void stop() {
        server.stop();
    }

    static Map<String, String> form(String body) {
        Map<String, String> form = new HashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return form;
    }
}

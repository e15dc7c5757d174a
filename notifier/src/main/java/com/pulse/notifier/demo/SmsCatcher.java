package com.pulse.notifier.demo;

import com.pulse.notifier.delivery.sms.SmsSegments;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A stand-in for Twilio's Messages API ({@code POST /2010-04-01/Accounts/{sid}/Messages.json}, form
 * fields To, From, Body) on its own loopback port. It answers 201 with the fields the SDK reads (sid,
 * status, num_segments …), so the notifier's real Twilio sender runs unchanged against it, and keeps
 * what it accepted for the outbox. A request without To or Body is answered 400 like Twilio's 21604/21602.
 */
public class SmsCatcher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SmsCatcher.class);
    private static final Pattern MESSAGES = Pattern.compile("/2010-04-01/Accounts/([^/]+)/Messages\\.json");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String host;
    private final int port;
    private final int keep;
    private final Clock clock;
    private final Deque<CapturedSms> messages = new ArrayDeque<>();
    private HttpServer server;

    public SmsCatcher(String host, int port, int keep, Clock clock) {
        this.host = host;
        this.port = port;
        this.keep = keep;
        this.clock = clock;
    }

    @Override
    public int getPhase() {
        return Integer.MIN_VALUE / 2;
    }

    @Override
    public synchronized void start() {
        try {
            server = HttpServer.create(new InetSocketAddress(host, port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("demo SMS catcher cannot listen on " + host + ":" + port, e);
        }
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newFixedThreadPool(2));
        server.start();
        log.info("demo SMS catcher (Twilio Messages API) listening on http://{}:{}", host, port);
    }

    @Override
    public synchronized void stop() {
        if (server != null) {
            server.stop(0);
            ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
            server = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return server != null;
    }

    /** The last {@code keep} messages accepted, newest first. */
    public synchronized List<CapturedSms> messages() {
        return new ArrayList<>(messages);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Matcher path = MESSAGES.matcher(exchange.getRequestURI().getPath());
            if (!"POST".equals(exchange.getRequestMethod()) || !path.matches()) {
                answer(exchange, 404, error(20404, "The requested resource was not found"));
                return;
            }
            Map<String, String> form = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            String to = form.get("To");
            String body = form.get("Body");
            if (to == null || to.isBlank()) {
                answer(exchange, 400, error(21604, "A 'To' phone number is required."));
                return;
            }
            if (body == null || body.isEmpty()) {
                answer(exchange, 400, error(21602, "Message body is required."));
                return;
            }
            CapturedSms sms = new CapturedSms("SM" + HexFormat.of().formatHex(randomBytes()), to, form.get("From"), body,
                    SmsSegments.count(body), clock.instant());
            keep(sms);
            answer(exchange, 201, created(path.group(1), sms));
        }
    }

    private synchronized void keep(CapturedSms sms) {
        messages.addFirst(sms);
        while (messages.size() > keep) {
            messages.removeLast();
        }
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[16];
        ThreadLocalRandom.current().nextBytes(bytes);
        return bytes;
    }

    private static Map<String, String> form(String body) {
        Map<String, String> fields = new HashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                fields.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return fields;
    }

    private static ObjectNode created(String account, CapturedSms sms) {
        String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(sms.at().atZone(ZoneOffset.UTC));
        ObjectNode json = JSON.createObjectNode();
        json.put("sid", sms.sid());
        json.put("account_sid", account);
        json.put("to", sms.to());
        json.put("from", sms.from());
        json.put("body", sms.body());
        json.put("status", "queued");
        json.put("direction", "outbound-api");
        json.put("num_segments", String.valueOf(sms.segments()));
        json.put("num_media", "0");
        json.put("api_version", "2010-04-01");
        json.put("date_created", date);
        json.put("date_updated", date);
        json.put("uri", "/2010-04-01/Accounts/" + account + "/Messages/" + sms.sid() + ".json");
        return json;
    }

    private static ObjectNode error(int code, String message) {
        ObjectNode json = JSON.createObjectNode();
        json.put("code", code);
        json.put("message", message);
        json.put("status", code == 20404 ? 404 : 400);
        return json;
    }

    private static void answer(HttpExchange exchange, int status, ObjectNode json) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(json);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}

package com.pulse.notifier.masssend;

import com.pulse.notifier.scope.Caller;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * {@code /notifier/v1/mass-sends}: one message to a filtered set of the caller's contacts by email or SMS, paced
 * per channel, with its progress and the recipients it failed for.
 */
@RestController
@RequestMapping("/notifier/v1/mass-sends")
class MassSendController {

    private final MassSendService service;
    private final MassSendProperties properties;

    MassSendController(MassSendService service, MassSendProperties properties) {
        this.service = service;
        this.properties = properties;
    }

    /**
     * A mass send and how far it got: {@code progress} counts its messages by delivery status; {@code done} once
     * none is waiting or being sent; {@code failures} lists up to 100 recipients that failed for good.
     */
    record MassSendView(UUID id, String name, String channel, UUID campaignId, Map<String, Object> filter, String subject,
                        String body, String locale, int recipients, int skipped, double ratePerSecond, Instant startsAt,
                        Instant endsAt, Instant createdAt, Map<String, Long> progress, boolean done,
                        List<Map<String, Object>> failures) {
    }

    record MassSendList(List<MassSendView> items) {
    }

    @PostMapping
    ResponseEntity<MassSendView> create(@AuthenticationPrincipal Jwt token, @RequestBody JsonNode body) {
        MassSendForm form = MassSendForm.read(body, properties);
        MassSend created = service.create(Caller.of(token), form);
        return ResponseEntity.created(URI.create("/notifier/v1/mass-sends/" + created.id())).body(view(created));
    }

    @GetMapping
    MassSendList list(@AuthenticationPrincipal Jwt token) {
        return new MassSendList(service.list(Caller.of(token)).stream().map(this::view).toList());
    }

    @GetMapping("/{id}")
    MassSendView get(@AuthenticationPrincipal Jwt token, @PathVariable String id) {
        return view(service.find(Caller.of(token), id));
    }

    private MassSendView view(MassSend m) {
        Map<String, Long> progress = service.progress(m);
        boolean done = progress.get("PENDING") + progress.get("SENDING") + progress.get("RETRYING") == 0;
        return new MassSendView(m.id(), m.name(), m.channel(), m.campaignId(), m.filter(), m.subject(), m.body(),
                m.locale(), m.recipients(), m.skipped(), m.ratePerSecond(), m.startsAt(), m.endsAt(), m.createdAt(),
                progress, done, service.failures(m));
    }
}

package com.pulse.notifier.demo;

import com.pulse.notifier.firing.Reachability;
import com.pulse.notifier.scope.Caller;
import java.util.List;
import java.util.Objects;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /notifier/v1/dev/outbox}: what the demo's catchers received, newest first. It exists only with the
 * catchers on (the demo profile); elsewhere the path is 404 like any unknown one. ADMIN and EXECUTIVE see every
 * message, everybody else the messages to their own phone and email (as their preferences, else their api user,
 * name them now): a newcomer signed in as a rep sees their own reminders arrive.
 */
@RestController
@ConditionalOnBooleanProperty("pulse.notifier.demo.catchers.enabled")
class OutboxController {

    private final SmtpCatcher smtp;
    private final SmsCatcher sms;
    private final Reachability reachability;

    OutboxController(SmtpCatcher smtp, SmsCatcher sms, Reachability reachability) {
        this.smtp = smtp;
        this.sms = sms;
        this.reachability = reachability;
    }

    record Outbox(List<CapturedEmail> emails, List<CapturedSms> sms) {
    }

    @GetMapping("/notifier/v1/dev/outbox")
    Outbox outbox(@AuthenticationPrincipal Jwt token) {
        Caller caller = Caller.of(token);
        if (caller.roles().contains("ADMIN") || caller.roles().contains("EXECUTIVE")) {
            return new Outbox(smtp.emails(), sms.messages());
        }
        Reachability.Address own = reachability.of(caller.id());
        return new Outbox(
                smtp.emails().stream().filter(e -> own.email() != null && e.to().stream().anyMatch(own.email()::equalsIgnoreCase)).toList(),
                sms.messages().stream().filter(m -> Objects.equals(m.to(), own.phone())).toList());
    }
}

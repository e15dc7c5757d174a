package com.pulse.notifier.masssend;

import com.pulse.notifier.delivery.Channel;
import com.pulse.notifier.delivery.Deliveries;
import com.pulse.notifier.delivery.DeliveryClock;
import com.pulse.notifier.delivery.DeliveryRequest;
import com.pulse.notifier.delivery.Provenance;
import com.pulse.notifier.delivery.template.Templates;
import com.pulse.notifier.problem.InvalidRequest;
import com.pulse.notifier.problem.NotFound;
import com.pulse.notifier.problem.Unprocessable;
import com.pulse.notifier.scope.Caller;
import com.pulse.notifier.scope.Scope;
import com.pulse.notifier.scope.Scopes;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creates a mass send: selects the caller's contacts by the filter (within their data scope), fills the macros
 * in for each, and enqueues one delivery per contact with an address on the channel, each due at its slot of the
 * channel's pace. Everything is written in one transaction: a mass send exists with all its messages or not at all.
 */
@Service
class MassSendService {

    static final String TEMPLATE = "MASS_SEND";
    static final String PERIOD = "once";

    private final MassSendRepository repository;
    private final Deliveries deliveries;
    private final Scopes scopes;
    private final MassSendProperties properties;
    private final DeliveryClock clock;

    MassSendService(MassSendRepository repository, Deliveries deliveries, Scopes scopes, MassSendProperties properties,
                    DeliveryClock clock) {
        this.repository = repository;
        this.deliveries = deliveries;
        this.scopes = scopes;
        this.properties = properties;
        this.clock = clock;
    }

    @Transactional
    MassSend create(Caller caller, MassSendForm f) {
        if (f.campaignId() != null && !repository.campaignExists(f.campaignId())) {
            throw new InvalidRequest("campaignId", "no such campaign");
        }
        Scope scope = scopes.of(caller.id(), caller.roles());
        int max = properties.maxRecipients();
        List<Recipient> selected = repository.contacts(f.filter(), scope, max + 1);
        if (selected.size() > max) {
            throw new Unprocessable("Too many recipients", "filter", "The filter selects more than " + max
                    + " of the contacts you may see; one mass send reaches at most " + max
                    + ". Narrow the filter or split the send.");
        }
        List<Recipient> reachable = selected.stream().filter(r -> r.address(f.channel()) != null).toList();
        if (reachable.isEmpty()) {
            throw new Unprocessable("No recipients", "filter", selected.isEmpty()
                    ? "The filter selects none of the contacts you may see."
                    : "The filter selects " + selected.size() + " contacts, none with "
                    + ("SMS".equals(f.channel()) ? "a mobile number." : "an email address."));
        }
        double rate = f.ratePerSecond() != null ? f.ratePerSecond() : properties.perSecond(f.channel());
        long stepNanos = Math.max(1, Math.round(1e9 / rate));
        Instant now = clock.clock().instant().truncatedTo(ChronoUnit.MICROS);
        Instant start = repository.takeSlots(f.channel(), now, Duration.ofNanos(stepNanos * reachable.size()));

        UUID id = UUID.randomUUID();
        Provenance provenance = Provenance.query(now, "mass send " + id + " filter " + f.filter().json());
        List<DeliveryRequest> requests = new ArrayList<>(reachable.size());
        for (int i = 0; i < reachable.size(); i++) {
            Recipient r = reachable.get(i);
            Map<String, String> macros = r.macros();
            Map<String, String> variables = new HashMap<>();
            variables.put("subject", f.subject() == null ? "" : Templates.fillText(f.subject(), macros));
            variables.put("text", Templates.fillText(f.body(), macros));
            // the sender is the "recipient user": the messages are theirs, listed in their delivery log
            requests.add(new DeliveryRequest(MassSend.rule(id), "contact:" + r.contactId(), PERIOD,
                    Channel.valueOf(f.channel()), caller.id(), r.address(f.channel()), f.locale(), TEMPLATE, variables,
                    provenance, start.plusNanos(stepNanos * i), null));
        }
        deliveries.enqueueAll(requests);
        MassSend m = new MassSend(id, caller.id(), f.name(), f.channel(), f.campaignId(), f.filter().json(), f.subject(),
                f.body(), f.locale(), reachable.size(), selected.size() - reachable.size(), rate, start,
                start.plusNanos(stepNanos * reachable.size()), now);
        repository.insert(m);
        return m;
    }

    MassSend find(Caller caller, String id) {
        try {
            return repository.find(caller.id(), UUID.fromString(id)).orElseThrow(MassSendService::notFound);
        } catch (IllegalArgumentException e) {
            throw notFound();
        }
    }

    List<MassSend> list(Caller caller) {
        return repository.list(caller.id(), 200);
    }

    Map<String, Long> progress(MassSend m) {
        return repository.progress(m);
    }

    List<Map<String, Object>> failures(MassSend m) {
        return repository.failures(m, 100);
    }

    private static NotFound notFound() {
        return new NotFound("No such mass send among yours.");
    }
}

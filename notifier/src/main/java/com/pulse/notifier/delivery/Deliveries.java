package com.pulse.notifier.delivery;

import com.pulse.notifier.delivery.template.Templates;
import com.pulse.notifier.delivery.template.UnknownTemplate;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * The way into the delivery log. {@link #enqueue} writes a PENDING row once per delivery key; the
 * dispatcher sends it later. The insert runs in the caller's transaction when there is one (JDBC through
 * Spring's transaction synchronisation), so a rule that records its firing and enqueues its deliveries in
 * one transaction either does both or neither.
 */
@Service
public class Deliveries {

    private final DeliveryRepository repository;
    private final Templates templates;
    private final DeliveryProperties properties;
    private final Clock clock;

    Deliveries(DeliveryRepository repository, Templates templates, DeliveryProperties properties, DeliveryClock clock) {
        this.repository = repository;
        this.templates = templates;
        this.properties = properties;
        this.clock = clock.clock();
    }

    /**
     * The delivery for this request's key: the new PENDING row, or the existing row untouched when the key
     * was enqueued before (whatever its status).
     *
     * @throws UnknownTemplate when the template does not exist, so a rule's mistake surfaces where it is made
     */
    public Delivery enqueue(DeliveryRequest request) {
        if (!templates.exists(request.template())) {
            throw new UnknownTemplate(request.template());
        }
        String locale = request.locale() == null || request.locale().isBlank()
                ? properties.defaultLocale() : request.locale();
        // Postgres keeps microseconds: truncated, the stored time and the paging cursor agree
        return repository.insertOnce(UUID.randomUUID(), request, locale, clock.instant().truncatedTo(ChronoUnit.MICROS))
                .or(() -> repository.byKey(request.rule(), request.subject(), request.period(), request.channel()))
                .orElseThrow(() -> new IllegalStateException("delivery key neither inserted nor found"));
    }

    /**
     * Many deliveries at once (a mass send), in JDBC batches in the caller's transaction; a key enqueued before is
     * skipped. Returns how many rows were written.
     */
    public int enqueueAll(java.util.List<DeliveryRequest> requests) {
        java.util.List<String> locales = new java.util.ArrayList<>(requests.size());
        for (DeliveryRequest request : requests) {
            if (!templates.exists(request.template())) {
                throw new UnknownTemplate(request.template());
            }
            locales.add(request.locale() == null || request.locale().isBlank() ? properties.defaultLocale() : request.locale());
        }
        return requests.isEmpty() ? 0
                : repository.insertAll(requests, locales, clock.instant().truncatedTo(ChronoUnit.MICROS));
    }
}

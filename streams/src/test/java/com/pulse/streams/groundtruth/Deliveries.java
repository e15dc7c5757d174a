package com.pulse.streams.groundtruth;

import com.pulse.events.OpportunityChanged;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The order in which the events reach {@code crm.opportunities.v1}: the histories interleaved at random (per
 * opportunity in version order, as the outbox relay publishes them), plus what an at-least-once relay and
 * retries add: the same event delivered again right away, and an older version delivered again after newer ones.
 */
public final class Deliveries {

    public final List<OpportunityChanged> events = new ArrayList<>();
    int duplicates;
    int stale;

    private Deliveries() {
    }

    public static Deliveries of(OpportunityHistory history, long seed, double duplicateShare, double staleShare) {
        Random random = new Random(seed);
        Deliveries d = new Deliveries();
        List<List<OpportunityChanged>> pending = new ArrayList<>();
        history.perOpportunity.forEach(v -> pending.add(new ArrayList<>(v)));
        List<Integer> next = new ArrayList<>();
        pending.forEach(v -> next.add(0));
        List<Integer> open = new ArrayList<>();
        for (int i = 0; i < pending.size(); i++) {
            open.add(i);
        }
        while (!open.isEmpty()) {
            int slot = random.nextInt(open.size());
            int i = open.get(slot);
            List<OpportunityChanged> versions = pending.get(i);
            int n = next.get(i);
            OpportunityChanged e = versions.get(n);
            d.events.add(e);
            if (random.nextDouble() < duplicateShare) {
                d.events.add(e);
                d.duplicates++;
            }
            if (n > 0 && random.nextDouble() < staleShare) {
                d.events.add(versions.get(random.nextInt(n)));   // an older version, after a newer one was applied
                d.stale++;
            }
            next.set(i, n + 1);
            if (n + 1 == versions.size()) {
                open.set(slot, open.get(open.size() - 1));
                open.remove(open.size() - 1);
            }
        }
        return d;
    }
}

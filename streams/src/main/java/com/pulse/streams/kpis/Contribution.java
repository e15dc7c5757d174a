package com.pulse.streams.kpis;

import java.util.Map;
import java.util.TreeMap;

/**
 * What one record (opportunity, lead, activity or account version) adds to its owner's scopes, by bucket: a day
 * {@code D:YYYY-MM-DD} in the company time zone, or {@code NOW} for "now" figures (open pipeline, accounts per tier).
 * The processor also adds every day bucket to its month {@code M:YYYY-MM}, so periods are sums of few cells.
 *
 * @param ownerId the owner whose scopes (owner, its teams, the company) the record counts for; null: the company only
 */
record Contribution(String ownerId, Map<String, KpiCell> buckets) {

    static final String NOW = "NOW";
    static final Contribution NONE = new Contribution(null, Map.of());

    Contribution {
        buckets = buckets == null ? Map.of() : Map.copyOf(buckets);
    }

    static Builder of(String ownerId) {
        return new Builder(ownerId);
    }

    static final class Builder {
        private final String ownerId;
        private final Map<String, KpiCell> buckets = new TreeMap<>();

        private Builder(String ownerId) {
            this.ownerId = ownerId;
        }

        Builder add(String bucket, KpiCell cell) {
            buckets.merge(bucket, cell, KpiCell::plus);
            return this;
        }

        Contribution build() {
            return new Contribution(ownerId, buckets);
        }
    }
}

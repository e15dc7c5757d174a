package com.pulse.notifier.delivery;

import java.time.Instant;

/**
 * Where a delivery came from, kept with it so the log answers "why was I sent this": the rule's firing
 * time and either the source event's position or the query that selected the subject.
 */
public record Provenance(Instant firedAt, String sourceTopic, Integer sourcePartition, Long sourceOffset,
                         String sourceQuery) {

    /** An event-triggered rule: the record that triggered it. */
    public static Provenance event(Instant firedAt, String topic, int partition, long offset) {
        return new Provenance(firedAt, topic, partition, offset, null);
    }

    /** A scheduled rule: the query whose result named the subject. */
    public static Provenance query(Instant firedAt, String query) {
        return new Provenance(firedAt, null, null, null, query);
    }

    public static Provenance none() {
        return new Provenance(null, null, null, null, null);
    }
}

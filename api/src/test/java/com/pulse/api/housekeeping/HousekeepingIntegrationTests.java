package com.pulse.api.housekeeping;

import static org.assertj.core.api.Assertions.assertThat;

import com.pulse.devstack.Devstack;
import com.pulse.devstack.TestNamespace;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import reactor.core.publisher.Mono;

/** Housekeeping on devstack's Postgres: old published rows and expired keys go, unpublished rows stay however old. */
@SpringBootTest(properties = {
        // Nothing may publish or sweep behind the test's back.
        "pulse.api.outbox.enabled=false",
        "pulse.api.housekeeping.enabled=false",
        "pulse.api.housekeeping.batch-size=2"})
class HousekeepingIntegrationTests {

    static final TestNamespace NS = Devstack.get().newNamespace(HousekeepingIntegrationTests.class);

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        NS.springProperties().forEach((k, v) -> registry.add(k, () -> v));
    }

    @Autowired
    Housekeeping housekeeping;

    @Autowired
    DatabaseClient db;

    private void outboxRow(String tag, Instant created, Instant published) {
        var spec = db.sql("""
                        INSERT INTO outbox (event_id, aggregate_type, aggregate_id, aggregate_version, topic, event_type, payload,
                            created_at, published_at)
                        VALUES (:eventId, :tag, :aggregateId, 1, 'crm.opportunities.v1', 'test', '\\x00', :created, :published)""")
                .bind("eventId", UUID.randomUUID()).bind("tag", tag).bind("aggregateId", UUID.randomUUID())
                .bind("created", created.atOffset(ZoneOffset.UTC));
        (published == null ? spec.bindNull("published", java.time.OffsetDateTime.class)
                : spec.bind("published", published.atOffset(ZoneOffset.UTC))).then().block();
    }

    private void key(String key, Instant created) {
        db.sql("INSERT INTO idempotency_keys (scope, key, request_hash, response_id, created_at) VALUES ('test', :key, 'h', :id, :created)")
                .bind("key", key).bind("id", UUID.randomUUID()).bind("created", created.atOffset(ZoneOffset.UTC)).then().block();
    }

    private long count(String sql) {
        return db.sql(sql).map(row -> row.get(0, Long.class)).one().block();
    }

    @Test
    void oldPublishedRowsAndExpiredKeysGoUnpublishedRowsStayAndASecondInstanceFindsNothingTwice() {
        Instant now = Instant.parse("2026-11-28T01:00:00Z");
        Instant eightDaysAgo = now.minus(Duration.ofDays(8));
        for (int i = 0; i < 5; i++) {
            outboxRow("old-published", eightDaysAgo, eightDaysAgo.plusSeconds(1));
        }
        outboxRow("recent-published", now.minus(Duration.ofDays(1)), now.minus(Duration.ofDays(1)));
        outboxRow("recent-published", now.minus(Duration.ofDays(6)), now.minus(Duration.ofDays(6)));
        outboxRow("never-published", now.minus(Duration.ofDays(30)), null);
        outboxRow("never-published", now.minus(Duration.ofDays(400)), null);
        for (int i = 0; i < 3; i++) {
            key("expired-" + i, now.minus(Duration.ofHours(25)));
        }
        key("fresh", now.minus(Duration.ofHours(23)));

        // Two instances at once: the advisory lock lets each batch run in one of them only.
        var first = housekeeping.sweep(now);
        var second = housekeeping.sweep(now);
        var both = Mono.zip(first, second).block();

        assertThat(both.getT1().outboxRows() + both.getT2().outboxRows()).isEqualTo(5);
        assertThat(both.getT1().idempotencyKeys() + both.getT2().idempotencyKeys()).isEqualTo(3);
        assertThat(count("SELECT count(*) FROM outbox WHERE aggregate_type = 'old-published'")).isZero();
        assertThat(count("SELECT count(*) FROM outbox WHERE aggregate_type = 'recent-published'")).isEqualTo(2);
        assertThat(count("SELECT count(*) FROM outbox WHERE aggregate_type = 'never-published'")).isEqualTo(2);
        assertThat(count("SELECT count(*) FROM idempotency_keys WHERE key = 'fresh'")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM idempotency_keys WHERE key LIKE 'expired-%'")).isZero();

        Housekeeping.Swept again = housekeeping.sweep(now).block();
        assertThat(again).isEqualTo(new Housekeeping.Swept(0, 0));
    }
}

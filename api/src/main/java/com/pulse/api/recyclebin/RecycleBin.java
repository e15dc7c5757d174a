package com.pulse.api.recyclebin;

import com.pulse.api.security.Caller;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Empties the recycle bin: hard-deletes binned rows together with their field history, in one
 * transaction. Rows that other rows still refer to (a binned account whose live contact points at it,
 * a binned user who still owns records) are kept and counted as skipped. No event is published: the
 * DELETED event went out when the row was binned, and consumers already treat it as gone.
 */
@Service
class RecycleBin {

    private static final Logger log = LoggerFactory.getLogger(RecycleBin.class);

    /** What one entity's purge did. */
    record Counts(long purged, long skipped) {
    }

    /** The answer of {@code DELETE /api/v1/recycle-bin}; {@code olderThan} null when every binned row was considered. */
    record Report(Instant olderThan, Map<String, Counts> entities, long purged, long skipped) {
    }

    /** Later than any deleted_at: the cut-off when none is asked for. */
    private static final Instant NO_LIMIT = Instant.parse("9999-01-01T00:00:00Z");

    private final DatabaseClient db;
    private final TransactionalOperator tx;

    RecycleBin(DatabaseClient db, TransactionalOperator tx) {
        this.db = db;
        this.tx = tx;
    }

    /**
     * @param tables    the entities to purge, in {@link BinnedTable#ALL} order
     * @param olderThan only rows binned before this instant; null for every binned row
     */
    Mono<Report> purge(List<BinnedTable> tables, Instant olderThan, Caller caller) {
        Instant before = olderThan == null ? NO_LIMIT : olderThan;
        Mono<Report> work = Flux.fromIterable(tables)
                .concatMap(table -> purge(table, before).map(counts -> Map.entry(table.entity(), counts)))
                .collectList()
                .map(results -> {
                    Map<String, Counts> entities = new LinkedHashMap<>();
                    results.forEach(e -> entities.put(e.getKey(), e.getValue()));
                    return new Report(olderThan, entities, entities.values().stream().mapToLong(Counts::purged).sum(),
                            entities.values().stream().mapToLong(Counts::skipped).sum());
                });
        return tx.transactional(work).doOnNext(report -> log.info("Recycle bin purged by {}: {} rows deleted, {} kept "
                + "because still referenced, binned before {}: {}", caller.actor(), report.purged(), report.skipped(),
                olderThan, report.entities()));
    }

    private Mono<Counts> purge(BinnedTable table, Instant olderThan) {
        Mono<Long> binned = db.sql(table.binnedCountSql()).bind("before", olderThan)
                .map(row -> row.get(0, Long.class)).one();
        Mono<Long> purged = purgeRound(table, olderThan)
                // A parent becomes free once its binned children are gone: repeat until a round finds nothing.
                .expand(n -> table.selfNesting() && n > 0 ? purgeRound(table, olderThan) : Mono.empty())
                .reduce(0L, Long::sum);
        return binned.flatMap(total -> purged.map(n -> new Counts(n, total - n)));
    }

    private Mono<Long> purgeRound(BinnedTable table, Instant olderThan) {
        return db.sql(table.purgeableSql()).bind("before", olderThan)
                .map(row -> row.get("id", UUID.class)).all().collectList()
                .flatMap(ids -> {
                    if (ids.isEmpty()) {
                        return Mono.just(0L);
                    }
                    UUID[] array = ids.toArray(UUID[]::new);
                    return db.sql(table.deleteHistorySql()).bind("ids", array).then()
                            .then(db.sql(table.deleteRowsSql()).bind("ids", array).fetch().rowsUpdated());
                });
    }
}

package com.pulse.olap.system;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * At most {@code pulse.olap.concurrency.per-user} pivot, drill-through and export queries of one user run at once; one
 * more is refused at once with {@link TooManyQueries} (429) rather than queued, so a user cannot fill ClickHouse's
 * threads and a refused caller knows immediately. Counted in this process: with several olap instances the limit is
 * per instance.
 */
@Component
public class QueryLimit {

    private final int perUser;
    private final Map<String, Integer> running = new ConcurrentHashMap<>();

    QueryLimit(@Value("${pulse.olap.concurrency.per-user:2}") int perUser) {
        if (perUser < 1) {
            throw new IllegalArgumentException("pulse.olap.concurrency.per-user must be at least 1, not " + perUser);
        }
        this.perUser = perUser;
    }

    /** Runs {@code query} for {@code user} if fewer than the limit of theirs are running; no user (auth off): no limit. */
    public <T> T run(String user, Supplier<T> query) {
        if (user == null) {
            return query.get();
        }
        running.compute(user, (u, n) -> {
            int now = n == null ? 0 : n;
            if (now >= perUser) {
                throw new TooManyQueries(perUser);
            }
            return now + 1;
        });
        try {
            return query.get();
        } finally {
            running.compute(user, (u, n) -> n == null || n <= 1 ? null : n - 1);
        }
    }

    /** How many queries of {@code user} are running now. */
    public int running(String user) {
        return running.getOrDefault(user, 0);
    }
}

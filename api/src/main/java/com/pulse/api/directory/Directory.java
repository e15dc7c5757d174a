package com.pulse.api.directory;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/** Users' and teams' names by id, in one bound statement, recycle bin included. */
@Repository
class Directory {

    /** id → name for the users and the teams asked for that exist. */
    record Names(Map<String, String> users, Map<String, String> teams) {
    }

    private final DatabaseClient db;

    Directory(DatabaseClient db) {
        this.db = db;
    }

    Mono<Names> names(Set<UUID> ids) {
        return db.sql("""
                        SELECT 'user' AS kind, id, name FROM users WHERE id = ANY(:ids)
                        UNION ALL
                        SELECT 'team' AS kind, id, name FROM teams WHERE id = ANY(:ids)""")
                .bind("ids", ids.toArray(UUID[]::new))
                .map(row -> new String[] {row.get("kind", String.class), row.get("id", UUID.class).toString(),
                        row.get("name", String.class)})
                .all()
                .collectList()
                .map(rows -> {
                    Map<String, String> users = new TreeMap<>();
                    Map<String, String> teams = new TreeMap<>();
                    rows.forEach(r -> ("user".equals(r[0]) ? users : teams).put(r[1], r[2]));
                    return new Names(users, teams);
                });
    }
}

package com.pulse.api.directory;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/** Users' and teams' names by id, two bound queries, recycle bin included. */
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
        UUID[] array = ids.toArray(UUID[]::new);
        return names("SELECT id, name FROM users WHERE id = ANY(:ids)", array)
                .zipWith(names("SELECT id, name FROM teams WHERE id = ANY(:ids)", array))
                .map(t -> new Names(t.getT1(), t.getT2()));
    }

    private Mono<Map<String, String>> names(String sql, UUID[] ids) {
        return db.sql(sql).bind("ids", ids)
                .map(row -> Map.entry(row.get("id", UUID.class).toString(), row.get("name", String.class)))
                .all()
                .collectMap(Map.Entry::getKey, Map.Entry::getValue, TreeMap::new)
                .map(m -> (Map<String, String>) m);
    }
}

package com.pulse.api.security;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Resolves a caller's {@link DataScope} per request, from the database rather than the token, so a
 * team change or a new team member counts at once. EXECUTIVE, ANALYST, ADMIN and system callers see
 * everything; a MANAGER the users of the live teams they manage and every team below them (one recursive
 * query), plus themselves; anybody else (REP, or a token with no Pulse role) only themselves.
 */
@Component
public class DataScopes {

    private final DatabaseClient db;

    DataScopes(DatabaseClient db) {
        this.db = db;
    }

    public Mono<DataScope> of(Caller caller) {
        if (caller.system() || caller.has(Role.ADMIN) || caller.has(Role.EXECUTIVE) || caller.has(Role.ANALYST)) {
            return Mono.just(DataScope.everything());
        }
        UUID me = caller.userId();
        if (me == null) {
            return Mono.just(new DataScope(false, List.of(), List.of(), caller.teamId()));
        }
        if (!caller.has(Role.MANAGER)) {
            return Mono.just(new DataScope(false, List.of(me), List.of(), caller.teamId()));
        }
        // UNION (not UNION ALL) stops at teams already seen, so even a damaged tree cannot loop forever.
        // A binned team is managed by nobody (olap's managed_teams claim and the notifier leave it out too); the
        // teams below a live managed team count whatever their state, as olap finds them by the facts' team path.
        return db.sql("""
                        WITH RECURSIVE subtree (id) AS (
                            SELECT id FROM teams WHERE manager_id = :me AND deleted_at IS NULL
                            UNION
                            SELECT t.id FROM teams t JOIN subtree s ON t.parent_id = s.id)
                        SELECT 'T' AS kind, id FROM subtree
                        UNION ALL
                        SELECT 'U' AS kind, u.id FROM users u WHERE u.team_id IN (SELECT id FROM subtree)""")
                .bind("me", me)
                .map(row -> new Object[] {row.get("kind", String.class), row.get("id", UUID.class)})
                .all().collectList()
                .map(rows -> {
                    List<UUID> users = new ArrayList<>(List.of(me));
                    List<UUID> teams = new ArrayList<>();
                    for (Object[] r : rows) {
                        (r[0].equals("T") ? teams : users).add((UUID) r[1]);
                    }
                    return new DataScope(false, users, teams, caller.teamId());
                });
    }
}

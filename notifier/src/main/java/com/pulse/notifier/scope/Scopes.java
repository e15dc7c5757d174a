package com.pulse.notifier.scope;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Resolves a user's {@link Scope} from the api's tables ({@code public.users}, {@code public.teams},
 * read-only), with the same rules and the same recursive team query as the api's DataScopes, so a
 * rule sees exactly what its owner sees in the api. Subjects that are not api user ids see nothing.
 */
@Component
public class Scopes {

    private static final Set<String> SEE_ALL = Set.of("ADMIN", "EXECUTIVE", "ANALYST");
    /**
     * The teams {@code :me} manages and every team below them, as the api's DataScopes walks them: a binned team is
     * managed by nobody; UNION (not UNION ALL) stops at teams already seen, so a damaged tree cannot loop forever.
     */
    private static final String MANAGED_SUBTREE = """
            WITH RECURSIVE subtree (id) AS (
                SELECT id FROM public.teams WHERE manager_id = :me AND deleted_at IS NULL
                UNION
                SELECT t.id FROM public.teams t JOIN subtree s ON t.parent_id = s.id)
            """;

    private final JdbcClient jdbc;

    Scopes(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The scope of a caller, with the roles of their token. */
    public Scope of(String userId, Collection<String> roles) {
        if (seesAll(roles)) {
            return Scope.everything();
        }
        Optional<UUID> me = uuid(userId);
        if (me.isEmpty()) {
            return new Scope(false, List.of());
        }
        if (!roles.contains("MANAGER")) {
            return new Scope(false, List.of(me.get()));
        }
        List<UUID> users = new ArrayList<>(List.of(me.get()));
        users.addAll(jdbc.sql(MANAGED_SUBTREE
                        + "SELECT u.id FROM public.users u WHERE u.team_id IN (SELECT id FROM subtree) AND u.id <> :me")
                .param("me", me.get()).query(UUID.class).list());
        return new Scope(false, users);
    }

    /** Whether the roles see every record (and so every team and the company figures). */
    public static boolean seesAll(Collection<String> roles) {
        return roles.stream().anyMatch(SEE_ALL::contains);
    }

    /** The teams a user manages and every team below them (empty for a user who manages none). */
    public Set<UUID> managedTeams(String userId) {
        return uuid(userId).map(me -> Set.copyOf(jdbc.sql(MANAGED_SUBTREE + "SELECT id FROM subtree")
                .param("me", me).query(UUID.class).list())).orElse(Set.of());
    }

    /** The scope of a user with the roles the api holds for them now (for firings, which have no token). */
    public Scope of(String userId) {
        List<String> roles = uuid(userId).map(id -> jdbc.sql(
                        "SELECT unnest(roles) FROM public.users WHERE id = :id AND deleted_at IS NULL AND active")
                .param("id", id).query(String.class).list()).orElse(List.of());
        return of(userId, roles);
    }

    /** The api user id {@code text} names, if it is one (api ids are UUIDs; anything else names nobody). */
    public static Optional<UUID> uuid(String text) {
        try {
            return text != null && text.length() == 36 ? Optional.of(UUID.fromString(text)) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}

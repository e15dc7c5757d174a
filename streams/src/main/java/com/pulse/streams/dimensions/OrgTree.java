package com.pulse.streams.dimensions;

import com.pulse.events.TeamChanged;
import com.pulse.events.TeamSnapshot;
import com.pulse.events.UserChanged;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The owner → team → parent team tree from {@code crm.users.v1} and {@code crm.teams.v1}, each version-filtered
 * like opportunities (an older or equal version is dropped). An owner's <em>team path</em> is its team, that
 * team's parent, and so on up to a top-level team (department); a deleted or not yet known team ends the path,
 * so its members count for no team above it. A cycle in parent ids (never valid, but input) ends it too.
 */
final class OrgTree {

    static final String USERS = "org-users";
    static final String TEAMS = "org-teams";
    private static final int MAX_DEPTH = 64;

    /** A user's dimensions: its team (null when it has none). */
    record UserDim(UUID teamId, long version) {
    }

    /** A team's place in the tree. */
    record TeamDim(UUID parentId, String name, boolean deleted, long version) {
    }

    private final KeyValueStore<String, UserDim> users;
    private final KeyValueStore<String, TeamDim> teams;

    OrgTree(KeyValueStore<String, UserDim> users, KeyValueStore<String, TeamDim> teams) {
        this.users = users;
        this.teams = teams;
    }

    /** Applies a user version; false when it is not newer than the one applied (duplicate, late). */
    boolean apply(UserChanged e) {
        String id = e.aggregateId().toString();
        UserDim current = users.get(id);
        if (current != null && e.aggregateVersion() <= current.version()) {
            return false;
        }
        users.put(id, new UserDim(e.snapshot().teamId(), e.aggregateVersion()));
        return true;
    }

    boolean apply(TeamChanged e) {
        String id = e.aggregateId().toString();
        TeamDim current = teams.get(id);
        if (current != null && e.aggregateVersion() <= current.version()) {
            return false;
        }
        TeamSnapshot s = e.snapshot();
        teams.put(id, new TeamDim(s.parentId(), s.name(), s.deleted(), e.aggregateVersion()));
        return true;
    }

    /** The owner's team path, the owner's own team first; empty for an unknown owner or one without a team. */
    List<String> path(String ownerId) {
        UserDim user = users.get(ownerId);
        List<String> path = new ArrayList<>();
        if (user == null || user.teamId() == null) {
            return path;
        }
        Set<String> seen = new HashSet<>();
        String id = user.teamId().toString();
        while (id != null && path.size() < MAX_DEPTH && seen.add(id)) {
            TeamDim team = teams.get(id);
            if (team == null || team.deleted()) {
                break;
            }
            path.add(id);
            id = team.parentId() == null ? null : team.parentId().toString();
        }
        return path;
    }

    /** Every known user id. */
    List<String> userIds() {
        List<String> ids = new ArrayList<>();
        try (KeyValueIterator<String, UserDim> it = users.all()) {
            it.forEachRemaining(kv -> ids.add(kv.key));
        }
        return ids;
    }

    /** The top-level teams (no parent, not deleted): their targets add up to the company's. */
    List<String> topLevelTeams() {
        List<String> ids = new ArrayList<>();
        try (KeyValueIterator<String, TeamDim> it = teams.all()) {
            it.forEachRemaining(kv -> {
                if (kv.value.parentId() == null && !kv.value.deleted()) {
                    ids.add(kv.key);
                }
            });
        }
        return ids;
    }
}

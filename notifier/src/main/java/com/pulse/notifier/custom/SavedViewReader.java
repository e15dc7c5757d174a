package com.pulse.notifier.custom;

import com.pulse.clickhouse.ClickHouseGateway;
import com.pulse.notifier.builtin.OlapQueries;
import com.pulse.notifier.scope.Scopes;
import com.pulse.olap.query.PivotQuery;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a saved view from ClickHouse and decides, as olap's {@code SavedViews} does for a reader, whether a user may
 * see it: their own; {@code company}; {@code team} when they see everything, are in the owner's team at save time, or
 * are a manager of a team at or above it (olap's data scope of a manager: the teams they manage and the teams below).
 * The user's roles, team and managed teams come from the api's tables (there is no token at a firing).
 */
@Component
class SavedViewReader {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ClickHouseGateway clickHouse;
    private final Scopes scopes;
    private final OlapQueries olap;

    SavedViewReader(ClickHouseGateway clickHouse, Scopes scopes, OlapQueries olap) {
        this.clickHouse = clickHouse;
        this.scopes = scopes;
        this.olap = olap;
    }

    /** The view, when it exists, is not deleted and {@code userId} may see it. */
    Optional<SavedView> visibleTo(String userId, String viewId) {
        List<Map<String, Object>> rows = clickHouse.query("SELECT toString(id) AS id, name, owner_id, owner_team_id, "
                + "sharing, query FROM saved_views FINAL WHERE id = ? AND deleted = 0", viewId); // id: the toString alias, as olap asks
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Object> row = rows.get(0);
        SavedView view = new SavedView(String.valueOf(row.get("id")), String.valueOf(row.get("name")),
                String.valueOf(row.get("owner_id")), String.valueOf(row.get("owner_team_id")),
                String.valueOf(row.get("sharing")), JSON.readValue(String.valueOf(row.get("query")), PivotQuery.class));
        return visible(userId, view) ? Optional.of(view) : Optional.empty();
    }

    private boolean visible(String userId, SavedView view) {
        if (view.ownerId().equals(userId) || "company".equals(view.sharing())) {
            return true;
        }
        if (!"team".equals(view.sharing()) || view.ownerTeamId().isBlank()) {
            return false;
        }
        OlapQueries.ApiUser user = olap.user(userId);
        if (Scopes.seesAll(user.roles())) {
            return true;
        }
        String team = user.team();
        if (view.ownerTeamId().equalsIgnoreCase(team)) {
            return true;
        }
        // a manager: the view's team is one they manage or below one (olap's ScopeGuard.inTeamOrAbove, same roots)
        return user.roles().contains("MANAGER")
                && Scopes.uuid(view.ownerTeamId()).map(scopes.managedTeams(userId)::contains).orElse(false);
    }
}

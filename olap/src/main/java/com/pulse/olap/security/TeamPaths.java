package com.pulse.olap.security;

import com.pulse.clickhouse.ClickHouseSql;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The team tree as the streams left it in {@code opportunities.team_path} (department first, team ids joined
 * by '/'): olap has no access to the api's database, and the owners' paths are what the TEAM cells sum.
 * A team or owner without any deal is unknown here, so a manager is answered 404 for it (its cells are empty anyway).
 */
@Component
class TeamPaths {

    // position() on the bound text, then an exact check in Java: a team id is a path element, not a substring.
    static final String PATHS_WITH_TEAM = """
            SELECT DISTINCT team_path FROM opportunities FINAL WHERE position(team_path, ?) > 0""";

    // The owner's current path is the one on their most recently updated deal.
    static final String OWNER_PATH = """
            SELECT team_path FROM opportunities FINAL WHERE toString(owner_id) = ?
            ORDER BY updated_at DESC, team_path LIMIT 1""";

    private final ClickHouseSql clickHouse;

    TeamPaths(ClickHouseSql clickHouse) {
        this.clickHouse = clickHouse;
    }

    /** Whether {@code team} is one of {@code ancestors} or below one of them on some known path (one query). */
    boolean teamWithin(String team, Collection<String> ancestors) {
        if (ancestors.isEmpty()) {
            return false;
        }
        if (ancestors.contains(team)) {
            return true;
        }
        return clickHouse.query(PATHS_WITH_TEAM, team).stream().map(TeamPaths::path)
                .anyMatch(path -> ancestors.stream().anyMatch(ancestor -> {
                    int a = path.indexOf(ancestor);
                    return a >= 0 && a < path.indexOf(team);
                }));
    }

    /** Whether the owner's current team path contains any of {@code ancestors} (one query). */
    boolean ownerWithin(String owner, Collection<String> ancestors) {
        if (ancestors.isEmpty()) {
            return false;
        }
        return clickHouse.query(OWNER_PATH, owner).stream().map(TeamPaths::path)
                .anyMatch(path -> ancestors.stream().anyMatch(path::contains));
    }

    private static List<String> path(Map<String, Object> row) {
        return Arrays.asList(String.valueOf(row.get("team_path")).split("/"));
    }
}

package com.pulse.streams.rebuild;

import com.pulse.clickhouse.ClickHouseSql;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The ClickHouse tables a rebuild truncates and the replay rewrites: every table of the configured database
 * except the migration history and {@code pulse.rebuild.keep-tables}. Found in {@code system.tables}, so a table
 * a new migration adds is covered without being registered anywhere.
 */
public final class AggregateTables {

    static final String MIGRATION_HISTORY = "schema_migrations";
    private static final Pattern REPLACING_VERSION = Pattern.compile("ReplacingMergeTree\\((\\w+)\\)");

    private final ClickHouseSql clickHouse;
    private final Set<String> keep;

    public AggregateTables(ClickHouseSql clickHouse, List<String> keepTables) {
        this.clickHouse = clickHouse;
        this.keep = Set.copyOf(keepTables);
    }

    public List<Table> list() {
        List<Table> tables = new ArrayList<>();
        for (Map<String, Object> row : clickHouse.query(
                "SELECT name, engine, engine_full FROM system.tables WHERE database = currentDatabase() ORDER BY name")) {
            String name = (String) row.get("name");
            String engine = (String) row.get("engine");
            if (name.equals(MIGRATION_HISTORY) || keep.contains(name) || !engine.endsWith("MergeTree")) {
                continue; // views and other engines hold no data of their own
            }
            tables.add(new Table(name, engine, offsetVersion(name, (String) row.get("engine_full"))));
        }
        return tables;
    }

    public void truncate(Table table) {
        clickHouse.execute("TRUNCATE TABLE " + table.name());
    }

    /**
     * A ReplacingMergeTree version column outside the sorting key is bookkeeping (the sink stores a Kafka offset
     * there, new after a replay), not content; a version in the key (an aggregate version) is content.
     */
    private String offsetVersion(String table, String engineFull) {
        Matcher m = REPLACING_VERSION.matcher(engineFull == null ? "" : engineFull);
        if (!m.find()) {
            return null;
        }
        String column = m.group(1);
        List<Map<String, Object>> key = clickHouse.query("""
                SELECT is_in_sorting_key FROM system.columns WHERE database = currentDatabase() AND table = ? AND name = ?""",
                table, column);
        return !key.isEmpty() && ((Number) key.get(0).get("is_in_sorting_key")).intValue() == 0 ? column : null;
    }

    /**
     * @param offsetVersion the version column that is not content (see above), or null
     */
    public record Table(String name, String engine, String offsetVersion) {

        public boolean collapses() {
            return !engine.equals("MergeTree");
        }
    }
}

package com.pulse.clickhouse;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The versioned ClickHouse schema. Files are listed here rather than found by classpath scanning,
 * which is brittle inside jars; {@code MigrationsTests} checks the list matches the directory.
 *
 * <p>Applied in order, each once, recorded in {@code schema_migrations}. Every statement is
 * {@code IF NOT EXISTS}, and {@code schema_migrations} is a ReplacingMergeTree, so two services
 * migrating at the same moment converge instead of failing.
 */
public final class Migrations {

    static final String DIRECTORY = "clickhouse/migrations/";

    /** Add new files at the end. Never edit an applied one: write a new version. */
    static final List<String> FILES = List.of(
            "V001__funnel_snapshot.sql",
            "V002__opportunity_versions.sql",
            "V003__stage_transitions.sql",
            "V004__forecast_month.sql",
            "V005__forecast_cells.sql",
            "V006__forecast_snapshots.sql",
            "V007__opportunities.sql",
            "V010__kpis.sql",
            "V011__kpi_targets.sql",
            "V012__leads.sql",
            "V013__activities.sql",
            "V014__targets.sql",
            "V015__saved_views.sql");

    private static final Logger log = LoggerFactory.getLogger(Migrations.class);
    private static final Pattern FILE_NAME = Pattern.compile("V(\\d{3,})__([a-z0-9_]+)\\.sql");

    private static final String HISTORY_TABLE = """
            CREATE TABLE IF NOT EXISTS schema_migrations (
                version UInt32,
                name String,
                applied_at DateTime('UTC')
            ) ENGINE = ReplacingMergeTree(applied_at) ORDER BY version""";

    private Migrations() {
    }

    /** All migrations in version order. */
    public static List<Migration> all() {
        List<Migration> migrations = new ArrayList<>();
        for (String file : FILES) {
            Matcher m = FILE_NAME.matcher(file);
            if (!m.matches()) {
                throw new IllegalStateException("migration file name must look like V001__name.sql: " + file);
            }
            migrations.add(new Migration(Integer.parseInt(m.group(1)), m.group(2), read(DIRECTORY + file)));
        }
        for (int i = 1; i < migrations.size(); i++) {
            if (migrations.get(i).version() <= migrations.get(i - 1).version()) {
                throw new IllegalStateException("migrations out of order at " + FILES.get(i));
            }
        }
        return migrations;
    }

    /** Applies the migrations the engine has not recorded yet; returns the versions applied now. */
    public static List<Integer> applyTo(ClickHouseSql sql) {
        sql.execute(HISTORY_TABLE);
        Set<Integer> applied = new HashSet<>();
        for (Map<String, Object> row : sql.query("SELECT version FROM schema_migrations FINAL")) {
            applied.add(((Number) row.get("version")).intValue());
        }
        List<Integer> now = new ArrayList<>();
        for (Migration migration : all()) {
            if (applied.contains(migration.version())) {
                continue;
            }
            for (String statement : migration.statements()) {
                sql.execute(statement);
            }
            sql.insertJsonEachRow("schema_migrations", List.of(Map.of(
                    "version", migration.version(), "name", migration.name(), "applied_at", Instant.now())));
            log.info("applied ClickHouse migration V{} {}", migration.version(), migration.name());
            now.add(migration.version());
        }
        return now;
    }

    private static String read(String resource) {
        try (InputStream in = Migrations.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing migration resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

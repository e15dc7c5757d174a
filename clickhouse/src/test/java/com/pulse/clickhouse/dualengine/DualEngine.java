package com.pulse.clickhouse.dualengine;

import com.pulse.clickhouse.ChdbEngine;
import com.pulse.clickhouse.ClickHouseGateway;
import com.pulse.clickhouse.ClickHouseSettings;
import com.pulse.clickhouse.ClickHouseSql;
import com.pulse.devstack.Devstack;
import com.pulse.devstack.TestNamespace;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The same database on two ClickHouse engines: the devstack server (Debian's 18.16, through
 * {@link ClickHouseGateway}) and chDB 26.5 in-process (through {@link ChdbEngine}), both behind
 * {@link ClickHouseSql}. Statements run on both; queries must give the same {@link Cells}.
 *
 * <pre>{@code
 * static final DualEngine ENGINES = DualEngine.open(MyDualEngineTests.class);
 * ENGINES.migrate();
 * ENGINES.insertJsonEachRow("funnel_snapshot", rows);
 * ENGINES.sameCells("SELECT stage, sum(amount) AS amount FROM funnel_snapshot FINAL GROUP BY stage ORDER BY stage");
 * }</pre>
 */
public final class DualEngine implements AutoCloseable {

    /** One engine, named for failure messages. */
    public record Engine(String name, ClickHouseSql sql) {
        @Override
        public String toString() {
            return name;
        }
    }

    private final ClickHouseGateway server;
    private final ChdbEngine chdb;
    private final List<Engine> engines;

    private DualEngine(ClickHouseGateway server, ChdbEngine chdb) {
        this.server = server;
        this.chdb = chdb;
        this.engines = List.of(new Engine("ClickHouse 18.16 (devstack server)", server), new Engine("chDB 26.5", chdb));
    }

    /** A fresh devstack namespace for the test class; the chDB database gets the same name. */
    public static DualEngine open(Class<?> testClass) {
        return open(Devstack.get().newNamespace(testClass));
    }

    public static DualEngine open(TestNamespace ns) {
        ChdbEngine chdb = ChdbEngine.open(ns.clickhouseDatabase());
        ClickHouseGateway server = new ClickHouseGateway(new ClickHouseSettings(ns.clickhouseUrl(), ns.clickhouseDatabase(), "default", ""));
        return new DualEngine(server, chdb);
    }

    public ClickHouseGateway server() {
        return server;
    }

    public ChdbEngine chdb() {
        return chdb;
    }

    public List<Engine> engines() {
        return engines;
    }

    /** Applies the migrations on both engines, each through its own adapter. */
    public void migrate() {
        server.migrate();
        chdb.migrate();
    }

    public void execute(String sql, Object... params) {
        forEach(engine -> {
            engine.sql().execute(sql, params);
            return null;
        });
    }

    public void insertJsonEachRow(String table, List<Map<String, Object>> rows) {
        forEach(engine -> {
            engine.sql().insertJsonEachRow(table, rows);
            return null;
        });
    }

    /** Runs the query on both engines and returns each engine's raw rows, in {@link #engines()} order. */
    public List<List<Map<String, Object>>> queryBoth(String sql, Object... params) {
        return forEach(engine -> engine.sql().query(sql, params));
    }

    /**
     * Runs the query on both engines and fails unless both answer the same cells in the same order
     * (numbers compared by value, see {@link Cells}); returns those cells.
     */
    public List<Map<String, String>> sameCells(String sql, Object... params) {
        return same(sql, params, Cells::of);
    }

    /** Like {@link #sameCells} for queries without ORDER BY: rows are compared as sorted lists. */
    public List<Map<String, String>> sameCellsInAnyOrder(String sql, Object... params) {
        return same(sql, params, Cells::sorted);
    }

    private List<Map<String, String>> same(String sql, Object[] params, Function<List<Map<String, Object>>, List<Map<String, String>>> cells) {
        List<List<Map<String, Object>>> answers = queryBoth(sql, params);
        List<Map<String, String>> first = cells.apply(answers.get(0));
        List<Map<String, String>> second = cells.apply(answers.get(1));
        if (!first.equals(second)) {
            throw new AssertionError("the engines answer differently to:\n" + sql
                    + "\n" + engines.get(0) + ":\n" + Cells.table(first)
                    + "\n" + engines.get(1) + ":\n" + Cells.table(second));
        }
        return first;
    }

    /** Runs on every engine; a failure names the engine, so a dialect gap is obvious in the report. */
    private <T> List<T> forEach(Function<Engine, T> action) {
        List<T> results = new ArrayList<>(engines.size());
        for (Engine engine : engines) {
            try {
                results.add(action.apply(engine));
            } catch (RuntimeException e) {
                throw new AssertionError(engine + " failed: " + e.getMessage(), e);
            }
        }
        return results;
    }

    @Override
    public void close() {
        server.close();
        chdb.close();
    }
}

package com.pulse.clickhouse;

import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A current ClickHouse (chDB 26.5, in-process) behind the same {@link ClickHouseSql} as
 * {@link ClickHouseGateway}: the same {@link SqlTemplate} binding, the same {@code FORMAT JSONEachRow}
 * suffix and the same {@link JsonRows} reading and writing, so a difference between the two engines
 * shows up as a difference in the SQL's answer, not in the adapters. It lives in the gateway's package
 * for {@link JsonRows}.
 *
 * <p>chDB keeps one storage path per process, so every engine of a test JVM shares one directory
 * under {@code java.io.tmpdir}; each engine is its own connection (session) with its own database
 * selected by {@code USE}. A connection runs one statement at a time: the methods are synchronized.
 */
public final class ChdbEngine implements ClickHouseSql, AutoCloseable {

    private static final byte[] JSON_EACH_ROW = "JSONEachRow".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TAB_SEPARATED = "TabSeparated".getBytes(StandardCharsets.US_ASCII);

    private static ChdbLibrary library;
    private static Path dataPath;

    private final String database;
    private Pointer connectionPointer;
    private final Pointer connection;

    private ChdbEngine(String database, Pointer connectionPointer) {
        this.database = database;
        this.connectionPointer = connectionPointer;
        this.connection = connectionPointer.getPointer(0);
    }

    /** Opens a session on the process-wide chDB engine with {@code database} created and selected. */
    public static ChdbEngine open(String database) {
        SqlLiteral.simpleIdentifier(database);
        ChdbLibrary lib = library();
        // Same output settings the gateway gives the HTTP server: 64-bit integers unquoted.
        String[] argv = {"clickhouse", "--path=" + dataPath, "--output_format_json_quote_64bit_integers=0"};
        Pointer pointer = lib.chdb_connect(argv.length, argv);
        if (pointer == null || pointer.getPointer(0) == null) {
            throw new ClickHouseException("chDB refused to connect on " + dataPath, null);
        }
        ChdbEngine engine = new ChdbEngine(database, pointer);
        engine.execute("CREATE DATABASE IF NOT EXISTS " + database);
        engine.execute("USE " + database);
        return engine;
    }

    public String database() {
        return database;
    }

    /** The same as {@link ClickHouseGateway#migrate()}: creates nothing more, applies pending migrations. */
    public List<Integer> migrate() {
        return Migrations.applyTo(this);
    }

    @Override
    public synchronized List<Map<String, Object>> query(String sql, Object... params) {
        String bound = withoutTrailingSemicolon(SqlTemplate.bind(sql, params)) + "\nFORMAT JSONEachRow";
        byte[] out = run(bound.getBytes(StandardCharsets.UTF_8), JSON_EACH_ROW, bound);
        try {
            return JsonRows.read(new ByteArrayInputStream(out));
        } catch (IOException e) {
            throw new ClickHouseException("cannot read the chDB result of: " + abbreviate(bound) + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void execute(String sql, Object... params) {
        String statement = withoutTrailingSemicolon(SqlTemplate.bind(sql, params));
        run(statement.getBytes(StandardCharsets.UTF_8), TAB_SEPARATED, statement);
    }

    @Override
    public synchronized void insertJsonEachRow(String table, List<Map<String, Object>> rows) {
        SqlLiteral.identifier(table);
        if (rows.isEmpty()) {
            return;
        }
        // The statement and its data in one text, as the HTTP interface receives them.
        String head = "INSERT INTO " + table + " FORMAT JSONEachRow\n";
        ByteArrayOutputStream statement = new ByteArrayOutputStream();
        try {
            statement.write(head.getBytes(StandardCharsets.UTF_8));
            JsonRows.write(rows, statement);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        run(statement.toByteArray(), TAB_SEPARATED, "INSERT INTO " + table + " (" + rows.size() + " rows)");
    }

    @Override
    public synchronized void close() {
        if (connectionPointer != null) {
            library.chdb_close_conn(connectionPointer);
            connectionPointer = null;
        }
    }

    private byte[] run(byte[] statement, byte[] format, String what) {
        if (connectionPointer == null) {
            throw new IllegalStateException("chDB engine for " + database + " is closed");
        }
        Pointer result = library.chdb_query_n(connection, statement, new NativeLong(statement.length),
                format, new NativeLong(format.length));
        if (result == null) {
            throw new ClickHouseException("chDB returned no result for " + abbreviate(what), null);
        }
        try {
            String error = library.chdb_result_error(result);
            if (error != null) {
                throw new ClickHouseException("chDB refused " + abbreviate(what) + ": " + error, null);
            }
            long length = library.chdb_result_length(result).longValue();
            Pointer buffer = library.chdb_result_buffer(result);
            return length == 0 || buffer == null ? new byte[0] : buffer.getByteArray(0, Math.toIntExact(length));
        } finally {
            library.chdb_destroy_query_result(result);
        }
    }

    private static synchronized ChdbLibrary library() {
        if (library == null) {
            ChdbLibrary lib = ChdbLibrary.load(ChdbLibrary.location());
            JvmSignalChaining.require();
            // The JVM handles the fatal signals; chDB's crash reporting would only compete with hs_err.
            lib.chdb_set_signal_handlers_enabled(0);
            try {
                dataPath = Files.createTempDirectory("chdb-");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            library = lib;
        }
        return library;
    }

    private static String withoutTrailingSemicolon(String sql) {
        String s = sql.strip();
        while (s.endsWith(";")) {
            s = s.substring(0, s.length() - 1).strip();
        }
        return s;
    }

    private static String abbreviate(String sql) {
        return sql.length() <= 300 ? sql : sql.substring(0, 300) + "…";
    }

    @Override
    public String toString() {
        return "chDB " + ChdbLibrary.VERSION + " [" + database + "]";
    }
}

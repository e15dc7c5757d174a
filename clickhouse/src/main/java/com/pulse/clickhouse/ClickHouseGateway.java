package com.pulse.clickhouse;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.command.CommandResponse;
import com.clickhouse.client.api.command.CommandSettings;
import com.clickhouse.client.api.insert.InsertResponse;
import com.clickhouse.client.api.insert.InsertSettings;
import com.clickhouse.client.api.query.QueryResponse;
import com.clickhouse.client.api.query.QuerySettings;
import com.clickhouse.data.ClickHouseFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one gateway to a ClickHouse server, over the official {@code client-v2} HTTP client used with
 * text formats only, so it works with 18.16 (our test server) and current releases alike:
 * <ul>
 *   <li>compression off both ways: LZ4 over HTTP answers with an empty body on 18.16;</li>
 *   <li>{@code FORMAT JSONEachRow} written into the SQL and parsed from the response stream
 *       (18.16 lacks the RowBinaryWithNamesAndTypes the client would ask for);</li>
 *   <li>64-bit integers come back unquoted ({@code output_format_json_quote_64bit_integers=0});</li>
 *   <li>the database travels as the {@code database} setting of every request;</li>
 *   <li>values are bound client-side by {@link SqlTemplate} (18.16 has no server-side parameters).</li>
 * </ul>
 * Thread-safe; one instance per application.
 */
public final class ClickHouseGateway implements ClickHouseSql, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ClickHouseGateway.class);
    private static final long TIMEOUT_SECONDS = 120;
    private static final Map<String, String> SERVER_SETTINGS = Map.of("output_format_json_quote_64bit_integers", "0");

    private final ClickHouseSettings settings;
    private final Client client;

    public ClickHouseGateway(ClickHouseSettings settings) {
        this.settings = settings;
        Client.Builder builder = new Client.Builder()
                .addEndpoint(settings.url())
                .setUsername(settings.user())
                .setPassword(settings.password())
                .compressServerResponse(false)
                .compressClientRequest(false)
                .useHttpCompression(false)
                .setClientName("pulse");
        SERVER_SETTINGS.forEach(builder::serverSetting);
        this.client = builder.build();
    }

    public ClickHouseSettings settings() {
        return settings;
    }

    @Override
    public List<Map<String, Object>> query(String sql, Object... params) {
        String bound = withoutTrailingSemicolon(SqlTemplate.bind(sql, params)) + "\nFORMAT JSONEachRow";
        QuerySettings querySettings = new QuerySettings().setFormat(ClickHouseFormat.JSONEachRow);
        querySettings.serverSetting("database", settings.database());
        try (QueryResponse response = await(client.query(bound, querySettings), bound)) {
            return JsonRows.read(response.getInputStream());
        } catch (ClickHouseException e) {
            throw e;
        } catch (Exception e) {
            throw new ClickHouseException("cannot read the result of: " + abbreviate(bound) + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void execute(String sql, Object... params) {
        execute(SqlTemplate.bind(sql, params), settings.database());
    }

    @Override
    public void insertJsonEachRow(String table, List<Map<String, Object>> rows) {
        SqlLiteral.identifier(table);
        if (rows.isEmpty()) {
            return;
        }
        InsertSettings insertSettings = new InsertSettings();
        insertSettings.serverSetting("database", settings.database());
        String what = "INSERT INTO " + table + " (" + rows.size() + " rows)";
        try (InsertResponse ignored = await(client.insert(table, out -> JsonRows.write(rows, out),
                ClickHouseFormat.JSONEachRow, insertSettings), what)) {
            log.debug("{} done", what);
        }
    }

    /** Creates the database when missing, then applies the pending {@link Migrations}. */
    public void migrate() {
        execute("CREATE DATABASE IF NOT EXISTS " + settings.database(), "default");
        Migrations.applyTo(this);
    }

    public boolean ping() {
        try {
            return client.ping(5_000);
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Override
    public void close() {
        client.close();
    }

    private void execute(String sql, String database) {
        String statement = withoutTrailingSemicolon(sql);
        CommandSettings commandSettings = new CommandSettings();
        commandSettings.serverSetting("database", database);
        try (CommandResponse ignored = await(client.execute(statement, commandSettings), statement)) {
            log.debug("executed {}", abbreviate(statement));
        } catch (ClickHouseException e) {
            throw e;
        } catch (Exception e) {
            throw new ClickHouseException("cannot run: " + abbreviate(statement) + ": " + e.getMessage(), e);
        }
    }

    private static <T> T await(CompletableFuture<T> future, String what) {
        try {
            return future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new ClickHouseException("ClickHouse refused " + abbreviate(what) + ": " + cause.getMessage(), cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClickHouseException("interrupted while running " + abbreviate(what), e);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new ClickHouseException("no answer within " + TIMEOUT_SECONDS + " s to " + abbreviate(what), e);
        } catch (RuntimeException e) {
            throw new ClickHouseException("cannot reach ClickHouse for " + abbreviate(what) + ": " + e.getMessage(), e);
        }
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
}

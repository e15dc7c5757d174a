package com.pulse.dashboards.e2e;

import com.pulse.events.Pipeline;
import com.pulse.events.PipelineStage;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/** The funnel recomputed from the API's own table: the truth the streamed figures must converge to. */
final class PostgresFunnel implements AutoCloseable {

    private static final String SQL = """
            SELECT stage, count(*) AS n, coalesce(sum(amount_base), 0) AS amount,
                   coalesce(sum(amount_base * probability / 100.0), 0) AS weighted
            FROM opportunities
            WHERE deleted_at IS NULL AND stage = ANY (?)
            GROUP BY stage
            """;

    private final Connection connection;
    private final String[] openStages = Pipeline.DEFAULT.openStages().stream().map(PipelineStage::name)
            .toArray(String[]::new);

    PostgresFunnel(String jdbcUrl) {
        try {
            connection = DriverManager.getConnection(jdbcUrl);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot connect to " + jdbcUrl, e);
        }
    }

    /** Every open stage in pipeline order, zeros included. */
    Map<String, FunnelCell> funnel() {
        Map<String, FunnelCell> cells = new LinkedHashMap<>();
        for (String stage : openStages) {
            cells.put(stage, FunnelCell.empty(stage));
        }
        try (PreparedStatement statement = connection.prepareStatement(SQL)) {
            statement.setArray(1, connection.createArrayOf("text", openStages));
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    String stage = rows.getString("stage");
                    cells.put(stage, new FunnelCell(stage, rows.getLong("n"), rows.getBigDecimal("amount"),
                            rows.getBigDecimal("weighted")));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot recompute the funnel", e);
        }
        return cells;
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}

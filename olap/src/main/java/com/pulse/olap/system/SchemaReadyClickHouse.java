package com.pulse.olap.system;

import com.pulse.clickhouse.ClickHouseGateway;
import com.pulse.clickhouse.ClickHouseSql;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;

/**
 * The gateway, with the schema migrated before the first statement. olap may start before
 * streams (which also migrates) and before ClickHouse itself: migrating at start-up is tried,
 * and if ClickHouse is not there yet, retried on the next request instead of failing start-up.
 * Migrations are idempotent, so racing streams for them is harmless.
 */
class SchemaReadyClickHouse implements ClickHouseSql {

    private static final Logger log = LoggerFactory.getLogger(SchemaReadyClickHouse.class);

    private final ClickHouseGateway gateway;
    private volatile boolean migrated;

    SchemaReadyClickHouse(ClickHouseGateway gateway) {
        this.gateway = gateway;
    }

    @EventListener(ApplicationReadyEvent.class)
    void migrateAtStartUp() {
        try {
            ready();
        } catch (RuntimeException e) {
            log.warn("ClickHouse schema not migrated at start-up, will retry on the first request: {}", e.getMessage());
        }
    }

    private void ready() {
        if (!migrated) {
            synchronized (this) {
                if (!migrated) {
                    gateway.migrate();
                    migrated = true;
                }
            }
        }
    }

    @Override
    public List<Map<String, Object>> query(String sql, Object... params) {
        ready();
        return gateway.query(sql, params);
    }

    @Override
    public void execute(String sql, Object... params) {
        ready();
        gateway.execute(sql, params);
    }

    @Override
    public void insertJsonEachRow(String table, List<Map<String, Object>> rows) {
        ready();
        gateway.insertJsonEachRow(table, rows);
    }
}

package com.pulse.notifier.custom;

import com.pulse.clickhouse.ClickHouseSettings;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** {@code pulse.clickhouse.*}, as olap reads them: where the facts and the saved views are. */
@ConfigurationProperties("pulse.clickhouse")
record ClickHouseProperties(
        @DefaultValue("http://127.0.0.1:8123") String url,
        @DefaultValue("pulse") String database,
        @DefaultValue("default") String user,
        @DefaultValue("") String password) {

    ClickHouseSettings settings() {
        return new ClickHouseSettings(url, database, user, password);
    }
}

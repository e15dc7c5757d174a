package com.pulse.streams.rebuild;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code pulse.rebuild.*}: what a rebuild may rely on and what it must leave alone.
 *
 * @param sourceRetentionMs {@code retention.ms} the service keeps on every {@code crm.*.v1} topic; -1 (the default)
 *                          keeps the whole history, which a rebuild replays. A finite value makes a rebuild
 *                          forget what expired.
 * @param keepTables        ClickHouse tables a rebuild must not truncate because the topics cannot reproduce
 *                          them (e.g. snapshots frozen by wall-clock time); every other table of the database
 *                          except {@code schema_migrations} is an aggregate the replay rewrites.
 * @param timeout           how long a rebuild waits for the replay to catch up before giving up
 */
@ConfigurationProperties("pulse.rebuild")
public record RebuildProperties(
        @DefaultValue("-1") long sourceRetentionMs,
        @DefaultValue List<String> keepTables,
        @DefaultValue("2h") java.time.Duration timeout) {
}

package com.pulse.api.system;

import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.pool.ConnectionPoolConfiguration;
import io.r2dbc.spi.ConnectionFactory;
import java.time.Duration;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * Builds both database clients from the single {@code pulse.pg.url}: Flyway over JDBC
 * (run here, before the pool exists, so nothing reads an unmigrated schema) and the
 * pooled R2DBC connection factory the application uses. Boot's own R2DBC and Flyway
 * auto-configuration back off because these beans exist / no JDBC DataSource does.
 */
@Configuration(proxyBeanMethods = false)
class DatabaseConfig {

    private static final Logger log = LoggerFactory.getLogger(DatabaseConfig.class);

    @Bean
    PgUrl pgUrl(@Value("${pulse.pg.url}") String url) {
        return PgUrl.parse(url);
    }

    @Bean
    PgConnections pgConnections(PgUrl url) {
        return new PgConnections(url);
    }

    /**
     * Not a {@code Flyway} bean on purpose: Boot would treat one as a database initializer
     * and order it after R2DBC's script initializer, which needs the pool, which needs this.
     */
    @Bean
    MigratedSchema migratedSchema(PgUrl url) {
        Flyway flyway = Flyway.configure()
                .dataSource(url.jdbcUrl(), url.user(), url.password())
                .locations("classpath:db/migration")
                .load();
        var result = flyway.migrate();
        log.info("Flyway: {} migration(s) applied to {}, schema at version {}",
                result.migrationsExecuted, url, result.targetSchemaVersion != null ? result.targetSchemaVersion : result.initialSchemaVersion);
        return new MigratedSchema(String.valueOf(result.targetSchemaVersion));
    }

    /** Marker that the schema is migrated; the pool depends on it. */
    record MigratedSchema(String version) {
    }

    @Bean(destroyMethod = "dispose")
    ConnectionPool connectionFactory(PgConnections connections, MigratedSchema migratedFirst) {
        ConnectionFactory unpooled = connections.dedicated("pulse-api");
        return new ConnectionPool(ConnectionPoolConfiguration.builder(unpooled)
                .name("pulse-api")
                // No warm-up: reactor-pool's warm-up running while the first requests acquire has been
                // seen to leave an acquire pending forever (reactor/reactor-pool#170); connections are
                // opened on demand instead.
                .initialSize(0)
                .maxSize(20)
                .maxIdleTime(Duration.ofMinutes(10))
                .maxAcquireTime(Duration.ofSeconds(10))
                // maxAcquireTime only bounds waiting for a free connection, not opening a new one: a
                // server that accepts the TCP connection but never finishes the start-up handshake
                // would hold the request forever. Bound it, and retry the open.
                .maxCreateConnectionTime(Duration.ofSeconds(5))
                .acquireRetry(2)
                .build());
    }

    @Bean
    TransactionalOperator transactionalOperator(ReactiveTransactionManager transactionManager) {
        return TransactionalOperator.create(transactionManager);
    }
}

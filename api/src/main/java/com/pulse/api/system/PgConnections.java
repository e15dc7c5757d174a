package com.pulse.api.system;

import io.r2dbc.postgresql.PostgresqlConnectionConfiguration;
import io.r2dbc.postgresql.PostgresqlConnectionFactory;
import io.r2dbc.postgresql.client.SSLMode;
import java.time.Duration;

/**
 * Makes R2DBC connection factories from {@link PgUrl}. The pool wraps one of them; the
 * outbox relay takes its own, unpooled, because a LISTEN lives on one long-lived
 * connection that a pool would hand to somebody else.
 */
public final class PgConnections {

    private final PgUrl url;

    public PgConnections(PgUrl url) {
        this.url = url;
    }

    public PostgresqlConnectionFactory dedicated(String applicationName) {
        PostgresqlConnectionConfiguration.Builder builder = PostgresqlConnectionConfiguration.builder()
                .host(url.host())
                .port(url.port())
                .database(url.database())
                .username(url.user())
                .applicationName(applicationName)
                .connectTimeout(Duration.ofSeconds(5));
        if (url.password() != null) {
            builder.password(url.password());
        }
        String sslMode = url.options().get("sslmode");
        if (sslMode != null) {
            builder.sslMode(SSLMode.fromValue(sslMode));
        }
        return new PostgresqlConnectionFactory(builder.build());
    }
}

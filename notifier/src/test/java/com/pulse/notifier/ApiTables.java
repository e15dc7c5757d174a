package com.pulse.notifier;

import java.nio.file.Files;
import java.nio.file.Path;
import org.flywaydb.core.Flyway;

/**
 * The api's tables in a test database: the api module's own Flyway migrations, applied from its source
 * tree into schema {@code public} (the notifier reads them there, read-only), so tests query exactly the
 * schema the api writes.
 */
public final class ApiTables {

    private ApiTables() {
    }

    public static void migrate(String jdbcUrl) {
        Flyway.configure().dataSource(jdbcUrl, null, null)
                .locations("filesystem:" + migrations())
                .schemas("public").defaultSchema("public").table("api_flyway_history")
                .load().migrate();
    }

    private static Path migrations() {
        Path here = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        for (Path root : new Path[] {here.resolve(".."), here}) {
            Path dir = root.resolve("api/src/main/resources/db/migration").normalize();
            if (Files.isDirectory(dir)) {
                return dir;
            }
        }
        throw new IllegalStateException("the api's migrations are not found from " + here);
    }
}

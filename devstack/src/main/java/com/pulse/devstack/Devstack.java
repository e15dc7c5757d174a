package com.pulse.devstack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The running infrastructure, as seen from a test. One per JVM:
 * {@code static final TestNamespace NS = Devstack.get().newNamespace(MyIntegrationTests.class);}
 * <p>
 * Servers come from the environment ({@code PULSE_PG_URL}, {@code PULSE_KAFKA_BOOTSTRAP},
 * {@code PULSE_CLICKHOUSE_URL}), else from the repository's {@code .pulse/test/devstack.env},
 * or from Testcontainers when {@code PULSE_TEST_CONTAINERS=1} and a Docker engine answers.
 */
public final class Devstack {

    static final String NOT_RUNNING = "devstack is not running: run ./pulse test, or ./pulse services up --test";
    private static final List<String> KEYS = List.of(EnvFile.PG_URL, EnvFile.KAFKA_BOOTSTRAP, EnvFile.CLICKHOUSE_URL);
    private static Devstack instance;

    private final String pgUrl;
    private final String kafkaBootstrap;
    private final String clickhouseUrl;

    Devstack(String pgUrl, String kafkaBootstrap, String clickhouseUrl) {
        this.pgUrl = pgUrl;
        this.kafkaBootstrap = kafkaBootstrap;
        this.clickhouseUrl = clickhouseUrl;
    }

    public static synchronized Devstack get() {
        if (instance == null) {
            instance = resolve(System.getenv(), Path.of(System.getProperty("user.dir")));
        }
        return instance;
    }

    static Devstack resolve(Map<String, String> env, Path workingDir) {
        Map<String, String> given = new HashMap<>();
        KEYS.forEach(k -> Optional.ofNullable(env.get(k)).filter(v -> !v.isBlank()).ifPresent(v -> given.put(k, v)));
        if (DevstackSource.select(env, ContainersDevstack::dockerAnswers) == DevstackSource.CONTAINERS) {
            return of(ContainersDevstack.start(given));
        }
        if ("1".equals(env.get(DevstackSource.FLAG))) {
            System.err.println("[devstack] PULSE_TEST_CONTAINERS=1 but no Docker engine (or no Testcontainers on the "
                    + "classpath) answers; using the local devstack");
        }
        Map<String, String> values = new HashMap<>();
        if (given.size() < KEYS.size()) {
            envFile(workingDir).filter(Files::isRegularFile).map(EnvFile::read).ifPresent(values::putAll);
        }
        values.putAll(given);
        if (!values.keySet().containsAll(KEYS)) {
            throw new IllegalStateException(NOT_RUNNING);
        }
        return of(values);
    }

    private static Devstack of(Map<String, String> values) {
        return new Devstack(values.get(EnvFile.PG_URL), values.get(EnvFile.KAFKA_BOOTSTRAP), values.get(EnvFile.CLICKHOUSE_URL));
    }

    /** {@code .pulse/test/devstack.env} of the first directory upwards that holds the {@code pulse} script. */
    static Optional<Path> envFile(Path from) {
        for (Path dir = from.toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("pulse"))) {
                return Optional.of(dir.resolve(".pulse").resolve("test").resolve(Supervisor.ENV_FILE));
            }
        }
        return Optional.empty();
    }

    public String pgUrl() {
        return pgUrl;
    }

    public String kafkaBootstrap() {
        return kafkaBootstrap;
    }

    public String clickhouseUrl() {
        return clickhouseUrl;
    }

    public TestNamespace newNamespace(Class<?> testClass) {
        return newNamespace(testClass.getSimpleName());
    }

    /** Creates a fresh Postgres database and ClickHouse database, and picks a fresh topic prefix. */
    public TestNamespace newNamespace(String hint) {
        String random = Names.random();
        String database = Names.database(Names.hint(hint), random);
        createPostgresDatabase(database);
        ClickHouseHttp.execute(clickhouseUrl, null, null, "CREATE DATABASE IF NOT EXISTS " + database);
        return new TestNamespace(JdbcUrls.withDatabase(pgUrl, database), database, kafkaBootstrap,
                Names.topicPrefix(random), clickhouseUrl, database);
    }

    private void createPostgresDatabase(String database) {
        try (Connection c = DriverManager.getConnection(pgUrl); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + database);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create Postgres database " + database + " at " + pgUrl + ": " + e.getMessage(), e);
        }
    }
}

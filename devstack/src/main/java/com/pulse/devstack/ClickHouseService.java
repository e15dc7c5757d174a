package com.pulse.devstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** clickhouse-server from the OS package, run with a generated private configuration. */
final class ClickHouseService implements Service {

    static final String INSTALL_HINT = "clickhouse-server not found: install it with "
            + "`apt-get install -y clickhouse-server` (Debian/Ubuntu)";

    private final Path dir;
    private final Ports ports;
    private Process process;

    ClickHouseService(Path dir, Ports ports) {
        this.dir = dir;
        this.ports = ports;
    }

    static void stopLeftover(Path dir) {
        Processes.fromPidFile(dir.resolve("clickhouse.pid"), "clickhouse").ifPresent(p -> {
            Log.info("stopping leftover clickhouse (pid " + p.pid() + ")");
            Processes.stop(p, "TERM", Duration.ofSeconds(30));
        });
    }

    /** PULSE_CLICKHOUSE_SERVER, then PATH, then the Debian package's /usr/sbin. */
    static Optional<Path> findBinary(String override, String path) {
        if (override != null && !override.isBlank()) {
            return Optional.of(Path.of(override)).filter(Files::isExecutable);
        }
        List<Path> candidates = new java.util.ArrayList<>();
        if (path != null) {
            Arrays.stream(path.split(java.io.File.pathSeparator)).filter(p -> !p.isBlank())
                    .forEach(p -> candidates.add(Path.of(p, "clickhouse-server")));
        }
        candidates.add(Path.of("/usr/bin/clickhouse-server"));
        candidates.add(Path.of("/usr/sbin/clickhouse-server"));
        return candidates.stream().filter(Files::isExecutable).findFirst();
    }

    @Override
    public String name() {
        return "clickhouse";
    }

    @Override
    public String envName() {
        return EnvFile.CLICKHOUSE_URL;
    }

    @Override
    public String envValue() {
        return "http://127.0.0.1:" + ports.clickhouseHttp();
    }

    @Override
    public long pid() {
        return process == null ? -1 : process.pid();
    }

    @Override
    public void preflight() {
        binary();
    }

    private Path binary() {
        return findBinary(System.getenv("PULSE_CLICKHOUSE_SERVER"), System.getenv("PATH"))
                .orElseThrow(() -> new MissingPrerequisite(INSTALL_HINT));
    }

    @Override
    public void launch() throws IOException {
        Path binary = binary();
        Path home = dir.resolve("clickhouse");
        for (String sub : List.of("data", "tmp", "user_files", "format_schemas")) {
            Files.createDirectories(home.resolve(sub));
        }
        Path logs = dir.resolve("logs");
        Files.writeString(home.resolve("config.xml"), ClickHouseConfig.configXml(home, logs, ports));
        Files.writeString(home.resolve("users.xml"), ClickHouseConfig.usersXml());
        // Runs as the current user; clickhouse 18.16 accepts root when the paths are its own.
        process = new ProcessBuilder(binary.toString(), "--config-file=" + home.resolve("config.xml").toAbsolutePath())
                .directory(home.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logs.resolve("clickhouse-stdout.log").toFile()))
                .start();
        Processes.writePid(dir.resolve("clickhouse.pid"), process.pid());
    }

    @Override
    public void awaitReady(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!ClickHouseHttp.ping(envValue())) {
            if (!process.isAlive()) {
                throw new IllegalStateException("clickhouse-server exited with code " + process.exitValue()
                        + ", see " + dir.resolve("logs").resolve("clickhouse-server.err.log"));
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("clickhouse-server did not answer /ping in " + timeout.toSeconds() + " s");
            }
            Thread.sleep(50);
        }
    }

    @Override
    public void dropTestNamespaces() {
        String names = ClickHouseHttp.execute(envValue(), null, null,
                "SELECT name FROM system.databases WHERE startsWith(name, 't_')");
        long dropped = names.lines().filter(Names::isNamespaceDatabase)
                .peek(name -> ClickHouseHttp.execute(envValue(), null, null, "DROP DATABASE IF EXISTS " + name))
                .count();
        if (dropped > 0) {
            Log.info("clickhouse: dropped " + dropped + " test databases of earlier runs");
        }
    }

    @Override
    public void stop() {
        if (process != null) {
            Processes.stop(process.toHandle(), "TERM", Duration.ofSeconds(30));
            process = null;
        }
        KafkaService.deleteQuietly(dir.resolve("clickhouse.pid"));
    }
}

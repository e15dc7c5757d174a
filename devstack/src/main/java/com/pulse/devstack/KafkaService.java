package com.pulse.devstack;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A Kafka broker in its own JVM ({@code kafka.Kafka}), so its heap and its logs stay apart from
 * the supervisor. The storage is formatted once; later starts reuse the log directory.
 */
final class KafkaService implements Service {

    static final String MAIN_CLASS = "kafka.Kafka";

    private final Path dir;
    private final int port;
    private final int controllerPort;
    private Process process;

    KafkaService(Path dir, int port, int controllerPort) {
        this.dir = dir;
        this.port = port;
        this.controllerPort = controllerPort;
    }

    static void stopLeftover(Path dir) {
        Processes.fromPidFile(dir.resolve("kafka.pid"), MAIN_CLASS).ifPresent(p -> {
            Log.info("stopping leftover kafka (pid " + p.pid() + ")");
            Processes.stop(p, "TERM", Duration.ofSeconds(30));
        });
    }

    @Override
    public String name() {
        return "kafka";
    }

    @Override
    public String envName() {
        return EnvFile.KAFKA_BOOTSTRAP;
    }

    @Override
    public String envValue() {
        return "127.0.0.1:" + port;
    }

    @Override
    public long pid() {
        return process == null ? -1 : process.pid();
    }

    @Override
    public void preflight() {
        brokerClasspath();
    }

    @Override
    public void launch() throws IOException, InterruptedException {
        String classpath = brokerClasspath();
        Path home = dir.resolve("kafka");
        Path data = home.resolve("data");
        Files.createDirectories(data);
        Path properties = home.resolve("server.properties");
        Files.writeString(properties, KafkaConfig.serverProperties(data, port, controllerPort));
        File log = logFile().toFile();
        if (!Files.exists(data.resolve("meta.properties"))) {
            Process format = new ProcessBuilder(command(classpath, "kafka.tools.StorageTool", "format",
                    "-t", clusterId(), "-c", properties.toString()))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log)).start();
            if (!format.waitFor(60, TimeUnit.SECONDS) || format.exitValue() != 0) {
                throw new IllegalStateException("kafka storage format failed, see " + log);
            }
        }
        process = new ProcessBuilder(command(classpath, MAIN_CLASS, properties.toString()))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log)).start();
        Processes.writePid(dir.resolve("kafka.pid"), process.pid());
    }

    private List<String> command(String classpath, String mainClass, String... args) {
        List<String> cmd = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-Xms64m", "-XX:+UseSerialGC",
                "-Djava.io.tmpdir=" + dir.resolve("tmp").toAbsolutePath(),
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=info",
                "-Dorg.slf4j.simpleLogger.showDateTime=true",
                "-cp", classpath, mainClass));
        cmd.addAll(List.of(args));
        return cmd;
    }

    static String clusterId() {
        return org.apache.kafka.common.Uuid.randomUuid().toString();
    }

    /** devstack/target/lib/* when the broker jar sits there (short ps lines), else our own classpath. */
    private static String brokerClasspath() {
        try {
            Class<?> broker = Class.forName(MAIN_CLASS, false, KafkaService.class.getClassLoader());
            Path jar = Path.of(broker.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path lib = jar.getParent();
            if (lib != null && lib.getFileName().toString().equals("lib")) {
                return lib.toAbsolutePath() + File.separator + "*";
            }
            return System.getProperty("java.class.path");
        } catch (ClassNotFoundException e) {
            throw new MissingPrerequisite("the Kafka broker (org.apache.kafka:kafka_2.13) is not on the classpath: build it with "
                    + "`./mvnw -B -q -pl devstack package` and run with devstack/target/lib/*");
        } catch (Exception e) {
            return System.getProperty("java.class.path");
        }
    }

    Path logFile() {
        return dir.resolve("logs").resolve("kafka.log");
    }

    @Override
    public void awaitReady(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!accepts(port)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("kafka exited with code " + process.exitValue() + ", see " + logFile());
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("kafka did not open port " + port + " in " + timeout.toSeconds() + " s, see " + logFile());
            }
            Thread.sleep(100);
        }
        try (Admin admin = admin()) {
            admin.describeCluster().nodes().get(Math.max(1, (deadline - System.nanoTime()) / 1_000_000), TimeUnit.MILLISECONDS);
        }
    }

    static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private Admin admin() {
        return admin(envValue());
    }

    static Admin admin(String bootstrap) {
        return Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000));
    }

    @Override
    public void dropTestNamespaces() throws Exception {
        try (Admin admin = admin()) {
            Set<String> stale = admin.listTopics().names().get(30, TimeUnit.SECONDS).stream()
                    .filter(Names::isNamespaceTopic).collect(Collectors.toSet());
            if (!stale.isEmpty()) {
                admin.deleteTopics(stale).all().get(60, TimeUnit.SECONDS);
                Log.info("kafka: deleted " + stale.size() + " test topics of earlier runs");
            }
        }
    }

    @Override
    public void stop() {
        if (process != null) {
            Processes.stop(process.toHandle(), "TERM", Duration.ofSeconds(30));
            process = null;
        }
        deleteQuietly(dir.resolve("kafka.pid"));
    }

    static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a stale pid file is checked against the command line anyway
        }
    }
}

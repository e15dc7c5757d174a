package com.pulse.devstack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * {@code up --dir DIR [--ports auto|fixed]}, {@code down --dir DIR}, {@code status --dir DIR}.
 * Exit codes: 0 ok, 1 failure, 2 usage, 3 a prerequisite is missing.
 */
public final class DevstackCli {

    private DevstackCli() {
    }

    public static void main(String[] args) {
        // The CLI's own Kafka AdminClient would otherwise log every connection attempt.
        System.setProperty("org.slf4j.simpleLogger.log.org.apache.kafka", "warn");
        System.setProperty("org.slf4j.simpleLogger.showDateTime", "true");
        int code;
        try {
            code = run(args);
        } catch (MissingPrerequisite e) {
            Log.error(e.getMessage());
            code = MissingPrerequisite.EXIT_CODE;
        } catch (UsageException e) {
            System.err.println(e.getMessage());
            System.err.println("usage: DevstackCli up --dir DIR [--ports auto|fixed] | down --dir DIR | status --dir DIR");
            code = 2;
        } catch (Exception e) {
            Log.error(e.getMessage() == null ? e.toString() : e.getMessage());
            code = 1;
        }
        System.exit(code);
    }

    static int run(String[] args) throws Exception {
        if (args.length == 0) {
            throw new UsageException("missing command");
        }
        String command = args[0];
        Path dir = null;
        String portMode = "fixed";
        for (int i = 1; i < args.length; i++) {
            switch (args[i]) {
                case "--dir" -> dir = Path.of(value(args, ++i, "--dir"));
                case "--ports" -> portMode = value(args, ++i, "--ports");
                default -> throw new UsageException("unknown option " + args[i]);
            }
        }
        if (dir == null) {
            throw new UsageException("--dir is required");
        }
        dir = dir.toAbsolutePath().normalize();
        return switch (command) {
            case "up" -> up(dir, portMode);
            case "down" -> down(dir);
            case "status" -> status(dir);
            default -> throw new UsageException("unknown command " + command);
        };
    }

    private static int up(Path dir, String portMode) throws Exception {
        Files.createDirectories(dir);
        Path home = dir;
        java.util.function.Supplier<Ports> ports = switch (portMode) {
            case "fixed" -> () -> Ports.FIXED;
            case "auto" -> () -> Ports.auto(home);
            default -> throw new UsageException("--ports must be auto or fixed");
        };
        new Supervisor(dir, ports, System.getenv()).run();
        return 0;
    }

    private static int down(Path dir) {
        Optional<ProcessHandle> supervisor = Supervisor.running(dir);
        if (supervisor.isPresent()) {
            Log.info("stopping devstack (pid " + supervisor.get().pid() + ")");
            Processes.stop(supervisor.get(), "TERM", Duration.ofSeconds(90));
        }
        // A supervisor killed with -9 leaves its servers behind; they are ours to stop too.
        Supervisor.stopLeftovers(dir);
        KafkaService.deleteQuietly(dir.resolve(Supervisor.ENV_FILE));
        KafkaService.deleteQuietly(dir.resolve(Supervisor.PID_FILE));
        Log.info("devstack in " + dir + " is down");
        return 0;
    }

    private static int status(Path dir) {
        Path envFile = dir.resolve(Supervisor.ENV_FILE);
        Optional<ProcessHandle> supervisor = Supervisor.running(dir);
        System.out.println("supervisor  " + supervisor.map(p -> "running (pid " + p.pid() + ")").orElse("not running"));
        if (!Files.isRegularFile(envFile)) {
            System.out.println("no " + envFile + ": devstack is not running");
            return 1;
        }
        Map<String, String> env = EnvFile.read(envFile);
        boolean pg = answers(() -> pgAnswers(env.get(EnvFile.PG_URL)));
        boolean kafka = answers(() -> kafkaAnswers(env.get(EnvFile.KAFKA_BOOTSTRAP)));
        boolean clickhouse = ClickHouseHttp.ping(env.get(EnvFile.CLICKHOUSE_URL));
        print("postgres", env.get(EnvFile.PG_URL), pg);
        print("kafka", env.get(EnvFile.KAFKA_BOOTSTRAP), kafka);
        print("clickhouse", env.get(EnvFile.CLICKHOUSE_URL), clickhouse);
        return pg && kafka && clickhouse ? 0 : 1;
    }

    private static void print(String name, String where, boolean up) {
        System.out.printf("%-11s %-4s %s%n", name, up ? "up" : "DOWN", where);
    }

    private static boolean pgAnswers(String url) throws Exception {
        DriverManager.setLoginTimeout(3);
        try (Connection c = DriverManager.getConnection(url)) {
            return c.isValid(3);
        }
    }

    private static boolean kafkaAnswers(String bootstrap) throws Exception {
        try (var admin = KafkaService.admin(bootstrap)) {
            admin.describeCluster().nodes().get(5, TimeUnit.SECONDS);
            return true;
        }
    }

    private static boolean answers(java.util.concurrent.Callable<Boolean> check) {
        try {
            return check.call();
        } catch (Exception e) {
            return false;
        }
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new UsageException(option + " needs a value");
        }
        return args[i];
    }

    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }
}

package com.pulse.devstack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * {@code devstack up}: starts the three servers, publishes them in {@code devstack.env} and
 * stays in the foreground until SIGTERM/SIGINT, when a shutdown hook stops them again.
 */
final class Supervisor {

    static final String ENV_FILE = "devstack.env";
    static final String PID_FILE = "devstack.pid";
    static final String MARKER = DevstackCli.class.getName();
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);

    private final Path dir;
    private final java.util.function.Supplier<Ports> portChoice;
    private Ports ports;
    private final Map<String, String> env;
    private final List<Service> started = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final List<Future<Service>> launches = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean stopping;

    /** Ports are chosen after leftovers of a crashed run are gone, so their ports count as free again. */
    Supervisor(Path dir, java.util.function.Supplier<Ports> portChoice, Map<String, String> env) {
        this.dir = dir.toAbsolutePath().normalize();
        this.portChoice = portChoice;
        this.env = env;
    }

    static Optional<ProcessHandle> running(Path dir) {
        return Processes.fromPidFile(dir.resolve(PID_FILE), MARKER);
    }

    static void stopLeftovers(Path dir) {
        KafkaService.stopLeftover(dir);
        ClickHouseService.stopLeftover(dir);
        PostgresService.stopLeftover(dir);
    }

    void run() throws Exception {
        long begin = System.nanoTime();
        Files.createDirectories(dir.resolve("logs"));
        Files.createDirectories(dir.resolve("tmp"));
        Optional<ProcessHandle> other = running(dir);
        if (other.isPresent() && other.get().pid() != ProcessHandle.current().pid()) {
            throw new IllegalStateException("devstack is already running in " + dir + " (pid " + other.get().pid()
                    + "); stop it with `DevstackCli down --dir " + dir + "`");
        }
        // The pid file comes first, so `down` finds this supervisor even while it is still starting.
        Processes.writePid(dir.resolve(PID_FILE), ProcessHandle.current().pid());
        Files.deleteIfExists(dir.resolve(ENV_FILE));
        stopLeftovers(dir);
        ports = portChoice.get();
        Runtime.getRuntime().addShutdownHook(new Thread(this::shutdown, "devstack-shutdown"));

        List<Service> services = services();
        Map<String, String> published = new LinkedHashMap<>();
        for (String name : List.of(EnvFile.PG_URL, EnvFile.KAFKA_BOOTSTRAP, EnvFile.CLICKHOUSE_URL)) {
            if (present(env.get(name))) {
                published.put(name, env.get(name));
                Log.info("using " + name + "=" + env.get(name) + " from the environment");
            }
        }
        services.forEach(Service::preflight);
        checkPortsFree(services);
        // Kafka's JVM takes longest, so both child processes are launched before Postgres starts in-process.
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, services.size()));
        try {
            List<Future<Service>> ready = launches;
            for (Service service : services) {
                started.add(service);
                ready.add(pool.submit(() -> {
                    long t0 = System.nanoTime();
                    service.launch();
                    service.awaitReady(READY_TIMEOUT);
                    service.dropTestNamespaces();
                    Log.info(service.name() + " ready at " + service.envValue() + " in " + (System.nanoTime() - t0) / 1_000_000 + " ms");
                    return service;
                }));
            }
            // Every start is awaited, even after one failed, so no server comes up after the shutdown hook ran.
            Exception failure = null;
            for (Future<Service> future : ready) {
                try {
                    Service service = unwrap(future);
                    published.put(service.envName(), service.envValue());
                } catch (Exception e) {
                    failure = failure == null ? e : failure;
                }
            }
            if (failure != null) {
                throw failure;
            }
        } finally {
            pool.shutdownNow();
        }
        Map<String, String> ordered = new LinkedHashMap<>();
        for (String name : List.of(EnvFile.PG_URL, EnvFile.KAFKA_BOOTSTRAP, EnvFile.CLICKHOUSE_URL)) {
            ordered.put(name, published.get(name));
        }
        if (!publish(ordered)) {
            return;
        }
        Log.info("devstack ready in " + (System.nanoTime() - begin) / 1_000_000 + " ms; env file " + dir.resolve(ENV_FILE));
        stopped.await();
    }

    /** Under the shutdown lock, so a stop that began during start-up never leaves an env file behind. */
    private synchronized boolean publish(Map<String, String> values) {
        if (stopping) {
            return false;
        }
        EnvFile.write(dir.resolve(ENV_FILE), values);
        for (Service service : started) {
            watch(service);
        }
        return true;
    }

    private List<Service> services() {
        List<Service> services = new ArrayList<>();
        if (!present(env.get(EnvFile.KAFKA_BOOTSTRAP))) {
            services.add(new KafkaService(dir, ports.kafka(), ports.kafkaController()));
        }
        if (!present(env.get(EnvFile.CLICKHOUSE_URL))) {
            services.add(new ClickHouseService(dir, ports));
        }
        if (!present(env.get(EnvFile.PG_URL))) {
            services.add(new PostgresService(dir, ports.postgres()));
        }
        return services;
    }

    private void checkPortsFree(List<Service> services) {
        List<Integer> wanted = new ArrayList<>();
        for (Service s : services) {
            switch (s.name()) {
                case "postgres" -> wanted.add(ports.postgres());
                case "kafka" -> wanted.addAll(List.of(ports.kafka(), ports.kafkaController()));
                default -> wanted.addAll(List.of(ports.clickhouseHttp(), ports.clickhouseTcp(), ports.clickhouseInterserver()));
            }
        }
        List<Integer> busy = wanted.stream().filter(p -> !Ports.isFree(p)).toList();
        if (!busy.isEmpty()) {
            throw new IllegalStateException("ports " + busy + " are in use on 127.0.0.1 (another devstack? `./pulse services down`)");
        }
    }

    /** A server that dies under a running supervisor ends the supervisor, so nobody tests against half a stack. */
    private void watch(Service service) {
        long pid = service.pid();
        if (pid <= 0) {
            return;
        }
        ProcessHandle.of(pid).ifPresent(handle -> handle.onExit().thenRun(() -> {
            if (!stopping) {
                Log.error(service.name() + " (pid " + pid + ") exited unexpectedly; stopping devstack, see " + dir.resolve("logs"));
                System.exit(1);
            }
        }));
    }

    private static Service unwrap(Future<Service> future) throws Exception {
        try {
            return future.get();
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        }
    }

    private synchronized void shutdown() {
        if (stopping) {
            return;
        }
        stopping = true;
        Log.info("stopping");
        // A server still starting would come up after we stopped it and outlive us: let it finish first.
        for (Future<Service> launch : launches) {
            try {
                launch.get(READY_TIMEOUT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
            } catch (Exception failedOrTimedOut) {
                // stopped below either way
            }
        }
        KafkaService.deleteQuietly(dir.resolve(ENV_FILE));
        List<Service> reverse = new ArrayList<>(started);
        java.util.Collections.reverse(reverse);
        // Stopped in parallel: Kafka's controlled shutdown is the slow one and needs nothing else.
        reverse.parallelStream().forEach(service -> {
            try {
                service.stop();
            } catch (RuntimeException e) {
                Log.error(service.name() + " did not stop cleanly: " + e.getMessage());
            }
        });
        KafkaService.deleteQuietly(dir.resolve(PID_FILE));
        Log.info("stopped");
        stopped.countDown();
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}

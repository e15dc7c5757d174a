package com.pulse.dashboards.e2e;

import static org.awaitility.Awaitility.await;

import com.pulse.devstack.Devstack;
import com.pulse.devstack.TestNamespace;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.awaitility.core.ConditionTimeoutException;

/**
 * The whole slice behind the gateway: api, streams, olap and notifier launched from their
 * executable jars as child JVMs on free ports, all on one fresh devstack namespace. Started once
 * per test JVM and shared by the end-to-end and browser tests (a launch costs most of their time);
 * stopped by a shutdown hook, so a failing or interrupted run leaves no process behind.
 */
final class StackUnderTest {

    static final List<String> SERVICES = List.of("api", "streams", "olap", "notifier");
    // Four Spring Boot services starting at once on two cores: ~50 s alone, much more on a busy machine.
    private static final Duration STARTUP = Duration.ofSeconds(240);
    private static final Duration FIRST_CHANGE = Duration.ofSeconds(90);

    private static StackUnderTest shared;
    private static RuntimeException launchFailure;

    /** The api creates this administrator at start-up (bootstrap admin), with a password made up per run. */
    static final String ADMIN = "e2e.admin";

    final TestNamespace namespace;
    private final Map<String, ServiceProcess> services;
    private final String adminPassword;
    private boolean stopped;

    private StackUnderTest(TestNamespace namespace, Map<String, ServiceProcess> services, String adminPassword) {
        this.namespace = namespace;
        this.services = services;
        this.adminPassword = adminPassword;
    }

    /** The stack of this test JVM, launched on first use; a failed launch is reported to every caller. */
    static synchronized StackUnderTest shared() {
        if (launchFailure != null) {
            throw launchFailure;
        }
        if (shared == null) {
            try {
                shared = launch();
            } catch (RuntimeException e) {
                launchFailure = e;
                throw e;
            }
        }
        return shared;
    }

    private static StackUnderTest launch() {
        Path module = Path.of("").toAbsolutePath();
        Path root = module.getParent();
        Map<String, Path> jars = snapshot(executableJars(root), module.resolve("target/e2e-jars"));
        TestNamespace ns = Devstack.get().newNamespace("dashboards_e2e");

        String adminPassword = "e2e-" + UUID.randomUUID();
        Map<String, String> env = Map.of(
                "PULSE_PG_URL", ns.pgJdbcUrl(),
                "PULSE_KAFKA_BOOTSTRAP", ns.kafkaBootstrap(),
                "PULSE_CLICKHOUSE_URL", ns.clickhouseUrl(),
                "PULSE_CLICKHOUSE_DATABASE", ns.clickhouseDatabase(),
                "PULSE_API_AUTH_BOOTSTRAPADMIN_USERNAME", ADMIN,
                "PULSE_API_AUTH_BOOTSTRAPADMIN_PASSWORD", adminPassword);
        List<String> args = List.of(
                "--pulse.clickhouse.database=" + ns.clickhouseDatabase(),
                "--pulse.kafka.topic-prefix=" + ns.topicPrefix());
        Path logs = module.resolve("target/e2e-logs");
        Path tmp = module.resolve("target/tmp/e2e");

        Map<String, ServiceProcess> services = new LinkedHashMap<>();
        StackUnderTest stack = new StackUnderTest(ns, services, adminPassword);
        Runtime.getRuntime().addShutdownHook(new Thread(stack::stop, "stop-stack-under-test"));
        try {
            for (String name : SERVICES) {
                services.put(name, ServiceProcess.start(name, jars.get(name), freePort(), envOf(name, env, stack), args,
                        logs, tmp.resolve(name)));
            }
            long started = System.nanoTime();
            services.values().forEach(s -> s.awaitHealthy(STARTUP));
            System.out.printf("stack healthy in %d ms: %s (logs in %s)%n",
                    (System.nanoTime() - started) / 1_000_000, stack.describe(), logs);
            stack.awaitChangesFlow();
            return stack;
        } catch (RuntimeException e) {
            stack.stop();
            throw e;
        }
    }

    /**
     * olap verifies the api's tokens (its JWK set; the api is started first), applies data scopes and asks the api
     * for the names of pivot members.
     * The notifier verifies the token a signed-in page sends on STOMP CONNECT against the same JWK set;
     * it still accepts a CONNECT without one (the Java STOMP clients of these tests send none).
     */
    private static Map<String, String> envOf(String service, Map<String, String> env, StackUnderTest stack) {
        String jwks = service.equals("olap") || service.equals("notifier")
                ? stack.url("api").resolve("/api/v1/auth/jwks").toString() : null;
        if (service.equals("olap")) {
            Map<String, String> olap = new LinkedHashMap<>(env);
            olap.put("PULSE_OLAP_AUTH_ENABLED", "true");
            olap.put("PULSE_OLAP_AUTH_JWKSURI", jwks);
            // the names of pivot owners and teams come from this api
            olap.put("PULSE_OLAP_APIURL", stack.url("api").toString());
            return olap;
        }
        if (service.equals("notifier")) {
            Map<String, String> notifier = new LinkedHashMap<>(env);
            notifier.put("PULSE_NOTIFIER_AUTH_JWKSURI", jwks);
            return notifier;
        }
        return env;
    }

    /**
     * Health says each service is up, not that the notifier's consumer has its partitions yet.
     * Moving one deal until a STOMP client sees a funnel message proves the whole path is live.
     */
    private void awaitChangesFlow() {
        long started = System.nanoTime();
        PulseApi api = signIn(url("api"));
        try (FunnelFeed feed = FunnelFeed.connect(webSocketUrl(url("notifier")))) {
            PulseApi.Opportunity deal = api.create("warm-up", new BigDecimal("1000.00"), "PROSPECTING");
            String[] stages = {"QUALIFICATION", "PROSPECTING"};
            long[] lastMove = {System.nanoTime()};
            int[] moves = {0};
            await("a funnel message after a change").atMost(FIRST_CHANGE).pollInterval(Duration.ofMillis(100))
                    .until(() -> {
                        if (feed.size() > 0) {
                            return true;
                        }
                        if (System.nanoTime() - lastMove[0] > Duration.ofSeconds(3).toNanos()) {
                            api.moveTo(deal.id(), stages[moves[0]++ % 2]);
                            lastMove[0] = System.nanoTime();
                        }
                        return false;
                    });
            System.out.printf("first change reached the notifier's STOMP clients after %d ms%n",
                    (System.nanoTime() - started) / 1_000_000);
        } catch (ConditionTimeoutException e) {
            throw new IllegalStateException("no funnel update reached a STOMP client of the notifier within "
                    + FIRST_CHANGE + " of a change through the api; last lines of the logs:\n"
                    + tails("api", "streams", "notifier"), e);
        }
    }

    /** Fails when a service stopped while tests were using it, with how it ended and its log. */
    void assertAllRunning() {
        List<String> ended = new ArrayList<>();
        services.values().forEach(s -> {
            String exit = s.exitDescription();
            if (exit != null) {
                ended.add(exit + "; last lines of " + s.log + ":\n" + s.tail(20));
            }
        });
        if (!ended.isEmpty() && !stopped) {
            throw new IllegalStateException("services of the stack stopped during the test:\n" + String.join("\n", ended));
        }
    }

    /** The api at {@code base} (the api itself or a gateway in front of it), signed in as the administrator. */
    PulseApi signIn(URI base) {
        return PulseApi.signIn(base, ADMIN, adminPassword);
    }

    URI url(String service) {
        return services.get(service).url();
    }

    static String webSocketUrl(URI httpUrl) {
        return "ws" + httpUrl.toString().substring("http".length()) + "/ws";
    }

    /** The properties that point the in-process gateway at this stack. */
    Map<String, String> gatewayProperties() {
        return Map.of(
                "pulse.dashboards.api-url", url("api").toString(),
                "pulse.dashboards.olap-url", url("olap").toString(),
                "pulse.dashboards.notifier-url", url("notifier").toString());
    }

    String tails(String... names) {
        StringBuilder out = new StringBuilder();
        for (String name : names) {
            ServiceProcess s = services.get(name);
            if (s != null) {
                out.append("---- ").append(s.log).append('\n').append(s.tail(40)).append('\n');
            }
        }
        return out.toString();
    }

    private String describe() {
        List<String> parts = new ArrayList<>();
        services.forEach((name, s) -> parts.add(name + "=" + s.port));
        return String.join(", ", parts) + ", namespace " + namespace;
    }

    synchronized void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        services.values().forEach(ServiceProcess::beginStop);
        services.values().forEach(ServiceProcess::awaitStopped);
    }

    private static Map<String, Path> executableJars(Path root) {
        Map<String, Path> jars = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        for (String name : SERVICES) {
            Optional<Path> jar = newestExecJar(root.resolve(name).resolve("target"), name);
            jar.ifPresentOrElse(j -> jars.put(name, j), () -> missing.add(name));
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("the end-to-end tests run the services' executable jars, and these are not built: "
                    + missing + " (expected <module>/target/pulse-<module>-*-exec.jar under " + root + ").\n"
                    + "Build them first: cd " + root + " && ./mvnw -B -DskipTests -pl "
                    + String.join(",", missing) + " -am install   (or build the whole reactor: ./mvnw -B install)");
        }
        return jars;
    }

    /**
     * Runs copies: a module rebuilt while the tests run (a developer's own build in the same tree)
     * must not swap a jar under a JVM that still loads classes from it.
     */
    private static Map<String, Path> snapshot(Map<String, Path> jars, Path dir) {
        Map<String, Path> copies = new LinkedHashMap<>();
        try {
            Files.createDirectories(dir);
            for (Map.Entry<String, Path> jar : jars.entrySet()) {
                Path copy = dir.resolve(jar.getValue().getFileName());
                Files.copy(jar.getValue(), copy, StandardCopyOption.REPLACE_EXISTING);
                copies.put(jar.getKey(), copy);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot copy the service jars to " + dir, e);
        }
        return copies;
    }

    private static Optional<Path> newestExecJar(Path target, String name) {
        if (!Files.isDirectory(target)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.list(target)) {
            return files.filter(p -> {
                String file = p.getFileName().toString();
                return file.startsWith("pulse-" + name + "-") && file.endsWith("-exec.jar");
            }).max(Comparator.comparing(p -> p.toFile().lastModified()));
        } catch (IOException e) {
            throw new IllegalStateException("cannot list " + target, e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port", e);
        }
    }
}

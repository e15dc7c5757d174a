package com.pulse.dashboards.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/** One Pulse service launched from its executable jar as a child JVM, as production runs it. */
final class ServiceProcess {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    final String name;
    final int port;
    final Path log;
    private final Process process;

    private ServiceProcess(String name, int port, Path log, Process process) {
        this.name = name;
        this.port = port;
        this.log = log;
        this.process = process;
    }

    static ServiceProcess start(String name, Path jar, int port, Map<String, String> env, List<String> args,
                                Path logDir, Path tmpDir) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // C1 only: these JVMs live for a test run, and on two cores the C2 compiler threads
                // of four services starting at once cost more start-up time than they ever win back.
                "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Djava.io.tmpdir=" + tmpDir,
                "-jar", jar.toString(),
                "--server.port=" + port));
        command.addAll(args);
        Path log = logDir.resolve(name + ".log");
        try {
            Files.createDirectories(logDir);
            Files.createDirectories(tmpDir);
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            builder.environment().putAll(env);
            return new ServiceProcess(name, port, log, builder.start());
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + name + ": " + String.join(" ", command), e);
        }
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** Waits for {@code /actuator/health} to say UP; fails with the end of the service's log otherwise. */
    void awaitHealthy(Duration timeout) {
        HttpRequest health = HttpRequest.newBuilder(url().resolve("/actuator/health"))
                .timeout(Duration.ofSeconds(2)).build();
        AtomicReference<String> last = new AtomicReference<>("no answer");
        try {
            Awaitility.await(name + " healthy").atMost(timeout).pollInterval(Duration.ofMillis(250)).until(() -> {
                if (!process.isAlive()) {
                    throw new IllegalStateException(name + " exited with code " + process.exitValue()
                            + " before it was healthy; last lines of " + log + ":\n" + tail(60));
                }
                try {
                    HttpResponse<String> response = HTTP.send(health, HttpResponse.BodyHandlers.ofString());
                    last.set(response.statusCode() + " " + response.body());
                    return response.statusCode() == 200 && response.body().contains("\"UP\"");
                } catch (IOException e) {
                    last.set(e.toString());
                    return false;
                }
            });
        } catch (ConditionTimeoutException e) {
            throw new IllegalStateException(name + " was not healthy on " + url() + " within " + timeout
                    + " (last answer: " + last.get() + "); last lines of " + log + ":\n" + tail(60));
        }
    }

    /** Null while running, else how it ended. */
    String exitDescription() {
        if (process.isAlive()) {
            return null;
        }
        int code = process.exitValue();
        return name + " exited with code " + code + (code == 143 ? " (SIGTERM: stopped from outside the test)" : "");
    }

    String tail(int lines) {
        try {
            List<String> all = new String(Files.readAllBytes(log), StandardCharsets.UTF_8).lines().toList();
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e + ")";
        }
    }

    void beginStop() {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
    }

    void awaitStopped() {
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}

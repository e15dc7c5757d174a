package com.pulse.api.testsupport;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/**
 * When a test gives up waiting for a response ("Timeout on blocking read"), writes every
 * thread's stack to {@code target/thread-dumps/} and prints the event-loop threads: an
 * intermittent stall of a first request has been seen under heavy machine load, and the
 * dump is what tells a starved or blocked event loop from a stuck database conversation.
 * Registered for all api tests through the JUnit service loader (junit-platform.properties).
 */
public class ThreadDumpOnTimeout implements TestExecutionExceptionHandler {

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable error) throws Throwable {
        if (isResponseTimeout(error)) {
            dump(context.getRequiredTestClass().getSimpleName() + "." + context.getRequiredTestMethod().getName());
            printServerState(context);
        }
        throw error;
    }

    private static boolean isResponseTimeout(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t.getMessage() != null && t.getMessage().contains("Timeout on blocking read")) {
                return true;
            }
        }
        return false;
    }

    private static void dump(String test) {
        ThreadInfo[] threads = ManagementFactory.getThreadMXBean().dumpAllThreads(true, true);
        String all = Arrays.stream(threads).map(ThreadDumpOnTimeout::format).collect(Collectors.joining("\n"));
        Path file = Path.of("target", "thread-dumps", test + "-" + Instant.now().toEpochMilli() + ".txt");
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, all);
        } catch (IOException e) {
            System.out.println("[thread-dump] could not write " + file + ": " + e);
        }
        System.out.println("[thread-dump] " + test + " timed out waiting for a response; all threads in " + file.toAbsolutePath());
        printDatabaseActivity();
        Arrays.stream(threads).filter(t -> t.getThreadName().contains("nio") || t.getThreadName().contains("epoll"))
                .forEach(t -> System.out.println(format(t)));
    }

    /**
     * Whether the server saw the request (in-flight list) and what the connection pool holds:
     * a request waiting for a pooled connection shows as pending with every connection acquired.
     */
    private static void printServerState(ExtensionContext context) {
        System.out.println("[in-flight] " + InFlightRequests.received() + " requests received in this JVM; unfinished:");
        InFlightRequests.now().forEach(r -> System.out.println("[in-flight]   " + r));
        try {
            var spring = org.springframework.test.context.junit.jupiter.SpringExtension.getApplicationContext(context);
            spring.getBeanProvider(io.r2dbc.pool.ConnectionPool.class).ifAvailable(pool -> pool.getMetrics()
                    .ifPresent(m -> System.out.printf("[r2dbc-pool] acquired=%d allocated=%d idle=%d pending=%d max=%d%n",
                            m.acquiredSize(), m.allocatedSize(), m.idleSize(), m.pendingAcquireSize(),
                            m.getMaxAllocatedSize())));
        } catch (RuntimeException e) {
            System.out.println("[r2dbc-pool] not available: " + e);
        }
    }

    /**
     * What every non-idle Postgres session of the devstack is doing: a request waiting on a lock
     * held by its own, idle transaction on another connection shows up here as a lock wait.
     */
    private static void printDatabaseActivity() {
        String sql = """
                SELECT datname, pid, application_name, state, wait_event_type, wait_event,
                       now() - xact_start AS in_transaction, left(query, 300) AS query, now() - state_change AS since
                FROM pg_stat_activity
                WHERE (state IS DISTINCT FROM 'idle' OR application_name LIKE 'pulse%') AND pid <> pg_backend_pid()""";
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(com.pulse.devstack.Devstack.get().pgUrl());
             java.sql.ResultSet rows = c.createStatement().executeQuery(sql)) {
            while (rows.next()) {
                System.out.printf("[pg-activity] db=%s pid=%s app=%s state=%s (for %s) wait=%s/%s xact=%s query=%s%n",
                        rows.getString(1), rows.getString(2), rows.getString(3), rows.getString(4), rows.getString(9), rows.getString(5),
                        rows.getString(6), rows.getString(7), rows.getString(8));
            }
        } catch (Exception e) {
            System.out.println("[pg-activity] not available: " + e);
        }
    }

    /** ThreadInfo.toString() stops at 8 frames; the whole stack is what matters here. */
    private static String format(ThreadInfo t) {
        StringBuilder sb = new StringBuilder("\"" + t.getThreadName() + "\" " + t.getThreadState());
        if (t.getLockName() != null) {
            sb.append(" on ").append(t.getLockName());
        }
        sb.append('\n');
        for (StackTraceElement frame : t.getStackTrace()) {
            sb.append("    at ").append(frame).append('\n');
        }
        return sb.toString();
    }
}

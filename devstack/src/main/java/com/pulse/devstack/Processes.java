package com.pulse.devstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Pid files and stopping processes by pid, so a crashed run never blocks the next one. */
final class Processes {

    private Processes() {
    }

    static Optional<ProcessHandle> fromPidFile(Path pidFile) {
        if (!Files.isRegularFile(pidFile)) {
            return Optional.empty();
        }
        try {
            String first = Files.readAllLines(pidFile).stream().findFirst().orElse("").strip();
            return ProcessHandle.of(Long.parseLong(first)).filter(ProcessHandle::isAlive);
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The process of a pid file, only if its command line still looks like ours (pids get reused). */
    static Optional<ProcessHandle> fromPidFile(Path pidFile, String commandLineMarker) {
        return fromPidFile(pidFile).filter(p -> commandLine(p).contains(commandLineMarker));
    }

    static String commandLine(ProcessHandle process) {
        try {
            byte[] raw = Files.readAllBytes(Path.of("/proc", Long.toString(process.pid()), "cmdline"));
            return new String(raw).replace('\0', ' ');
        } catch (IOException e) {
            return process.info().commandLine().orElse("");
        }
    }

    static void writePid(Path pidFile, long pid) {
        try {
            Files.writeString(pidFile, pid + "\n");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** SIGTERM (or the given signal), then SIGKILL after the grace period. */
    static void stop(ProcessHandle process, String signal, Duration grace) {
        if (!process.isAlive()) {
            return;
        }
        if ("TERM".equals(signal)) {
            process.destroy();
        } else {
            signal(process.pid(), signal);
        }
        try {
            process.onExit().get(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception timeoutOrInterrupt) {
            Log.info("pid " + process.pid() + " did not stop in " + grace.toSeconds() + " s, killing it");
            process.destroyForcibly();
            process.onExit().join();
        }
    }

    private static void signal(long pid, String signal) {
        try {
            new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start().waitFor();
        } catch (IOException e) {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

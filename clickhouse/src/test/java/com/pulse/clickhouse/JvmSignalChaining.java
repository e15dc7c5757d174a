package com.pulse.clickhouse;

import com.sun.jna.NativeLibrary;
import java.nio.file.Path;

/**
 * chDB needs the JVM's signal chaining. The JVM turns SIGSEGV, SIGBUS, SIGFPE and SIGILL into
 * NullPointerException, safepoint polls and the like; booting the chDB engine replaces those handlers
 * (and with {@code chdb_set_signal_handlers_enabled(0)} resets them to SIG_DFL). Putting them back
 * after the connect is not enough: any Java thread that faults during the connect kills the JVM
 * (seen in 3 of 3 Surefire runs, 1 in 6 plain runs with a busy allocator thread). With
 * {@code libjsig.so} preloaded the JVM keeps its handlers and chains chDB's behind them, so the
 * test JVM must start with {@code LD_PRELOAD=<java.home>/lib/libjsig.so} (Surefire's
 * {@code environmentVariables} in the module's pom).
 */
final class JvmSignalChaining {

    private JvmSignalChaining() {
    }

    static void require() {
        try {
            NativeLibrary.getProcess().getFunction("JVM_begin_signal_setting");
        } catch (UnsatisfiedLinkError e) {
            Path libjsig = Path.of(System.getProperty("java.home"), "lib", "libjsig.so");
            throw new IllegalStateException("chDB needs the JVM's signal chaining: start the test JVM with LD_PRELOAD="
                    + libjsig + " (Surefire <environmentVariables><LD_PRELOAD>${java.home}/lib/libjsig.so</LD_PRELOAD>)", e);
        }
    }
}

package com.pulse.clickhouse;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The part of chDB's C API ({@code chdb.h}, chDB 26.x) the tests use, bound with JNA.
 * {@code chdb_connection} is an opaque pointer; {@code chdb_connect} returns a pointer to one,
 * which is what {@code chdb_close_conn} takes back. Results are owned by chDB until
 * {@code chdb_destroy_query_result}. {@code size_t} is {@link NativeLong} (LP64 Linux).
 */
interface ChdbLibrary extends Library {

    String VERSION = "26.5.3";
    String MISSING = "libchdb.so not found: run devstack/bin/fetch-chdb";

    /** Called before the first connect; see {@link JvmSignalChaining} for why it is not enough on its own. */
    void chdb_set_signal_handlers_enabled(int enabled);

    Pointer chdb_connect(int argc, String[] argv);

    void chdb_close_conn(Pointer connectionPointer);

    Pointer chdb_query_n(Pointer connection, byte[] query, NativeLong queryLength, byte[] format, NativeLong formatLength);

    Pointer chdb_result_buffer(Pointer result);

    NativeLong chdb_result_length(Pointer result);

    String chdb_result_error(Pointer result);

    void chdb_destroy_query_result(Pointer result);

    /**
     * Where libchdb.so is: system property or environment variable {@code PULSE_CHDB_LIB}, else the
     * per-machine cache {@code devstack/bin/fetch-chdb} fills ({@code PULSE_CHDB_HOME}, default
     * {@code ~/.cache/pulse/chdb/<version>}).
     */
    static Path location() {
        String explicit = System.getProperty("PULSE_CHDB_LIB", System.getenv("PULSE_CHDB_LIB"));
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit);
        }
        String home = System.getenv("PULSE_CHDB_HOME");
        Path dir = home != null && !home.isBlank()
                ? Path.of(home)
                : Path.of(System.getProperty("user.home"), ".cache", "pulse", "chdb", VERSION);
        return dir.resolve("libchdb.so");
    }

    /** Loads the library; fails (never skips) when it is absent, since CI fetches it first. */
    static ChdbLibrary load(Path library) {
        if (!Files.isRegularFile(library)) {
            throw new IllegalStateException(MISSING + " (looked for " + library + ")");
        }
        return Native.load(library.toAbsolutePath().toString(), ChdbLibrary.class);
    }
}

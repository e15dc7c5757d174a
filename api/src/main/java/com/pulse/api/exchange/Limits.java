package com.pulse.api.exchange;

/** Bounds of an import, so a hostile file costs bounded memory and time. */
final class Limits {

    static final int MAX_FILE_BYTES = 10 * 1024 * 1024;
    static final int MAX_ROWS = 50_000;
    static final int MAX_COLUMNS = 50;
    /** Far above any field's own limit (those are reported per row); a bigger cell is a broken or hostile file. */
    static final int MAX_CELL_CHARS = 10_000;

    private Limits() {
    }
}

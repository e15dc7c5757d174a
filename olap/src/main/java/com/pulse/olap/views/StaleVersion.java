package com.pulse.olap.views;

/** {@code If-Match} names another version than the current one (someone saved in between), or is missing. */
class StaleVersion extends RuntimeException {

    private final Long current;

    StaleVersion(Long current) {
        super(current == null
                ? "Changing a saved view needs If-Match with the version it was read at (its ETag)."
                : "The saved view changed since it was read; it is now at version " + current + ".");
        this.current = current;
    }

    /** The current version, or null when If-Match was missing. */
    Long current() {
        return current;
    }
}

package com.pulse.olap.views;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Who besides its owner sees a saved view. */
enum Sharing {
    /** The owner alone. */
    PRIVATE,
    /** The owner's team at save time, and the managers of it and of the teams above it. */
    TEAM,
    /** Everybody who can sign in. */
    COMPANY;

    static final List<String> NAMES = Arrays.stream(values()).map(Sharing::wire).toList();

    String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Optional<Sharing> of(String text) {
        return Arrays.stream(values()).filter(s -> s.wire().equalsIgnoreCase(text)).findFirst();
    }
}

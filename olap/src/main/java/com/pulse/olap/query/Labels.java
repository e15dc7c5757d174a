package com.pulse.olap.query;

import java.util.Objects;

/** A catalogue name's label in each language the cockpit offers. */
public record Labels(String en, String zhCN) {

    public Labels {
        Objects.requireNonNull(en, "en");
        Objects.requireNonNull(zhCN, "zhCN");
    }
}

package com.pulse.api.crud;

import java.util.Arrays;
import java.util.Optional;

/** What a list can be ordered by; the id breaks ties so the order (and the cursor) is total. */
public enum SortKey {
    NAME("name", "name", 'n'),
    CREATED_AT("createdAt", "created_at", 'c');

    private final String parameter;
    private final String column;
    private final char code;

    SortKey(String parameter, String column, char code) {
        this.parameter = parameter;
        this.column = column;
        this.code = code;
    }

    public String parameter() {
        return parameter;
    }

    /** A fixed column name, safe to put into SQL. */
    String column() {
        return column;
    }

    char code() {
        return code;
    }

    static Optional<SortKey> fromParameter(String value) {
        return Arrays.stream(values()).filter(k -> k.parameter.equals(value)).findFirst();
    }

    static Optional<SortKey> fromCode(char code) {
        return Arrays.stream(values()).filter(k -> k.code == code).findFirst();
    }
}

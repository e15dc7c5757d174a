package com.pulse.clickhouse;

/** A statement ClickHouse refused or that could not reach it; the message carries the server's reason. */
public class ClickHouseException extends RuntimeException {

    public ClickHouseException(String message, Throwable cause) {
        super(message, cause);
    }
}

package com.pulse.clickhouse;

import java.util.Objects;

/**
 * Where and as whom to reach ClickHouse.
 *
 * @param url      the HTTP interface, e.g. {@code http://127.0.0.1:8123}
 * @param database the database every statement runs in; must be a plain identifier
 * @param user     the user name, {@code default} when blank
 * @param password the password, empty when none
 */
public record ClickHouseSettings(String url, String database, String user, String password) {

    public ClickHouseSettings {
        Objects.requireNonNull(url, "url");
        database = SqlLiteral.identifier(database == null || database.isBlank() ? "default" : database);
        user = user == null || user.isBlank() ? "default" : user;
        password = password == null ? "" : password;
    }

    @Override
    public String toString() {
        return "ClickHouseSettings[url=" + url + ", database=" + database + ", user=" + user + "]";
    }
}

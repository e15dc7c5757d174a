package com.pulse.devstack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The few plain HTTP calls devstack makes to ClickHouse: ping and DDL. */
final class ClickHouseHttp {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private ClickHouseHttp() {
    }

    static boolean ping(String url) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(strip(url) + "/ping"))
                    .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 && response.body().strip().equals("Ok.");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Runs one statement; returns the response body (TabSeparated for SELECTs). */
    static String execute(String url, String user, String password, String sql) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(strip(url) + "/"))
                .timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString(sql));
        if (user != null && !user.isEmpty()) {
            request.header("X-ClickHouse-User", user);
        }
        if (password != null && !password.isEmpty()) {
            request.header("X-ClickHouse-Key", password);
        }
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("ClickHouse at " + url + " rejected `" + sql + "`: " + response.body().strip());
            }
            return response.body();
        } catch (IOException e) {
            throw new IllegalStateException("ClickHouse at " + url + " does not answer: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static String strip(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}

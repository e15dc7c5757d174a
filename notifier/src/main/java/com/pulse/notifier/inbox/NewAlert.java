package com.pulse.notifier.inbox;

import java.util.Objects;

/** What a trigger wants to tell a user; {@link AlertService} gives it an id and a time. */
public record NewAlert(String kind, String title, String body, String link) {

    public NewAlert {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(title, "title");
        body = body == null ? "" : body;
    }
}

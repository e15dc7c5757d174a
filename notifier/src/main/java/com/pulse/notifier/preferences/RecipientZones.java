package com.pulse.notifier.preferences;

import com.pulse.notifier.scope.Caller;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Optional;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The time zone a user's schedules and quiet hours are read in: the one in their preferences; else the
 * {@code zoneinfo} of their token when they are the caller; else their time zone in the api's
 * {@code public.users} (where {@code zoneinfo} comes from); else the company's ({@code pulse.company.time-zone}).
 */
@Component
public class RecipientZones {

    private final PreferencesRepository preferences;
    private final JdbcClient jdbc;
    private final ZoneId company;

    RecipientZones(PreferencesRepository preferences, JdbcClient jdbc,
                   @Value("${pulse.company.time-zone:Asia/Shanghai}") String company) {
        this.preferences = preferences;
        this.jdbc = jdbc;
        this.company = ZoneId.of(company);
    }

    /** @param caller the caller, when the zone is asked for during their request (null in a firing) */
    public ZoneId zoneOf(String userId, Caller caller) {
        Optional<ZoneId> chosen = preferences.find(userId).map(Preferences::timeZone).flatMap(RecipientZones::zone);
        if (chosen.isPresent()) {
            return chosen.get();
        }
        return fallback(userId, caller);
    }

    /** The zone a user who chose none gets. */
    ZoneId fallback(String userId, Caller caller) {
        if (caller != null && caller.id().equals(userId)) {
            Optional<ZoneId> token = zone(caller.zoneinfo());
            if (token.isPresent()) {
                return token.get();
            }
        }
        return apiZone(userId).orElse(company);
    }

    private Optional<ZoneId> apiZone(String userId) {
        UUID id;
        try {
            id = userId.length() == 36 ? UUID.fromString(userId) : null;
        } catch (IllegalArgumentException e) {
            id = null;
        }
        if (id == null) {
            return Optional.empty();
        }
        return jdbc.sql("SELECT time_zone FROM public.users WHERE id = :id").param("id", id)
                .query(String.class).optional().flatMap(RecipientZones::zone);
    }

    static Optional<ZoneId> zone(String text) {
        try {
            return text == null || text.isBlank() ? Optional.empty() : Optional.of(ZoneId.of(text));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }
}

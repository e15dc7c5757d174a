package com.pulse.notifier.firing;

import com.pulse.notifier.preferences.Preferences;
import com.pulse.notifier.preferences.PreferencesRepository;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * How to reach a recipient: phone, email and locale from their preferences, else from their user in the
 * api ({@code public.users}: mobile, email, locale); null where neither has one.
 */
@Component
public class Reachability {

    public record Address(String phone, String email, String locale) {
    }

    private final PreferencesRepository preferences;
    private final JdbcClient jdbc;

    Reachability(PreferencesRepository preferences, JdbcClient jdbc) {
        this.preferences = preferences;
        this.jdbc = jdbc;
    }

    public Address of(String userId) {
        Optional<Preferences> saved = preferences.find(userId);
        Map<String, Object> api = apiUser(userId);
        return new Address(
                saved.map(Preferences::phone).orElse((String) api.get("mobile")),
                saved.map(Preferences::email).orElse((String) api.get("email")),
                saved.map(Preferences::locale).orElse((String) api.get("locale")));
    }

    private Map<String, Object> apiUser(String userId) {
        UUID id;
        try {
            id = userId.length() == 36 ? UUID.fromString(userId) : null;
        } catch (IllegalArgumentException e) {
            id = null;
        }
        if (id == null) {
            return Map.of();
        }
        return jdbc.sql("SELECT mobile, email, locale FROM public.users WHERE id = :id AND deleted_at IS NULL")
                .param("id", id).query().listOfRows().stream().findFirst().orElse(Map.of());
    }
}

package com.pulse.notifier.preferences;

import com.pulse.notifier.problem.BodyReader;
import com.pulse.notifier.problem.IfMatch;
import com.pulse.notifier.problem.VersionConflict;
import com.pulse.notifier.rules.Channel;
import com.pulse.notifier.rules.Channels;
import com.pulse.notifier.rules.RuleType;
import com.pulse.notifier.schedule.QuietHours;
import com.pulse.notifier.scope.Caller;
import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * {@code GET/PUT /notifier/v1/preferences}: the caller's own preferences (no way to name another user).
 * PUT replaces them whole; a field left out takes its default. A {@code version} in the body or an
 * {@code If-Match} that is not the current one is 409.
 */
@RestController
@RequestMapping("/notifier/v1/preferences")
class PreferencesController {

    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{1,14}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]+");
    private static final Set<String> FIELDS = Set.of("timeZone", "locale", "phone", "email", "quietHours", "channels",
            "digest", "version");

    private final PreferencesRepository preferences;
    private final RecipientZones zones;
    private final ApplicationEventPublisher events;

    PreferencesController(PreferencesRepository preferences, RecipientZones zones, ApplicationEventPublisher events) {
        this.preferences = preferences;
        this.zones = zones;
        this.events = events;
    }

    /**
     * The preferences as answered: {@code timeZone} is the zone in force (the default when none was chosen),
     * {@code timeZoneChosen} tells which.
     */
    record PreferencesView(String timeZone, boolean timeZoneChosen, String locale, String phone, String email,
                           Map<String, Object> quietHours, Map<String, List<Channel>> channels, boolean digest,
                           long version) {
    }

    @GetMapping
    PreferencesView get(@AuthenticationPrincipal Jwt token) {
        Caller caller = Caller.of(token);
        return view(caller, preferences.find(caller.id()).orElse(Preferences.defaults()));
    }

    @PutMapping
    @Transactional
    PreferencesView put(@AuthenticationPrincipal Jwt token, @RequestBody JsonNode body,
                        @RequestHeader(name = "If-Match", required = false) String ifMatch) {
        Caller caller = Caller.of(token);
        Preferences wanted = read(body);
        Preferences current = preferences.find(caller.id()).orElse(Preferences.defaults());
        long expected = current.version();
        Long asked = body.hasNonNull("version") ? Long.valueOf(body.get("version").longValue()) : IfMatch.version(ifMatch);
        if (asked != null && asked != expected) {
            throw new VersionConflict(expected);
        }
        if (!preferences.save(caller.id(), wanted, expected, Instant.now())) {
            throw new VersionConflict(preferences.find(caller.id()).map(Preferences::version).orElse(0L));
        }
        if (!Objects.equals(current.timeZone(), wanted.timeZone())) {
            events.publishEvent(new TimeZoneChanged(caller.id()));
        }
        return view(caller, preferences.find(caller.id()).orElseThrow());
    }

    private PreferencesView view(Caller caller, Preferences p) {
        Map<String, List<Channel>> channels = new LinkedHashMap<>();
        p.channels().forEach((type, on) -> channels.put(type.name(), on));
        String zone = p.timeZone() != null ? p.timeZone() : zones.fallback(caller.id(), caller).getId();
        return new PreferencesView(zone, p.timeZone() != null, p.locale(), p.phone(), p.email(),
                p.quietHours() == null ? null : p.quietHours().toMap(), channels, p.digest(), p.version());
    }

    private static Preferences read(JsonNode body) {
        BodyReader r = new BodyReader();
        if (body == null || !body.isObject()) {
            r.problem("body", "must be a JSON object");
            r.throwIfAny();
        }
        r.onlyKnown(body, "", FIELDS);
        String zone = r.text(body, "timeZone", "timeZone", false);
        if (zone != null && RecipientZones.zone(zone).isEmpty()) {
            r.problem("timeZone", "must be an IANA time zone, e.g. Europe/Berlin");
        }
        String locale = r.text(body, "locale", "locale", false);
        if (locale != null && !locale.equals("en") && !locale.equals("zh-CN")) {
            r.problem("locale", "must be en or zh-CN");
        }
        String phone = r.text(body, "phone", "phone", false);
        if (phone != null && !E164.matcher(phone).matches()) {
            r.problem("phone", "must be an E.164 number, e.g. +8613800138000");
        }
        String email = r.text(body, "email", "email", false);
        if (email != null && (email.length() > 254 || !EMAIL.matcher(email).matches())) {
            r.problem("email", "must be an email address");
        }
        QuietHours quiet = QuietHours.read(body, "quietHours", "quietHours", r);
        Map<RuleType, List<Channel>> channels = channels(body, r);
        Boolean digest = r.bool(body, "digest", "digest", false);
        r.longValue(body, "version", "version");
        r.throwIfAny();
        return new Preferences(zone, locale == null ? Preferences.DEFAULT_LOCALE : locale, phone, email, quiet, channels,
                digest != null && digest, 0);
    }

    private static Map<RuleType, List<Channel>> channels(JsonNode body, BodyReader r) {
        Map<RuleType, List<Channel>> channels = new EnumMap<>(RuleType.class);
        JsonNode node = r.object(body, "channels", "channels", false);
        if (node == null) {
            return channels;
        }
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            String path = "channels." + e.getKey();
            RuleType type;
            try {
                type = RuleType.valueOf(e.getKey());
            } catch (IllegalArgumentException x) {
                r.problem(path, "not a rule type");
                continue;
            }
            List<Channel> on = Channels.read(e.getValue(), path, r, true);
            if (on != null) {
                channels.put(type, on);
            }
        }
        return channels;
    }
}

package com.pulse.notifier.preferences;

import com.pulse.notifier.rules.Channel;
import com.pulse.notifier.rules.RuleType;
import com.pulse.notifier.schedule.QuietHours;
import java.util.List;
import java.util.Map;

/**
 * One user's delivery preferences.
 *
 * @param timeZone   IANA zone their schedules and quiet hours are read in; null: not chosen (see {@link RecipientZones})
 * @param quietHours default quiet hours for rules that name none; null: none
 * @param channels   per rule type, the channels that are on; a type not named has all channels on
 * @param digest     default for rules that do not say whether to digest
 * @param version    0 while never saved
 */
public record Preferences(String timeZone, String locale, String phone, String email, QuietHours quietHours,
                          Map<RuleType, List<Channel>> channels, boolean digest, long version) {

    public static final String DEFAULT_LOCALE = "zh-CN";

    public static Preferences defaults() {
        return new Preferences(null, DEFAULT_LOCALE, null, null, null, Map.of(), false, 0);
    }

    /** The channels of {@code wanted} (in its order) this user has on for rules of {@code type}. */
    public List<Channel> allowed(RuleType type, List<Channel> wanted) {
        List<Channel> on = channels.get(type);
        return on == null ? wanted : wanted.stream().filter(on::contains).toList();
    }
}

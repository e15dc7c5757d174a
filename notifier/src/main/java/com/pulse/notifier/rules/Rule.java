package com.pulse.notifier.rules;

import com.pulse.notifier.schedule.QuietHours;
import com.pulse.notifier.schedule.Schedule;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A reminder rule as stored: whose it is, what it looks for, whom it tells on which channels, and when.
 *
 * @param parameters the type's parameters with defaults filled in
 * @param schedule   null for an event-triggered type
 * @param quietHours null: each recipient's default quiet hours apply
 * @param digest     null: each recipient's digest preference decides
 * @param escalation null: an unread in-app alert is not sent again on another channel
 */
public record Rule(UUID id, String ownerId, String name, RuleType type, Map<String, Object> parameters,
                   List<String> recipients, List<Channel> channels, Schedule schedule, QuietHours quietHours,
                   Boolean digest, Escalation escalation, boolean enabled, long version, Instant createdAt, Instant updatedAt) {
}

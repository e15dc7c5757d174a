package com.pulse.notifier.preferences;

/** A user chose another time zone: the triggers of rules they receive must be rebuilt on their new clock. */
public record TimeZoneChanged(String userId) {
}

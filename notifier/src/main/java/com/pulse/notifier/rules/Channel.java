package com.pulse.notifier.rules;

/** Where an alert can reach a person; a rule lists them in order of preference. */
public enum Channel {
    IN_APP, SMS, EMAIL
}

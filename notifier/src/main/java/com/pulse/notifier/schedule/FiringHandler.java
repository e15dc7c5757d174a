package com.pulse.notifier.schedule;

/** What runs a rule's firing; Quartz calls it through {@link RuleFiringJob}. */
public interface FiringHandler {

    void fire(Firing firing);
}

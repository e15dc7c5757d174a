package com.pulse.notifier.delivery.template;

/** No template of this name (or a part of it is missing): a mistake of the rule, not of the provider. */
public class UnknownTemplate extends RuntimeException {

    public UnknownTemplate(String name) {
        super("no delivery template " + name);
    }
}

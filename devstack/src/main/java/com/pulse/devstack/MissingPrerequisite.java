package com.pulse.devstack;

/** Something devstack needs is not installed; the message says how to install it. */
class MissingPrerequisite extends RuntimeException {

    static final int EXIT_CODE = 3;

    MissingPrerequisite(String message) {
        super(message);
    }
}

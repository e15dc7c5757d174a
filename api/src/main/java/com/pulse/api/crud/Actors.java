package com.pulse.api.crud;

/** Who a change is recorded as made by. */
public final class Actors {

    /** Until sign-in exists (issue 3) every API change is recorded as made by this actor, as opportunities do. */
    public static final String ANONYMOUS = "anonymous";

    private Actors() {
    }
}

package com.pulse.events;

/** What happened to an aggregate. DELETED moves it to the recycle bin; RESTORED brings it back. */
public enum Operation {
    CREATED, UPDATED, DELETED, RESTORED
}

package com.pulse.olap.security;

/** A scope outside the caller's data scope: answered 404 like a missing record (as the api does), not 403. */
public class ScopeNotVisible extends RuntimeException {

    public ScopeNotVisible() {
        super("No such scope.");
    }
}

package com.pulse.api.security;

/** The roles a user can hold (a user may hold several); tokens carry them in the roles claim. */
public enum Role {
    ADMIN, EXECUTIVE, MANAGER, REP, ANALYST;

    /** The Spring Security authority of the role, as the filter chain's rules name it. */
    public String authority() {
        return "ROLE_" + name();
    }
}

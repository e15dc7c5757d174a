package com.pulse.api.user;

/** Body of {@code POST /api/v1/users/{id}/password}. */
record SetPassword(String password, Long version) {

    @Override
    public String toString() {
        return "SetPassword[version=" + version + "]";
    }
}

package com.pulse.api.auth;

/** Body of {@code POST /api/v1/auth/token}. */
record TokenRequest(String username, String password) {

    @Override
    public String toString() {
        return "TokenRequest[username=" + username + "]";
    }
}

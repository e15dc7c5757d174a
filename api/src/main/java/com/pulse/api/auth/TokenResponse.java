package com.pulse.api.auth;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The OAuth 2 style answer of a successful sign-in (RFC 6749 §5.1 names). */
record TokenResponse(
        @JsonProperty("access_token") String accessToken,
        @JsonProperty("token_type") String tokenType,
        @JsonProperty("expires_in") long expiresIn) {
}

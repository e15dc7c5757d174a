package com.pulse.api.auth;

import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * {@code /api/v1/auth}: sign-in ({@code POST /token}) and the public keys other services
 * verify tokens with ({@code GET /jwks}).
 */
@RestController
@RequestMapping(path = "/api/v1/auth", produces = MediaType.APPLICATION_JSON_VALUE)
class AuthController {

    private final SignIn signIn;
    private final SigningKey key;

    AuthController(SignIn signIn, SigningKey key) {
        this.signIn = signIn;
        this.key = key;
    }

    /** A token must not sit in caches (RFC 6749 §5.1). */
    @PostMapping(path = "/token", consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<TokenResponse>> token(@RequestBody TokenRequest request) {
        return signIn.token(request).map(t -> ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(t));
    }

    @GetMapping("/jwks")
    Map<String, Object> jwks() {
        return key.publicKeys().toJSONObject(true);
    }
}

package com.pulse.api.user;

import com.pulse.api.auth.AuthProperties;
import com.pulse.api.security.Caller;
import com.pulse.api.security.Role;
import com.pulse.api.system.InvalidRequestException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * Creates the configured administrator ({@code pulse.api.auth.bootstrap-admin.username/password}) at
 * start-up when no user, live or binned, has that username, so a fresh installation can be signed
 * in to. It is created through {@link UserService}, so it has its history row and crm.users.v1 event.
 * Nothing is created when either setting is missing: the repository holds no default password.
 */
@Component
class BootstrapAdmin implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(BootstrapAdmin.class);

    private final AuthProperties properties;
    private final UserService users;
    private final UserRepository repository;

    BootstrapAdmin(AuthProperties properties, UserService users, UserRepository repository) {
        this.properties = properties;
        this.users = users;
        this.repository = repository;
    }

    @Override
    public void run(ApplicationArguments args) {
        AuthProperties.BootstrapAdmin admin = properties.bootstrapAdmin();
        if (admin == null || !admin.configured()) {
            return;
        }
        Boolean taken = repository.usernameTaken(admin.username(), UUID.randomUUID()).block(Duration.ofSeconds(30));
        if (Boolean.TRUE.equals(taken)) {
            log.info("Bootstrap administrator '{}' exists already", admin.username());
            return;
        }
        CreateUser request = new CreateUser(admin.username(), "Administrator", admin.username() + "@pulse.invalid", null,
                null, null, List.of(Role.ADMIN.name()), null, true, admin.password());
        User created;
        try {
            created = users.create(request, Caller.BOOTSTRAP).block(Duration.ofSeconds(30));
        } catch (InvalidRequestException e) {
            // e.g. a password shorter than the rules allow: refuse to start rather than run without the admin.
            throw new IllegalStateException("pulse.api.auth.bootstrap-admin is invalid: " + e.errors(), e);
        }
        log.info("Created the bootstrap administrator '{}' ({})", admin.username(), created.id());
    }
}

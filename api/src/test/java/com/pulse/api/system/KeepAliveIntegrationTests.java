package com.pulse.api.system;

import static com.pulse.devstack.RawHttpConnection.get;
import static com.pulse.devstack.RawHttpConnection.withJson;
import static org.assertj.core.api.Assertions.assertThat;

import com.pulse.api.security.Role;
import com.pulse.api.security.Tokens;
import com.pulse.devstack.Devstack;
import com.pulse.devstack.RawHttpConnection;
import com.pulse.devstack.TestNamespace;
import java.io.IOException;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * One HTTP/1.1 keep-alive connection, spoken to byte by byte: a request that arrives while the
 * previous one is still being answered is queued by the server, and a queued request answered at
 * once (a 401 or 403 decided without the database) must not leave the connection deaf to the
 * request after it. Browsers, the gateway's pooled client and the tests' own client all reuse
 * connections, so a deaf connection is a request that never gets an answer (see DeferredDispatch).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class KeepAliveIntegrationTests {

    static final TestNamespace NS = Devstack.get().newNamespace(KeepAliveIntegrationTests.class);

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        NS.springProperties().forEach((k, v) -> registry.add(k, () -> v));
    }

    @LocalServerPort
    int port;

    @Autowired
    Tokens tokens;

    @Test
    void aQueuedRequestAnsweredAtOnceDoesNotStallTheNextRequestOnTheConnection() throws IOException {
        String admin = tokens.token(UUID.randomUUID(), null, Role.ADMIN);
        try (RawHttpConnection connection = RawHttpConnection.open(port, Duration.ofSeconds(10))) {
            for (int round = 0; round < 20; round++) {
                // Pipelined: the second request is queued while the first one reads the database,
                // then refused by the security chain without any I/O.
                connection.send(get("/api/v1/accounts?limit=1", admin) + get("/api/v1/accounts", null));
                assertThat(connection.read().status()).as("round %d, first", round).isEqualTo(200);
                assertThat(connection.read().status()).as("round %d, refused", round).isEqualTo(401);

                connection.send(get("/api/v1/accounts?limit=1", admin));
                assertThat(connection.read().status()).as("round %d, the request after them", round).isEqualTo(200);
            }
        }
    }

    @Test
    void aWriteRefusedBeforeItsBodyIsReadDoesNotStallTheNextRequest() throws IOException {
        String admin = tokens.token(UUID.randomUUID(), null, Role.ADMIN);
        String analyst = tokens.token(UUID.randomUUID(), null, Role.ANALYST);
        String patch = "{\"name\": \"" + "x".repeat(2000) + "\"}";
        try (RawHttpConnection connection = RawHttpConnection.open(port, Duration.ofSeconds(10))) {
            for (int round = 0; round < 20; round++) {
                connection.send(get("/api/v1/accounts?limit=1", admin)
                        + withJson("PATCH", "/api/v1/accounts/" + UUID.randomUUID(), analyst, patch));
                assertThat(connection.read().status()).as("round %d, first", round).isEqualTo(200);
                assertThat(connection.read().status()).as("round %d, refused write", round).isEqualTo(403);

                connection.send(get("/api/v1/accounts?limit=1", admin));
                assertThat(connection.read().status()).as("round %d, the request after them", round).isEqualTo(200);
            }
        }
    }
}

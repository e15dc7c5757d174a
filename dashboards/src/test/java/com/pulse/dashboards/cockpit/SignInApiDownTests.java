package com.pulse.dashboards.cockpit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** With nothing listening where the api should be, the sign-in page says the service is unreachable. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SignInApiDownTests {

    @DynamicPropertySource
    static void apiNowhere(DynamicPropertyRegistry registry) throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        int port = closed;
        registry.add("pulse.dashboards.api-url", () -> "http://127.0.0.1:" + port);
    }

    @LocalServerPort
    int port;

    @Test
    void theApiDownIsShownAsUnreachableNotAsAWrongPassword() throws Exception {
        try (HeadlessChromium chromium = new HeadlessChromium()) {
            chromium.browser().get("http://localhost:" + port + "/");
            SignInPageTests.signIn(chromium, "exec", "any-password-1");
            chromium.waitUpTo(Duration.ofSeconds(15), b -> chromium.visible("#error"));
            assertThat(chromium.text("#error"))
                    .isEqualTo("The sign-in service is not reachable. Please try again in a moment.");
            assertThat(chromium.currentPath()).isEqualTo("/");
            System.out.println("screenshot " + chromium.screenshot("signin-api-down.png"));
        }
    }
}

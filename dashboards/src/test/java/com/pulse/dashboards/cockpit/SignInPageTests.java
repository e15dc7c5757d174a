package com.pulse.dashboards.cockpit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * The sign-in page and the signed-in pages' header in a real browser, against a stub api behind the
 * gateway that issues tokens of the api's shape: errors, role-aware landing and navigation, the
 * language switch, signing out and an expired session ({@link SignInApiDownTests}: the api being down).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SignInPageTests {

    static final String PASSWORD = "right-password-1";
    /** The token the stub api issues for the right password; the roles vary per step. */
    static final AtomicReference<String> issued = new AtomicReference<>();
    static final AtomicReference<String> lastBody = new AtomicReference<>();

    static final DisposableServer api = HttpServer.create().host("127.0.0.1").port(0)
            .route(r -> r.post("/api/v1/auth/token", (req, res) -> req.receive().aggregate().asString().flatMap(body -> {
                lastBody.set(body);
                return Mono.just(body);
            }).flatMap(body -> body.contains("\"password\":\"" + PASSWORD + "\"")
                    ? res.header(HttpHeaders.CONTENT_TYPE, "application/json")
                            .sendString(Mono.just("{\"access_token\":\"" + issued.get() + "\",\"token_type\":\"Bearer\",\"expires_in\":3600}")).then()
                    : res.status(401).header(HttpHeaders.CONTENT_TYPE, "application/problem+json")
                            .sendString(Mono.just("{\"title\":\"Unauthorized\",\"status\":401,\"detail\":\"Wrong username or password.\"}")).then())))
            .bindNow();

    @DynamicPropertySource
    static void backends(DynamicPropertyRegistry registry) {
        registry.add("pulse.dashboards.api-url", () -> "http://127.0.0.1:" + api.port());
    }

    @AfterAll
    static void stopApi() {
        api.disposeNow();
    }

    @LocalServerPort
    int port;

    @Test
    void signInErrorsRolesLanguageSignOutAndExpiry() throws Exception {
        try (HeadlessChromium chromium = new HeadlessChromium()) {
            String base = "http://localhost:" + port;
            Duration wait = Duration.ofSeconds(10);

            // a wrong password is said so, on the page
            chromium.browser().get(base + "/");
            signIn(chromium, "exec", "wrong-password");
            chromium.waitUpTo(wait, b -> chromium.visible("#error"));
            assertThat(chromium.text("#error")).isEqualTo("Wrong username or password.");
            assertThat(lastBody.get()).contains("\"username\":\"exec\"");
            chromium.screenshot("signin-wrong-password.png");

            // an executive lands on the cockpit, whose navigation offers only the cockpit
            issued.set(FakeTokens.valid("exec", "EXECUTIVE"));
            signIn(chromium, "exec", PASSWORD);
            chromium.waitUpTo(wait, b -> "/cockpit.html".equals(chromium.currentPath()));
            chromium.waitUpTo(wait, b -> "exec".equals(chromium.text("#user")));
            assertThat(navigation(chromium)).containsExactly("cockpit");
            assertThat(chromium.script("return sessionStorage.getItem('pulse.accessToken')")).isEqualTo(issued.get());

            // switching to zh-CN relabels the page, and the choice outlives a reload
            chromium.waitUpTo(wait, b -> "Sign out".equals(chromium.text("#sign-out")));
            assertThat(chromium.text(".tile[data-kpi='openPipeline'] .label")).isEqualTo("Open pipeline");
            new org.openqa.selenium.support.ui.Select(chromium.browser().findElement(org.openqa.selenium.By.id("language")))
                    .selectByValue("zh-CN");
            chromium.waitUpTo(wait, b -> "退出登录".equals(chromium.text("#sign-out")));
            assertThat(chromium.text(".tile[data-kpi='openPipeline'] .label")).isEqualTo("在途商机");
            assertThat(chromium.text("nav a[data-page='cockpit']")).isEqualTo("驾驶舱");
            chromium.browser().navigate().refresh();
            chromium.waitUpTo(wait, b -> "退出登录".equals(chromium.text("#sign-out")));
            assertThat(chromium.script("return document.documentElement.lang")).isEqualTo("zh-CN");
            chromium.screenshot("cockpit-zh-CN-without-olap.png");

            // signing out forgets the token and says so
            chromium.browser().findElement(org.openqa.selenium.By.id("sign-out")).click();
            chromium.waitUpTo(wait, b -> "/".equals(chromium.currentPath()) && "您已退出登录。".equals(chromium.text("#notice")));
            assertThat(chromium.script("return sessionStorage.getItem('pulse.accessToken')")).isNull();
            new org.openqa.selenium.support.ui.Select(chromium.browser().findElement(org.openqa.selenium.By.id("language")))
                    .selectByValue("en");
            chromium.waitUpTo(wait, b -> "You are signed out.".equals(chromium.text("#notice")));

            // an analyst lands on the pivot page
            issued.set(FakeTokens.valid("ana", "ANALYST"));
            signIn(chromium, "ana", PASSWORD);
            chromium.waitUpTo(wait, b -> "/pivot.html".equals(chromium.currentPath())
                    && "Run".equals(chromium.text("#run")));
            assertThat(navigation(chromium)).containsExactly("pivot");
            chromium.browser().get(base + "/cockpit.html");
            chromium.waitUpTo(wait, b -> "/pivot.html".equals(chromium.currentPath()));

            // a manager who is also an executive gets both links
            chromium.keepToken(FakeTokens.valid("boss", "EXECUTIVE", "MANAGER"));
            chromium.browser().get(base + "/workspace.html");
            chromium.waitUpTo(wait, b -> navigation(chromium).size() == 2);
            assertThat(navigation(chromium)).containsExactly("cockpit", "workspace");
            chromium.screenshot("workspace-nav.png");
            // outside the demo there is no outbox page: it sends the user to their own page
            chromium.browser().get(base + "/outbox.html");
            chromium.waitUpTo(wait, b -> "/cockpit.html".equals(chromium.currentPath()));

            // a token that has expired sends the page back to sign-in, which says why
            chromium.keepToken(FakeTokens.of("exec", List.of("EXECUTIVE"), "UTC", Duration.ofMinutes(-1)));
            chromium.browser().get(base + "/cockpit.html");
            chromium.waitUpTo(wait, b -> "/".equals(chromium.currentPath())
                    && "Your session has ended. Please sign in again.".equals(chromium.text("#notice")));
            assertThat(chromium.browser().getCurrentUrl()).contains("next=%2Fcockpit.html");

            // no token at all: the sign-in page, without a notice
            chromium.script("sessionStorage.clear()");
            chromium.browser().get(base + "/workspace.html");
            chromium.waitUpTo(wait, b -> "/".equals(chromium.currentPath()) && chromium.visible("#username"));
            assertThat(chromium.visible("#notice")).isFalse();
        }
    }

    static void signIn(HeadlessChromium chromium, String username, String password) {
        chromium.waitUpTo(Duration.ofSeconds(10), b -> chromium.visible("#username")
                && "Sign in".equals(chromium.text("#submit")) || "登录".equals(chromium.text("#submit")));
        var user = chromium.browser().findElement(org.openqa.selenium.By.id("username"));
        var pass = chromium.browser().findElement(org.openqa.selenium.By.id("password"));
        user.clear();
        user.sendKeys(username);
        pass.clear();
        pass.sendKeys(password);
        chromium.browser().findElement(org.openqa.selenium.By.id("submit")).click();
    }

    @SuppressWarnings("unchecked")
    private static List<String> navigation(HeadlessChromium chromium) {
        return (List<String>) chromium.script("return Array.from(document.querySelectorAll('#nav a')).map(a => a.dataset.page)");
    }
}

package com.pulse.dashboards.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.pulse.dashboards.e2e.PulseApi.Opportunity;
import java.io.File;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** Headless Chromium opens the cockpit through the gateway and watches a stage change arrive. */
class CockpitBrowserIntegrationTests extends LiveStackSupport {

    private static final String CHROMEDRIVER = "/usr/bin/chromedriver";
    private static final String CHROMIUM = "/usr/bin/chromium";

    ChromeDriverService driverService;
    WebDriver browser;

    @BeforeEach
    void openBrowser() throws IOException {
        // The driver and the browser are given explicitly, so Selenium Manager never looks for (or downloads) one.
        System.setProperty(ChromeDriverService.CHROME_DRIVER_EXE_PROPERTY, CHROMEDRIVER);
        Path logs = Files.createDirectories(Path.of("target", "e2e-logs"));
        driverService = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER))
                .usingAnyFreePort()
                .withLogFile(logs.resolve("chromedriver.log").toFile())
                .build();
        Path profile = Files.createTempDirectory("chromium-profile");
        ChromeOptions options = new ChromeOptions()
                .setBinary(CHROMIUM)
                .addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                        "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
                        "--disable-dev-shm-usage", "--window-size=1200,900", "--user-data-dir=" + profile);
        browser = new ChromeDriver(driverService, options);
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
        if (driverService != null) {
            driverService.stop();
        }
    }

    @Test
    void aStageChangeThroughTheApiShowsOnTheOpenCockpit() throws Exception {
        PulseApi api = new PulseApi(gateway());
        Opportunity deal = api.create("Browser deal", new BigDecimal("2500.00"), "QUALIFICATION");
        try (PostgresFunnel postgres = postgres()) {
            // given the cockpit, live and showing the current figures
            browser.get(gateway() + "/");
            waitUpTo(Duration.ofSeconds(20)).until(b -> "live".equals(
                    b.findElement(By.id("connection")).getAttribute("data-state")));
            FunnelCell before = postgres.funnel().get("PROPOSAL");
            waitUpTo(Duration.ofSeconds(30)).until(b -> shows(b, before));

            // when a deal moves to PROPOSAL through the API
            api.moveTo(deal.id(), "PROPOSAL");
            long respondedAt = System.currentTimeMillis();
            long responded = System.nanoTime();
            FunnelCell after = postgres.funnel().get("PROPOSAL");
            assertThat(after.count()).isEqualTo(before.count() + 1);

            // then the PROPOSAL cell shows the new figures
            waitUpTo(Duration.ofSeconds(10)).until(b -> shows(b, after));
            long observedMs = (System.nanoTime() - responded) / 1_000_000;
            long changedAt = Long.parseLong(cell(browser, "PROPOSAL", "count").getAttribute("data-changed-at"));
            screenshot();
            String line = String.format("browser: API response -> PROPOSAL cell changed on the page %d ms"
                    + " (seen by the test's polling after %d ms)%n", changedAt - respondedAt, observedMs);
            Files.writeString(Path.of("target", "e2e-browser.txt"), line);
            System.out.print(line);
            System.err.print(line);
        }
    }

    private WebDriverWait waitUpTo(Duration timeout) {
        WebDriverWait wait = new WebDriverWait(browser, timeout, Duration.ofMillis(10));
        return wait;
    }

    private static boolean shows(WebDriver b, FunnelCell expected) {
        var count = b.findElements(By.cssSelector("td[data-stage='" + expected.stage() + "'][data-field='count']"));
        if (count.isEmpty()) {
            return false;
        }
        String amount = cell(b, expected.stage(), "amount").getAttribute("data-value");
        return String.valueOf(expected.count()).equals(count.get(0).getAttribute("data-value"))
                && amount != null && new BigDecimal(amount).compareTo(expected.amount()) == 0;
    }

    private static org.openqa.selenium.WebElement cell(WebDriver b, String stage, String field) {
        return b.findElement(By.cssSelector("td[data-stage='" + stage + "'][data-field='" + field + "']"));
    }

    private void screenshot() throws IOException {
        Path target = Files.createDirectories(Path.of("target", "screenshots")).resolve("cockpit.png");
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
        System.out.println("screenshot: " + target.toAbsolutePath());
    }
}

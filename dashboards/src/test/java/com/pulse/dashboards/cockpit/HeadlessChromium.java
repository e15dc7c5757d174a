package com.pulse.dashboards.cockpit;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.function.Function;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's chromium driven by Debian's chromedriver, headless with a fresh profile. Both paths are
 * given explicitly, so Selenium Manager never looks for (or tries to download) a browser or driver.
 */
public final class HeadlessChromium implements AutoCloseable {

    private static final String CHROMEDRIVER = "/usr/bin/chromedriver";
    private static final String CHROMIUM = "/usr/bin/chromium";

    private final ChromeDriverService service;
    private final ChromeDriver browser;

    public HeadlessChromium() throws IOException {
        System.setProperty(ChromeDriverService.CHROME_DRIVER_EXE_PROPERTY, CHROMEDRIVER);
        Path logs = Files.createDirectories(Path.of("target", "e2e-logs"));
        service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER))
                .usingAnyFreePort()
                .withLogFile(logs.resolve("chromedriver.log").toFile())
                .build();
        Path profile = Files.createTempDirectory("chromium-profile");
        ChromeOptions options = new ChromeOptions()
                .setBinary(CHROMIUM)
                .addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                        "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
                        "--disable-dev-shm-usage", "--window-size=1280,2200", "--lang=en-US",
                        "--user-data-dir=" + profile);
        try {
            browser = new ChromeDriver(service, options);
        } catch (RuntimeException e) {
            service.stop();
            throw e;
        }
    }

    public WebDriver browser() {
        return browser;
    }

    public <T> T waitUpTo(Duration timeout, Function<WebDriver, T> condition) {
        return new WebDriverWait(browser, timeout, Duration.ofMillis(10)).until(condition::apply);
    }

    /** Runs a script in the page; {@code arguments[0…]} are the extra arguments. */
    public Object script(String script, Object... arguments) {
        return browser.executeScript(script, arguments);
    }

    /** Puts a token into this tab's session as the sign-in page keeps it (the page must be of the gateway's origin). */
    public void keepToken(String token) {
        script("sessionStorage.setItem('pulse.accessToken', arguments[0])", token);
    }

    /**
     * Opens {@code path} of the gateway at {@code base} as a tab signed in with {@code token}. The token is put
     * in place from a file of the same origin, not from the sign-in page, which would itself go on to the
     * user's page and race the test's own navigation.
     */
    public void openSignedIn(String base, String token, String path) {
        browser.get(base + "/i18n/en.json");
        keepToken(token);
        browser.get(base + path);
    }

    /** The text of the first element matching a CSS selector; null when there is none. */
    public String text(String css) {
        var found = browser.findElements(By.cssSelector(css));
        return found.isEmpty() ? null : found.get(0).getText();
    }

    public boolean visible(String css) {
        var found = browser.findElements(By.cssSelector(css));
        return !found.isEmpty() && found.get(0).isDisplayed();
    }

    /** The {@code data-value} of a KPI tile (olap's number as text), null before it is drawn. */
    public String tile(String kpi) {
        var tiles = browser.findElements(By.cssSelector(".tile[data-kpi='" + kpi + "']"));
        return tiles.isEmpty() ? null : tiles.get(0).getAttribute("data-value");
    }

    public String tileAttribute(String kpi, String attribute) {
        return browser.findElement(By.cssSelector(".tile[data-kpi='" + kpi + "']")).getAttribute(attribute);
    }

    public String currentPath() {
        return java.net.URI.create(browser.getCurrentUrl()).getPath();
    }

    public String connectionState() {
        return browser.findElement(By.id("connection")).getAttribute("data-state");
    }

    /** The {@code data-value} of a funnel cell, e.g. ("PROPOSAL", "count"); null while the table is not drawn. */
    public String cell(String stage, String field) {
        var cells = browser.findElements(By.cssSelector("td[data-stage='" + stage + "'][data-field='" + field + "']"));
        return cells.isEmpty() ? null : cells.get(0).getAttribute("data-value");
    }

    public String attribute(String stage, String field, String attribute) {
        return browser.findElement(By.cssSelector("td[data-stage='" + stage + "'][data-field='" + field + "']"))
                .getAttribute(attribute);
    }

    public boolean rowHighlighted(String stage) {
        return browser.findElement(By.cssSelector("tr[data-stage='" + stage + "']")).getAttribute("class")
                .contains("changed");
    }

    /**
     * Saves the files the page hands over (an anchor with {@code download}) into {@code directory} without asking, through
     * the DevTools protocol, as headless Chromium otherwise drops them. Each call may name another directory.
     */
    public void downloadTo(Path directory) throws IOException {
        Files.createDirectories(directory);
        browser.executeCdpCommand("Browser.setDownloadBehavior",
                java.util.Map.of("behavior", "allow", "downloadPath", directory.toAbsolutePath().toString()));
    }

    public Path screenshot(String name) throws IOException {
        Path target = Files.createDirectories(Path.of("target", "screenshots")).resolve(name);
        File shot = browser.getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
        return target.toAbsolutePath();
    }

    @Override
    public void close() {
        try {
            browser.quit();
        } finally {
            service.stop();
        }
    }
}

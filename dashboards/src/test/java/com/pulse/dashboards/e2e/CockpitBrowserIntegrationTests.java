package com.pulse.dashboards.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.pulse.dashboards.cockpit.HeadlessChromium;
import com.pulse.dashboards.e2e.PulseApi.Opportunity;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Headless Chromium opens the cockpit through the gateway and watches a stage change arrive. */
class CockpitBrowserIntegrationTests extends LiveStackSupport {

    @Test
    void aStageChangeThroughTheApiShowsOnTheOpenCockpit() throws Exception {
        PulseApi api = stack().signIn(gateway());
        Opportunity deal = api.create("Browser deal", new BigDecimal("2500.00"), "QUALIFICATION");
        try (HeadlessChromium chromium = new HeadlessChromium(); PostgresFunnel postgres = postgres()) {
            // given the cockpit, live and showing the current figures; olap requires a token (see StackUnderTest),
            // which the page takes from the address fragment
            chromium.browser().get(gateway() + "/#access_token=" + api.token());
            chromium.waitUpTo(Duration.ofSeconds(20), b -> "live".equals(chromium.connectionState()));
            FunnelCell before = postgres.funnel().get("PROPOSAL");
            chromium.waitUpTo(Duration.ofSeconds(30), b -> shows(chromium, before));

            // when a deal moves to PROPOSAL through the API
            api.moveTo(deal.id(), "PROPOSAL");
            long respondedAt = System.currentTimeMillis();
            long responded = System.nanoTime();
            FunnelCell after = postgres.funnel().get("PROPOSAL");
            assertThat(after.count()).isEqualTo(before.count() + 1);

            // then the PROPOSAL cell shows the new figures
            chromium.waitUpTo(Duration.ofSeconds(10), b -> shows(chromium, after));
            long observedMs = (System.nanoTime() - responded) / 1_000_000;
            long changedAt = Long.parseLong(chromium.attribute("PROPOSAL", "count", "data-changed-at"));
            Path shot = chromium.screenshot("cockpit.png");
            String line = String.format("browser: API response -> PROPOSAL cell changed on the page %d ms"
                    + " (seen by the test's polling after %d ms); screenshot %s%n", changedAt - respondedAt, observedMs, shot);
            Files.writeString(Path.of("target", "e2e-browser.txt"), line);
            System.out.print(line);
            System.err.print(line);
        }
    }

    private static boolean shows(HeadlessChromium chromium, FunnelCell expected) {
        String count = chromium.cell(expected.stage(), "count");
        String amount = chromium.cell(expected.stage(), "amount");
        return String.valueOf(expected.count()).equals(count)
                && amount != null && new BigDecimal(amount).compareTo(expected.amount()) == 0;
    }
}

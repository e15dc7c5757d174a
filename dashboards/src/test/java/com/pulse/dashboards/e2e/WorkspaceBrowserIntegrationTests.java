package com.pulse.dashboards.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.pulse.dashboards.cockpit.HeadlessChromium;
import com.pulse.dashboards.e2e.PulseApi.Opportunity;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * Headless Chromium signs in as a rep through the gateway of the real stack (api, streams, olap, notifier): the
 * workspace's pipeline shows the rep's own deals and not a colleague's, and when the rep's deal is won through the
 * api, the alert of the rep's big-deal rule arrives in the open inbox, live, while the colleague's does not.
 */
class WorkspaceBrowserIntegrationTests extends LiveStackSupport {

    @Test
    void aRepSeesOnlyTheirOwnDealsAndTheirOwnAlertArrivesOnTheOpenPage() throws Exception {
        PulseApi admin = stack().signIn(gateway());
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String rita = "e2e.rita." + suffix;
        String sam = "e2e.sam." + suffix;
        String password = "rep-" + UUID.randomUUID();
        admin.createUser(rita, List.of("REP"), password);
        admin.createUser(sam, List.of("REP"), password);
        PulseApi ritaApi = PulseApi.signIn(gateway(), rita, password);
        PulseApi samApi = PulseApi.signIn(gateway(), sam, password);
        Opportunity ritas = ritaApi.create("Rita workspace deal " + suffix, new BigDecimal("250000.00"), "NEGOTIATION");
        Opportunity sams = samApi.create("Sam workspace deal " + suffix, new BigDecimal("260000.00"), "NEGOTIATION");
        // each rep's own rule, through the gateway's /notifier route: a deal of theirs won above 100,000, in the app
        Map<String, Object> rule = Map.of("name", "Big wins", "type", "BIG_DEAL_WON",
                "parameters", Map.of("minAmount", 100000), "channels", List.of("IN_APP"));
        ritaApi.postJson("/notifier/v1/rules", rule, 201);
        samApi.postJson("/notifier/v1/rules", rule, 201);
        List<Path> shots = new ArrayList<>();

        try (HeadlessChromium chromium = new HeadlessChromium()) {
            // given Rita signed in, on her workspace with the live channel up
            chromium.browser().get(gateway() + "/");
            CockpitBrowserIntegrationTests.signIn(chromium, rita, password);
            chromium.waitUpTo(Duration.ofSeconds(15), b -> "/workspace.html".equals(chromium.currentPath()));
            chromium.waitUpTo(Duration.ofSeconds(30), b -> "live".equals(chromium.connectionState()));
            chromium.waitUpTo(Duration.ofSeconds(30), b -> dealsShown(chromium).contains(ritas.id()));
            assertThat(dealsShown(chromium)).containsExactly(ritas.id());
            assertThat(chromium.text("#pipeline")).contains("Rita workspace deal").doesNotContain("Sam workspace deal");
            chromium.waitUpTo(Duration.ofSeconds(15), b -> "0".equals(unread(chromium)));
            shots.add(chromium.screenshot("e2e-workspace.png"));

            // when both deals are won through the api
            ritaApi.moveTo(ritas.id(), "CLOSED_WON");
            long respondedAt = System.currentTimeMillis();
            samApi.moveTo(sams.id(), "CLOSED_WON");

            // then Rita's alert appears on the open page without a reload, and the unread count goes to 1
            try {
                chromium.waitUpTo(Duration.ofSeconds(90), b -> chromium.text("#inbox-items").contains("Rita workspace deal"));
            } catch (RuntimeException e) {
                // says which half failed: the alert was never stored, or it was stored and never pushed to the page
                throw new AssertionError("no alert on the page; Rita's inbox through the api: "
                        + ritaApi.getJson("/notifier/v1/inbox") + "; connection " + chromium.connectionState(), e);
            }
            chromium.waitUpTo(Duration.ofSeconds(10), b -> "1".equals(unread(chromium)));
            String arrivedAt = chromium.browser().findElement(By.cssSelector("#inbox-items li.alert"))
                    .getAttribute("data-arrived-at");
            assertThat(arrivedAt).as("pushed on /user/queue/alerts, not read on load").isNotNull();
            long alertMs = Long.parseLong(arrivedAt) - respondedAt;
            assertThat(chromium.text("#inbox-items")).contains("250,000.00").doesNotContain("Sam workspace deal");
            shots.add(chromium.screenshot("e2e-workspace-alert.png"));

            // and Sam's alert went to Sam: his inbox has it, Rita's page never showed it
            chromium.waitUpTo(Duration.ofSeconds(60), b -> new JsonInbox(samApi.getJson("/notifier/v1/inbox")).titles()
                    .stream().anyMatch(title -> title.contains("Sam workspace deal")));
            assertThat(new JsonInbox(ritaApi.getJson("/notifier/v1/inbox")).titles()).hasSize(1);

            String line = String.format("browser: deal won (API response) -> alert on the open workspace %d ms; screenshots %s%n",
                    alertMs, shots);
            Files.writeString(Path.of("target", "e2e-workspace.txt"), line);
            System.out.print(line);
        }
    }

    /** The titles of a {@code GET /notifier/v1/inbox} page. */
    private record JsonInbox(com.fasterxml.jackson.databind.JsonNode page) {
        List<String> titles() {
            List<String> titles = new ArrayList<>();
            page.path("items").forEach(item -> titles.add(item.path("title").asText()));
            return titles;
        }
    }

    private static List<String> dealsShown(HeadlessChromium chromium) {
        Object ids = chromium.script("return Array.from(document.querySelectorAll('#pipeline-stages tr[data-id]'))"
                + ".map(tr => tr.dataset.id)");
        List<String> out = new ArrayList<>();
        if (ids instanceof List<?> list) {
            list.forEach(id -> out.add(String.valueOf(id)));
        }
        return out;
    }

    private static String unread(HeadlessChromium chromium) {
        return chromium.browser().findElement(By.id("inbox-unread")).getAttribute("data-value");
    }
}

package com.pulse.dashboards.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.pulse.clickhouse.ClickHouseGateway;
import com.pulse.clickhouse.ClickHouseSettings;
import com.pulse.dashboards.e2e.FunnelFeed.Received;
import com.pulse.dashboards.e2e.PulseApi.Opportunity;
import com.pulse.events.FunnelChanged;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** The slice through the gateway only: HTTP in, ClickHouse and STOMP out, checked against Postgres. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EndToEndIntegrationTests extends LiveStackSupport {

    private static final int LATENCY_CHANGES = 200;

    @Test
    @Order(1)
    void dealsCreatedAndMovedOverHttpEndUpInClickHouseAndReachStompClientsOfTheGateway() throws Exception {
        PulseApi api = stack().signIn(gateway());
        try (FunnelFeed feed = FunnelFeed.connect(gatewayWebSocket()); PostgresFunnel postgres = postgres()) {
            // given twenty deals spread over the open stages
            List<Opportunity> deals = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                deals.add(api.create("E2E deal " + i, amount(i), OPEN_STAGES.get(i % OPEN_STAGES.size())));
            }

            // when each moves on, back, and on again, and some are then won or lost
            for (int i = 0; i < deals.size(); i++) {
                String id = deals.get(i).id();
                String start = OPEN_STAGES.get(i % OPEN_STAGES.size());
                String next = OPEN_STAGES.get((i + 1) % OPEN_STAGES.size());
                api.moveTo(id, next);
                api.moveTo(id, start);
                api.moveTo(id, next);
                if (i % 5 == 0) {
                    api.moveTo(id, "CLOSED_WON");
                } else if (i % 5 == 1) {
                    api.moveTo(id, "CLOSED_LOST");
                }
            }

            // then ClickHouse, read through the OLAP service and directly, equals the recomputation from Postgres
            try (ClickHouseGateway clickHouse = new ClickHouseGateway(new ClickHouseSettings(
                    stack().namespace.clickhouseUrl(), stack().namespace.clickhouseDatabase(), null, null))) {
                await("ClickHouse's funnel equals Postgres").atMost(Duration.ofSeconds(60))
                        .pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                            Map<String, FunnelCell> truth = postgres.funnel();
                            assertThat(olapFunnel(api)).as("GET /olap/v1/funnel").isEqualTo(truth);
                            assertThat(clickHouseFunnel(clickHouse)).as("funnel_snapshot FINAL").isEqualTo(truth);
                        });
            }

            // and the gateway's STOMP client got every stage's latest figures
            Map<String, FunnelCell> truth = postgres.funnel();
            await("STOMP updates through the gateway").atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertThat(latestPerStage(feed)).isEqualTo(truth));
            System.out.printf("end-to-end: %d funnel messages over STOMP through the gateway; funnel %s%n",
                    feed.size(), truth.values());
        }
    }

    @Test
    @Order(2)
    void everyStageChangeReachesTheGatewaysStompClientsAndTheLatencyIsRecorded() throws Exception {
        PulseApi api = stack().signIn(gateway());
        try (FunnelFeed feed = FunnelFeed.connect(gatewayWebSocket()); PostgresFunnel postgres = postgres()) {
            List<Opportunity> deals = new ArrayList<>();
            Map<String, String> stageOf = new HashMap<>();
            for (int i = 0; i < 10; i++) {
                Opportunity deal = api.create("Latency deal " + i, amount(i), OPEN_STAGES.get(i % OPEN_STAGES.size()));
                deals.add(deal);
                stageOf.put(deal.id(), deal.stage());
            }

            // One change at a time, so the cell the change produces identifies its message:
            // the target stage with the count and amount Postgres holds right after the response.
            long[] latencies = new long[LATENCY_CHANGES];
            for (int i = 0; i < LATENCY_CHANGES; i++) {
                String id = deals.get(i % deals.size()).id();
                String to = OPEN_STAGES.get((OPEN_STAGES.indexOf(stageOf.get(id)) + 1 + i % 3) % OPEN_STAGES.size());
                int mark = feed.size();

                api.moveTo(id, to);
                long responded = System.nanoTime();
                stageOf.put(id, to);
                FunnelCell expected = postgres.funnel().get(to);

                Received arrived = await("change " + i + " (" + to + " -> " + expected + ") over STOMP")
                        .atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(5))
                        .until(() -> feed.find(mark, c -> companyScope(c) && c.stage().equals(to)
                                && expected.sameCountAndAmount(c.count(), c.amount())), Optional::isPresent)
                        .orElseThrow();
                // the STOMP frame may be handled a moment before the HTTP client returns
                latencies[i] = Math.max(0, arrived.nanos() - responded);
            }
            report(latencies);
        }
    }

    private static Map<String, FunnelCell> olapFunnel(PulseApi api) {
        JsonNode funnel = api.getJson("/olap/v1/funnel");
        Map<String, FunnelCell> cells = new LinkedHashMap<>();
        for (JsonNode s : funnel.path("stages")) {
            String stage = s.path("stage").asText();
            cells.put(stage, new FunnelCell(stage, s.path("count").asLong(), s.path("amount").decimalValue(),
                    s.path("weighted").decimalValue()));
        }
        return cells;
    }

    private static Map<String, FunnelCell> clickHouseFunnel(ClickHouseGateway clickHouse) {
        Map<String, FunnelCell> cells = new LinkedHashMap<>();
        OPEN_STAGES.forEach(stage -> cells.put(stage, FunnelCell.empty(stage)));
        for (Map<String, Object> row : clickHouse.query("SELECT stage, count, amount, weighted FROM funnel_snapshot FINAL"
                + " WHERE scope_type = ? AND scope_id = ?", FunnelChanged.COMPANY, "company")) {
            String stage = String.valueOf(row.get("stage"));
            if (cells.containsKey(stage)) {
                cells.put(stage, FunnelCell.of(stage, row.get("count"), row.get("amount"), row.get("weighted")));
            }
        }
        return cells;
    }

    private static Map<String, FunnelCell> latestPerStage(FunnelFeed feed) {
        Map<String, FunnelCell> cells = new LinkedHashMap<>();
        OPEN_STAGES.forEach(stage -> cells.put(stage, null));
        for (Received r : feed.all()) {
            FunnelChanged c = r.change();
            if (companyScope(c) && cells.containsKey(c.stage())) {
                cells.put(c.stage(), new FunnelCell(c.stage(), c.count(), c.amount(), c.weighted()));
            }
        }
        return cells;
    }

    private static void report(long[] nanos) throws IOException {
        long[] sorted = nanos.clone();
        java.util.Arrays.sort(sorted);
        String summary = String.format(
                "API response -> STOMP receipt through the gateway, %d sequential stage changes:"
                        + " p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms, mean %.1f ms%n",
                sorted.length, ms(percentile(sorted, 50)), ms(percentile(sorted, 90)), ms(percentile(sorted, 99)),
                ms(sorted[sorted.length - 1]), ms((long) java.util.Arrays.stream(sorted).average().orElse(0)));
        StringBuilder file = new StringBuilder(summary).append("samples (ms, in order):");
        for (long n : nanos) {
            file.append(' ').append(String.format("%.1f", ms(n)));
        }
        Path out = Path.of("target", "e2e-latency.txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, file.append('\n').toString());
        System.out.print(summary);
        System.err.print(summary);
    }

    /** Nearest-rank percentile. */
    private static long percentile(long[] sorted, int p) {
        return sorted[Math.max(0, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    private static double ms(long nanos) {
        return nanos / 1_000_000.0;
    }
}

package com.pulse.streams.rebuild;

import com.pulse.clickhouse.ClickHouseGateway;
import com.pulse.clickhouse.ClickHouseSettings;
import com.pulse.clickhouse.ClickHouseSql;
import com.pulse.events.ForecastSnapshot;
import com.pulse.streams.PulseStreamsApplication;
import com.pulse.streams.system.PulseProperties;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code java -jar pulse-streams.jar rebuild [--force]} (what {@code ./pulse streams rebuild} runs), with the
 * service's own configuration (application.yml, PULSE_* environment):
 * <ol>
 *   <li>refuses while the streams service still consumes ({@code --force} removes members of a process that is gone);</li>
 *   <li>notes the aggregate tables' contents, resets Kafka (application group, internal topics, sink offsets) and the
 *       local state, truncates the tables;</li>
 *   <li>runs the service in this process (without its web port) until it has replayed the source topics to their
 *       end offsets and the sink has written everything, with a progress bar;</li>
 *   <li>reports whether every table holds what it held before (it does unless events arrived meanwhile).</li>
 * </ol>
 * Exit code 0 on success, 1 when the rebuild failed, 2 when the service is still running.
 */
public final class RebuildCommand {

    /** Only the settings; none of the service's beans (no stereotype, so the service's component scan skips it). */
    @EnableConfigurationProperties({PulseProperties.class, RebuildProperties.class, KafkaProperties.class})
    static class Settings {
    }

    private RebuildCommand() {
    }

    public static int run(String[] args) {
        boolean force = Arrays.asList(args).contains("--force");
        String[] springArgs = Arrays.stream(args).filter(a -> !a.equals("--force")).toArray(String[]::new);
        try (ConfigurableApplicationContext settings = new SpringApplicationBuilder(Settings.class)
                .web(WebApplicationType.NONE).logStartupInfo(false).run(springArgs)) {
            PulseProperties pulse = settings.getBean(PulseProperties.class);
            RebuildProperties rebuild = settings.getBean(RebuildProperties.class);
            String bootstrap = String.join(",", settings.getBean(KafkaProperties.class).getBootstrapServers());
            PulseProperties.Clickhouse ch = pulse.clickhouse();
            RebuildTarget target = RebuildTarget.of(pulse);
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
                 ClickHouseGateway clickHouse = new ClickHouseGateway(new ClickHouseSettings(ch.url(), ch.database(), ch.user(), ch.password()))) {
                StreamsReset reset = new StreamsReset(admin, target);
                try {
                    reset.ensureStopped(force);
                } catch (IllegalStateException e) {
                    System.err.println("[rebuild] " + e.getMessage());
                    return 2;
                }
                clickHouse.migrate();
                AggregateTables tables = new AggregateTables(clickHouse, rebuild.keepTables());
                Map<String, String> before = fingerprints(clickHouse, tables.list());
                say("tables before: " + before);

                // The replay must not freeze again a month that was frozen before (forecast_snapshots is kept), and must
                // still complete the frozen months that have not ended with their error when they end.
                List<String> replayArgs = new ArrayList<>(Arrays.asList(springArgs));
                String frozenThrough = frozenThrough(clickHouse);
                if (frozenThrough != null) {
                    replayArgs.add("--pulse.streams.frozen-through=" + frozenThrough);
                }
                List<ForecastSnapshot> open = OpenFrozenMonths.read(clickHouse);
                Path openFile = open.isEmpty() ? null
                        : OpenFrozenMonths.write(open, Path.of(System.getProperty("java.io.tmpdir")));
                if (openFile != null) {
                    replayArgs.add("--pulse.streams.frozen-open=" + openFile);
                    openFile.toFile().deleteOnExit();
                }
                ReplayPlan plan = reset.resetKafkaAndState();
                tables.list().forEach(tables::truncate);
                if (!open.isEmpty()) {
                    say("%,d frozen months not ended yet are handed to the replay".formatted(open.size()));
                }
                say("reset %s and %s, truncated %s; replaying %,d records of %d source partitions".formatted(
                        String.join(", ", target.applicationIds()), target.sinkGroupId(), before.keySet(), plan.records(), plan.ends().size()));

                long started = System.nanoTime();
                try (ConfigurableApplicationContext service = new SpringApplicationBuilder(PulseStreamsApplication.class)
                        .web(WebApplicationType.NONE).logStartupInfo(false).run(replayArgs.toArray(String[]::new));
                     ReplayProgress progress = new ReplayProgress(admin, bootstrap, target, plan)) {
                    ProgressBar bar = new ProgressBar(System.err);
                    progress.await(rebuild.timeout(), bar::show);
                    bar.done();
                }
                double seconds = (System.nanoTime() - started) / 1e9;
                Map<String, String> after = fingerprints(clickHouse, tables.list());
                say("replayed %,d records in %.1f s (%,.0f/s)".formatted(plan.records(), seconds, plan.records() / seconds));
                say("tables after:  " + after);
                say(before.equals(after) ? "every table holds what it held before"
                        : "tables differ from before: events arrived while the service was stopped, or a table is not rebuildable"
                          + " (add it to pulse.rebuild.keep-tables)");
                return 0;
            }
        } catch (Exception e) {
            System.err.println("[rebuild] failed: " + e);
            e.printStackTrace();
            return 1;
        }
    }

    /** The last month in {@code forecast_snapshots} as YYYY-MM, or null when nothing was ever frozen. */
    static String frozenThrough(ClickHouseSql clickHouse) {
        List<Map<String, Object>> rows = clickHouse.query(
                "SELECT toString(toYYYYMM(max(month))) AS m, count() AS n FROM forecast_snapshots");
        if (rows.isEmpty() || Long.parseLong(String.valueOf(rows.get(0).get("n"))) == 0) {
            return null;
        }
        String yyyymm = String.valueOf(rows.get(0).get("m"));
        return yyyymm.substring(0, 4) + "-" + yyyymm.substring(4, 6);
    }

    private static Map<String, String> fingerprints(ClickHouseGateway clickHouse, List<AggregateTables.Table> tables) {
        Map<String, String> prints = new LinkedHashMap<>();
        tables.forEach(t -> prints.put(t.name(), TableContents.fingerprint(clickHouse, t)));
        return prints;
    }

    private static void say(String message) {
        System.err.println("[rebuild] " + message);
    }
}

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The pivot benchmark of olap ({@code ./pulse bench olap}): N opportunity facts generated straight into the
 * ClickHouse database a running olap reads, then pivots and exports through olap's HTTP API, one request at a
 * time (an analyst waits for each answer), timed from send to the last byte of the response.
 *
 * <p>The facts come from one {@code INSERT … SELECT} per million rows over {@code system.numbers}: every column is a
 * hash of the row number, so two runs with the same N hold the same data, and ClickHouse does the generating
 * without shipping 10 million rows through this JVM. 40 owners in 8 teams under 2 departments, 6 regions,
 * 8 industries, 4 tiers, the 7 default stages, two years of creation dates, 1 % deleted.
 *
 * <p>Then every deal's stage transitions are written too, and the {@code openDeals} cube (when each open deal entered
 * its stage; what the notifier's stalled-deals rule reads) is timed as a pivot and as one rep's records.
 *
 * <p>Spring-free and dependency-free (run with {@code java OlapBench.java}) like the api's bench.
 * Usage: {@code java OlapBench.java --olap http://127.0.0.1:18082 --clickhouse http://127.0.0.1:8123
 * --database pulse_bench_x [--facts 10000000] [--runs 30] [--warmup 5] [--out file]}.
 */
public class OlapBench {

    private static final String OWNER_UUID = "00000000-0000-4000-a000-0000000000";
    private static final String TEAM_UUID = "00000000-0000-4000-b000-0000000000";
    private static final String DEPT_UUID = "00000000-0000-4000-c000-0000000000";
    private static final int CHUNK = 1_000_000;

    public static void main(String[] args) throws Exception {
        Map<String, String> o = options(args);
        String olap = o.getOrDefault("olap", "http://127.0.0.1:18082");
        String clickHouse = o.getOrDefault("clickhouse", "http://127.0.0.1:8123");
        String database = o.get("database");
        long facts = Long.parseLong(o.getOrDefault("facts", "10000000"));
        int runs = Integer.parseInt(o.getOrDefault("runs", "30"));
        int warmup = Integer.parseInt(o.getOrDefault("warmup", "5"));
        if (database == null || !database.matches("[A-Za-z0-9_]+")) {
            throw new IllegalArgumentException("--database must name the bench database (letters, digits, _)");
        }
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        Map<String, String> figures = new LinkedHashMap<>();

        long t0 = System.nanoTime();
        for (long from = 0; from < facts; from += CHUNK) {
            clickHouse(http, clickHouse, insertFacts(database, from, Math.min(CHUNK, facts - from)));
            System.out.printf(Locale.ROOT, "progress generated=%d%n", Math.min(from + CHUNK, facts));
        }
        figures.put("facts_generated", Long.toString(facts));
        figures.put("generate_seconds", seconds(System.nanoTime() - t0));
        // What a long-running table looks like: background merges have joined the inserted parts. Timed apart.
        long t1 = System.nanoTime();
        clickHouse(http, clickHouse, "OPTIMIZE TABLE " + database + ".opportunities FINAL");
        figures.put("optimize_seconds", seconds(System.nanoTime() - t1));
        figures.put("facts_in_table", clickHouse(http, clickHouse,
                "SELECT count() FROM " + database + ".opportunities").trim());
        figures.put("active_parts", clickHouse(http, clickHouse, "SELECT count() FROM system.parts WHERE database = '"
                + database + "' AND table = 'opportunities' AND active").trim());
        print(figures);

        String threeDims = """
                {"cube":"opportunities","rows":["team","stage"],"columns":["closedMonth"],
                 "measures":["count","amountBase"]}""";
        String oneTeam = """
                {"cube":"opportunities","rows":["owner"],"columns":["stage"],"measures":["count","amountBase"],
                 "filters":[{"field":"team","op":"eq","value":"%s"}]}""".formatted(TEAM_UUID + "03");
        timeRequests(http, olap, "/olap/v1/pivot", "pivot_team_stage_closed_month", threeDims, warmup, runs, figures);
        timeRequests(http, olap, "/olap/v1/pivot", "pivot_owner_stage_one_team", oneTeam, warmup, runs, figures);

        // Exports: ~10,000 and ~100,000 cells; heap sampled from olap's actuator while each runs.
        String smallExport = """
                {"cube":"opportunities","rows":["owner","createdQuarter"],"columns":["stage"],
                 "measures":["count","amountBase"]}""";
        String largeExport = """
                {"cube":"opportunities","rows":["owner","region","createdMonth"],"columns":["stage"],
                 "measures":["count","amountBase"]}""";
        timeExport(http, olap, "export_small", smallExport, figures);
        timeExport(http, olap, "export_large", largeExport, figures);
        print(figures);

        // Open deals and the day each entered its stage (the notifier's stalled deals): a join of every deal's
        // transitions with the open deals, computed per query. Timed with fewer runs: it is the heaviest cube.
        long t2 = System.nanoTime();
        for (String insert : insertTransitions(database)) {
            clickHouse(http, clickHouse, insert);
        }
        figures.put("transitions_generate_seconds", seconds(System.nanoTime() - t2));
        figures.put("transitions_in_table", clickHouse(http, clickHouse,
                "SELECT count() FROM " + database + ".stage_transitions").trim());
        String openDeals = """
                {"cube":"openDeals","rows":["owner"],"columns":["stage"],"measures":["count","amountBase"]}""";
        int fewer = Math.max(3, runs / 3);
        timeRequests(http, olap, "/olap/v1/pivot", "open_deals_owner_stage", openDeals, Math.min(warmup, 2), fewer, figures);
        // one rep's stalled deals as the notifier asks them: that owner's open deals that entered their stage before a
        // day, the first page of 500 records
        String stalled = """
                {"cube":"openDeals","filters":[{"field":"owner","op":"eq","value":"%s"},
                 {"field":"enteredDate","op":"between","from":"2024-01-01","to":"2025-06-30"}],"pageSize":500}"""
                .formatted(OWNER_UUID + "07");
        timeRequests(http, olap, "/olap/v1/records", "open_deals_stalled_one_owner", stalled, Math.min(warmup, 2), fewer,
                figures);
        print(figures);
        if (o.containsKey("out")) {
            StringBuilder text = new StringBuilder();
            figures.forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
            Files.writeString(Path.of(o.get("out")), text.toString());
        }
    }

    /** One million (or fewer) rows of facts, from row number {@code from}; all columns derived from the number. */
    static String insertFacts(String database, long from, long count) {
        String stages = "['PROSPECTING','QUALIFICATION','NEEDS_ANALYSIS','PROPOSAL','NEGOTIATION','CLOSED_WON','CLOSED_LOST']";
        return """
                INSERT INTO %1$s.opportunities (id, version, owner_id, team_id, team_path, account_id, industry, region,
                  tier, stage, stage_order, amount_base, probability, forecast_category, expected_close_date, closed_at,
                  created_at, updated_at, deleted, created_month, expected_close_month, closed_month)
                SELECT id, 1, owner_id, team_id, team_path, account_id, industry, region, tier, stage, stage_order,
                  amount_base, probability, forecast_category, expected_close_date, closed_at, created_at, created_at,
                  deleted, toStartOfMonth(toDate(created_at, 'Asia/Shanghai')),
                  toStartOfMonth(expected_close_date),
                  if(isNull(closed_at), NULL, toStartOfMonth(toDate(assumeNotNull(closed_at), 'Asia/Shanghai')))
                FROM (
                  SELECT n,
                    toUUID(concat('00000000-0000-4000-8000-', substring(concat('000000000000', toString(n)),
                      length(toString(n)) + 1, 12))) AS id,
                    cityHash64(n, 1) %% 40 AS owner,
                    owner %% 8 AS team,
                    toNullable(toUUID(concat('%2$s', substring(concat('00', toString(owner)), length(toString(owner)) + 1, 2)))) AS owner_id,
                    toNullable(toUUID(concat('%3$s', concat('0', toString(team))))) AS team_id,
                    concat('%4$s', concat('0', toString(team %% 2)), '/', '%3$s', concat('0', toString(team)))
                      AS team_path,
                    toNullable(toUUID(concat('00000000-0000-4000-d000-', substring(concat('000000000000',
                      toString(cityHash64(n, 2) %% 300000)), length(toString(cityHash64(n, 2) %% 300000)) + 1, 12))))
                      AS account_id,
                    arrayElement(['Manufacturing','Retail','Finance','Healthcare','Energy','Logistics','Education',
                      'Technology'], cityHash64(n, 3) %% 8 + 1) AS industry,
                    arrayElement(['East','North','South','West','Central','Overseas'], cityHash64(n, 4) %% 6 + 1) AS region,
                    arrayElement(['A','B','B','C','C','C','D','D','D','D'], cityHash64(n, 5) %% 10 + 1) AS tier,
                    toUInt8(arrayElement([1,1,2,2,3,3,4,5,6,6,6,7,7,7], cityHash64(n, 6) %% 14 + 1)) AS stage_order,
                    arrayElement(%5$s, stage_order) AS stage,
                    toDecimal64((cityHash64(n, 7) %% 49900000 + 100000) / 100, 2) AS amount_base,
                    toUInt8(arrayElement([10,20,40,60,80,100,0], stage_order)) AS probability,
                    arrayElement(['PIPELINE','PIPELINE','PIPELINE','BEST_CASE','COMMIT','CLOSED','OMITTED'], stage_order)
                      AS forecast_category,
                    toDateTime('2024-11-01 00:00:00', 'UTC') + cityHash64(n, 8) %% (730 * 86400) AS created_at,
                    toNullable(toDate(created_at, 'Asia/Shanghai') + 30 + cityHash64(n, 9) %% 120) AS expected_close_date,
                    if(stage_order >= 6, toNullable(created_at + (7 + cityHash64(n, 10) %% 110) * 86400), NULL) AS closed_at,
                    toUInt8(cityHash64(n, 11) %% 100 = 0) AS deleted
                  FROM (SELECT number + %6$d AS n FROM system.numbers LIMIT %7$d)
                )""".formatted(database, OWNER_UUID, TEAM_UUID, DEPT_UUID, stages, from, count);
    }

    /**
     * Every deal's stage transitions, as streams writes them: its creation into PROSPECTING (version 1) and, for a deal
     * past the first stage, one move into its current stage 1 to 60 days later (version 2). Two statements: the
     * ClickHouse these machines run (18.16) wants the branches of a UNION ALL typed alike.
     */
    static List<String> insertTransitions(String database) {
        String into = "INSERT INTO " + database + ".stage_transitions (opportunity_id, version, from_stage, from_stage_order,"
                + " to_stage, to_stage_order, at, amount_base, owner_id) ";
        return List.of(
                into + "SELECT id, 1, NULL, 0, 'PROSPECTING', 1, created_at, amount_base, owner_id FROM " + database
                        + ".opportunities",
                into + "SELECT id, 2, 'PROSPECTING', 1, stage, stage_order, created_at + (1 + cityHash64(toString(id)) % 60)"
                        + " * 86400, amount_base, owner_id FROM " + database + ".opportunities WHERE stage_order > 1");
    }

    /** One POST to olap ({@code path}) sent warmup + runs times in a row; the runs' p50, p95 and max to the last byte. */
    static void timeRequests(HttpClient http, String olap, String path, String name, String body, int warmup, int runs,
                           Map<String, String> figures) throws Exception {
        long[] nanos = new long[runs];
        long bytes = 0;
        for (int i = 0; i < warmup + runs; i++) {
            long start = System.nanoTime();
            HttpResponse<byte[]> response = post(http, olap + path, body);
            long took = System.nanoTime() - start;
            if (response.statusCode() != 200) {
                throw new IllegalStateException(name + ": HTTP " + response.statusCode() + " "
                        + new String(response.body(), StandardCharsets.UTF_8));
            }
            if (i >= warmup) {
                nanos[i - warmup] = took;
            }
            bytes = response.body().length;
        }
        Arrays.sort(nanos);
        figures.put(name + "_runs", Integer.toString(runs));
        figures.put(name + "_p50_ms", millis(percentile(nanos, 50)));
        figures.put(name + "_p95_ms", millis(percentile(nanos, 95)));
        figures.put(name + "_max_ms", millis(nanos[nanos.length - 1]));
        figures.put(name + "_response_bytes", Long.toString(bytes));
    }

    /** The export's time to the last byte, the file's size, and olap's peak used heap while it ran. */
    static void timeExport(HttpClient http, String olap, String name, String body, Map<String, String> figures)
            throws Exception {
        HttpResponse<byte[]> json = post(http, olap + "/olap/v1/pivot", body);
        if (json.statusCode() != 200) {
            figures.put(name, "pivot HTTP " + json.statusCode());
            return;
        }
        figures.put(name + "_cells", Long.toString(countCells(new String(json.body(), StandardCharsets.UTF_8))));
        long heapBefore = heapUsed(http, olap);
        AtomicLong peak = new AtomicLong(heapBefore);
        AtomicBoolean running = new AtomicBoolean(true);
        Thread sampler = new Thread(() -> {
            while (running.get()) {
                try {
                    peak.accumulateAndGet(heapUsed(http, olap), Math::max);
                    Thread.sleep(20);
                } catch (Exception e) {
                    return;
                }
            }
        });
        sampler.start();
        long start = System.nanoTime();
        HttpRequest request = HttpRequest.newBuilder(URI.create(olap + "/olap/v1/pivot.xlsx"))
                .header("Content-Type", "application/json").timeout(Duration.ofMinutes(5))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        long size;
        try (InputStream in = response.body()) {
            size = in.transferTo(OutputStreamSink.INSTANCE);
        }
        long took = System.nanoTime() - start;
        running.set(false);
        sampler.join();
        if (response.statusCode() != 200) {
            figures.put(name, "xlsx HTTP " + response.statusCode());
            return;
        }
        figures.put(name + "_xlsx_ms", millis(took));
        figures.put(name + "_xlsx_bytes", Long.toString(size));
        figures.put(name + "_heap_used_before_mb", mb(heapBefore));
        figures.put(name + "_heap_used_peak_mb", mb(peak.get()));
    }

    /** Cells of the JSON matrix: every number in its "cells" rows (measures × column keys × row keys). */
    static long countCells(String json) {
        int at = json.indexOf("\"cells\"");
        if (at < 0) {
            return -1;
        }
        Matcher m = Pattern.compile("-?\\d+(\\.\\d+)?(E-?\\d+)?|null").matcher(json);
        long n = 0;
        int depth = 0;
        int i = json.indexOf('[', at);
        int end = i;
        for (; end < json.length(); end++) {
            char c = json.charAt(end);
            if (c == '[') {
                depth++;
            } else if (c == ']' && --depth == 0) {
                break;
            }
        }
        m.region(i, end);
        while (m.find()) {
            n++;
        }
        return n;
    }

    static long heapUsed(HttpClient http, String olap) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(
                        URI.create(olap + "/actuator/metrics/jvm.memory.used?tag=area:heap")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher m = Pattern.compile("\"value\"\\s*:\\s*([0-9.E+]+)").matcher(r.body());
        return m.find() ? (long) Double.parseDouble(m.group(1)) : 0;
    }

    static HttpResponse<byte[]> post(HttpClient http, String url, String body) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .timeout(Duration.ofMinutes(2)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    static String clickHouse(HttpClient http, String url, String sql) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url + "/"))
                .timeout(Duration.ofMinutes(30)).POST(HttpRequest.BodyPublishers.ofString(sql)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("ClickHouse HTTP " + r.statusCode() + ": " + r.body());
        }
        return r.body();
    }

    static long percentile(long[] sorted, int p) {
        return sorted[Math.max(0, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    static String millis(long nanos) {
        return String.format(Locale.ROOT, "%.1f", nanos / 1e6);
    }

    static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.1f", nanos / 1e9);
    }

    static String mb(long bytes) {
        return String.format(Locale.ROOT, "%.1f", bytes / 1048576.0);
    }

    static void print(Map<String, String> figures) {
        figures.forEach((k, v) -> System.out.println("figure " + k + "=" + v));
    }

    static Map<String, String> options(String[] args) {
        Map<String, String> o = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --name value, got " + args[i]);
            }
            o.put(args[i].substring(2), args[i + 1]);
        }
        return o;
    }

    /** Discards the export's bytes after counting them: only the time and the server's heap matter. */
    static final class OutputStreamSink extends java.io.OutputStream {
        static final OutputStreamSink INSTANCE = new OutputStreamSink();

        @Override
        public void write(int b) {
        }

        @Override
        public void write(byte[] b, int off, int len) {
        }
    }
}

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The write benchmark of the API ({@code ./pulse bench api}): N closed-loop clients, each creating an
 * opportunity and moving it through the pipeline stage by stage (won or lost at the end), then the next.
 * Every request is a write: one transaction of row, history and outbox event. Latency is measured per
 * request from send to complete response; the warm-up is run but not counted.
 *
 * <p>Spring-free and dependency-free on purpose (run with {@code java ApiBench.java}): the load generator
 * shares the CPU with the system it measures and must stay as light and as obvious as possible.
 *
 * <p>Usage: {@code java ApiBench.java --url http://127.0.0.1:18081 [--clients 64] [--seconds 60]
 * [--warmup 10] [--user admin --password …] [--out file]}. Exit code 0, or 1 if any request failed.
 */
public class ApiBench {

    private static final String[] STAGES = {"QUALIFICATION", "NEEDS_ANALYSIS", "PROPOSAL", "NEGOTIATION"};
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f-]{36})\"");
    private static final Pattern VERSION = Pattern.compile("\"version\"\\s*:\\s*(\\d+)");
    private static final Pattern TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");

    public static void main(String[] args) throws Exception {
        Map<String, String> o = options(args);
        String url = o.getOrDefault("url", "http://127.0.0.1:18081");
        int clients = Integer.parseInt(o.getOrDefault("clients", "64"));
        int seconds = Integer.parseInt(o.getOrDefault("seconds", "60"));
        int warmup = Integer.parseInt(o.getOrDefault("warmup", "10"));

        ExecutorService pool = Executors.newFixedThreadPool(clients);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).executor(Executors.newFixedThreadPool(2)).build();
        String token = signIn(http, url, o.get("user"), o.get("password"));

        Instant started = Instant.now();
        long measureFrom = System.nanoTime() + warmup * 1_000_000_000L;
        long end = measureFrom + seconds * 1_000_000_000L;
        Client[] all = new Client[clients];
        CountDownLatch done = new CountDownLatch(clients);
        for (int i = 0; i < clients; i++) {
            Client c = new Client(http, url, token, measureFrom, end, i);
            all[i] = c;
            pool.submit(() -> {
                try {
                    c.run();
                } finally {
                    done.countDown();
                }
            });
        }
        done.await();
        pool.shutdownNow();

        long[] latencies = Arrays.stream(all).flatMapToLong(c -> Arrays.stream(c.latencies, 0, c.count)).sorted().toArray();
        long creates = Arrays.stream(all).mapToLong(c -> c.creates).sum();
        long moves = Arrays.stream(all).mapToLong(c -> c.moves).sum();
        long errors = Arrays.stream(all).mapToLong(c -> c.errors).sum();
        long allWrites = Arrays.stream(all).mapToLong(c -> c.allWrites).sum();
        Map<String, String> statuses = new LinkedHashMap<>();
        for (Client c : all) {
            c.statuses.forEach((k, v) -> statuses.merge(k, String.valueOf(v), (a, b) -> String.valueOf(Long.parseLong(a) + Long.parseLong(b))));
        }
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("started", started.toString());
        r.put("url", url);
        r.put("clients", clients);
        r.put("seconds", seconds);
        r.put("warmup_seconds", warmup);
        r.put("authenticated", token != null);
        r.put("writes", latencies.length);
        r.put("creates", creates);
        r.put("stage_moves", moves);
        r.put("writes_per_s", String.format("%.0f", latencies.length / (double) seconds));
        r.put("p50_ms", ms(pct(latencies, 50)));
        r.put("p90_ms", ms(pct(latencies, 90)));
        r.put("p99_ms", ms(pct(latencies, 99)));
        r.put("max_ms", ms(latencies.length == 0 ? 0 : latencies[latencies.length - 1]));
        r.put("errors", errors);
        r.put("error_statuses", statuses.isEmpty() ? "none" : statuses.toString());
        r.put("writes_including_warmup", allWrites);
        StringBuilder out = new StringBuilder();
        r.forEach((k, v) -> out.append(k).append('=').append(v).append('\n'));
        System.out.print(out);
        if (o.containsKey("out")) {
            Path file = Path.of(o.get("out"));
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, out);
        }
        System.exit(errors == 0 ? 0 : 1);
    }

    /** One closed-loop client: the next request leaves when the previous answered. */
    static final class Client {
        final HttpClient http;
        final String url;
        final String token;
        final long measureFrom;
        final long end;
        final SplittableRandom random;
        long[] latencies = new long[1 << 14];
        int count;
        long creates;
        long moves;
        long errors;
        long allWrites;
        final Map<String, Long> statuses = new LinkedHashMap<>();

        Client(HttpClient http, String url, String token, long measureFrom, long end, int seed) {
            this.http = http;
            this.url = url;
            this.token = token;
            this.measureFrom = measureFrom;
            this.end = end;
            this.random = new SplittableRandom(seed);
        }

        void run() {
            while (System.nanoTime() < end) {
                String body = "{\"name\":\"Bench deal " + random.nextInt(1_000_000) + "\",\"amount\":"
                        + (10_000 + random.nextInt(990_000)) + ",\"currency\":\"CNY\"}";
                String created = write("POST", "/api/v1/opportunities", body, true);
                if (created == null) {
                    continue;
                }
                Matcher id = ID.matcher(created);
                Matcher version = VERSION.matcher(created);
                if (!id.find() || !version.find()) {
                    continue;
                }
                long v = Long.parseLong(version.group(1));
                int reach = 1 + random.nextInt(STAGES.length);
                for (int s = 0; s <= reach && System.nanoTime() < end; s++) {
                    String stage = s < reach ? STAGES[s] : random.nextInt(3) == 0 ? "CLOSED_LOST" : "CLOSED_WON";
                    String moved = write("POST", "/api/v1/opportunities/" + id.group(1) + "/stage",
                            "{\"stage\":\"" + stage + "\",\"version\":" + v + "}", false);
                    if (moved == null) {
                        break;
                    }
                    v++;
                }
            }
        }

        /** @return the response body of a 2xx, or null after counting the error */
        private String write(String method, String path, String body, boolean create) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url + path))
                    .timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(body));
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            long t0 = System.nanoTime();
            String status;
            String answer = null;
            try {
                HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
                status = String.valueOf(response.statusCode());
                if (response.statusCode() / 100 == 2) {
                    answer = response.body();
                }
            } catch (IOException e) {
                status = e.getClass().getSimpleName();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
            long t1 = System.nanoTime();
            allWrites++;
            if (t0 >= measureFrom && t1 <= end) {
                if (count == latencies.length) {
                    latencies = Arrays.copyOf(latencies, count * 2);
                }
                latencies[count++] = t1 - t0;
                if (answer == null) {
                    errors++;
                    statuses.merge(status, 1L, Long::sum);
                } else if (create) {
                    creates++;
                } else {
                    moves++;
                }
            }
            return answer;
        }
    }

    /** Signs in when a user is given; without one the run is unauthenticated (an API without sign-in enforcement). */
    private static String signIn(HttpClient http, String url, String user, String password) throws Exception {
        if (user == null || user.isEmpty()) {
            return null;
        }
        String body = "{\"username\":\"" + json(user) + "\",\"password\":\"" + json(password) + "\"}";
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url + "/api/v1/auth/token"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher m = TOKEN.matcher(r.body());
        if (r.statusCode() != 200 || !m.find()) {
            throw new IllegalStateException("sign-in as " + user + " failed: " + r.statusCode() + " " + r.body());
        }
        return m.group(1);
    }

    private static String json(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    private static long pct(long[] sorted, int p) {
        if (sorted.length == 0) {
            return 0;
        }
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }

    private static String ms(long nanos) {
        return String.format("%.1f", nanos / 1e6);
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> o = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --name value pairs, got " + List.of(args));
            }
            o.put(args[i].substring(2), args[++i]);
        }
        return o;
    }
}

package com.pulse.dashboards.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntConsumer;

/**
 * A sales organisation and its year written through the api's HTTP endpoints, as its users would: two departments with
 * three sub-teams and ten reps, accounts with industries, regions and tiers, WON_AMOUNT targets by month, quarter and
 * year, opportunities that move forward and back, are won, lost, reopened, deleted, restored and re-priced in other
 * currencies, leads that are converted or disqualified, activities completed over the year, and two reps who change
 * team at the end. Seeded, so a failure can be replayed; opportunities run in parallel (one thread per deal's life).
 */
final class CrmWorkload {

    static final List<String> OPEN = List.of("PROSPECTING", "QUALIFICATION", "NEEDS_ANALYSIS", "PROPOSAL", "NEGOTIATION");
    private static final List<String> CURRENCIES = List.of("CNY", "CNY", "CNY", "CNY", "USD", "USD", "EUR", "JPY", "HKD");
    private static final List<String> CATEGORIES = List.of("PIPELINE", "BEST_CASE", "COMMIT", "OMITTED");
    private static final List<String> INDUSTRIES = List.of("MANUFACTURING", "RETAIL", "FINANCE", "HEALTHCARE", "ENERGY");
    private static final List<String> REGIONS = List.of("EAST", "NORTH", "SOUTH", "WEST");
    private static final List<String> TIERS = List.of("A", "B", "C", "D");

    private final ApiCalls api;
    private final long seed;
    private final ZoneId zone;
    private final LocalDate today;

    /** Department and team ids by name, in creation order. */
    final Map<String, UUID> teams = new LinkedHashMap<>();
    /** Reps by username, in creation order. */
    final Map<String, UUID> reps = new LinkedHashMap<>();
    final List<UUID> accounts = new ArrayList<>();
    /** Changes after creation, by kind ("stage", "won", "lost", "reopen", "delete", "restore", "amount", …). */
    final Map<String, AtomicLong> changes = new ConcurrentHashMap<>();
    final AtomicLong opportunities = new AtomicLong();
    final AtomicLong leads = new AtomicLong();
    final AtomicLong activities = new AtomicLong();
    final AtomicLong targets = new AtomicLong();
    final List<String> moves = new ArrayList<>();

    CrmWorkload(ApiCalls api, long seed, ZoneId zone, LocalDate today) {
        this.api = api;
        this.seed = seed;
        this.zone = zone;
        this.today = today;
    }

    long changeCount() {
        return changes.values().stream().mapToLong(AtomicLong::get).sum();
    }

    /**
     * North (sub-teams North-A, North-B) and South (sub-team South-A, and two reps directly in South). Reps are known
     * as {@code gt.rep0} … here; their usernames end in {@code run}, so a second run on the same stack (a rerun of a
     * failed test) does not collide with the first.
     */
    void organisation(String password, String run) {
        team("North", null);
        team("South", null);
        team("North-A", teams.get("North"));
        team("North-B", teams.get("North"));
        team("South-A", teams.get("South"));
        String[] homes = {"North-A", "North-A", "North-A", "North-B", "North-B", "North-B", "South-A", "South-A", "South", "South"};
        for (int i = 0; i < homes.length; i++) {
            String rep = "gt.rep" + i;
            String username = rep + "." + run;
            Map<String, Object> user = new LinkedHashMap<>();
            user.put("username", username);
            user.put("name", "Rep " + i);
            user.put("email", username + "@example.com");
            user.put("roles", List.of("REP"));
            user.put("teamId", teams.get(homes[i]));
            user.put("password", password);
            reps.put(rep, id(api.post("/api/v1/users", user)));
        }
    }

    private void team(String name, UUID parent) {
        Map<String, Object> team = new LinkedHashMap<>();
        team.put("name", name);
        team.put("parentId", parent);
        teams.put(name, id(api.post("/api/v1/teams", team)));
    }

    void accounts(int count) {
        Random random = new Random(seed);
        List<UUID> owners = new ArrayList<>(reps.values());
        for (int i = 0; i < count; i++) {
            Map<String, Object> account = new LinkedHashMap<>();
            account.put("name", "Ground truth account " + i);
            account.put("industry", pick(random, INDUSTRIES));
            account.put("region", pick(random, REGIONS));
            account.put("tier", pick(random, TIERS));
            account.put("type", i % 7 == 0 ? "PARTNER" : "CUSTOMER");
            account.put("status", i % 11 == 0 ? "INACTIVE" : "ACTIVE");
            account.put("ownerId", owners.get(i % owners.size()));
            accounts.add(id(api.post("/api/v1/accounts", account)));
        }
    }

    /**
     * WON_AMOUNT targets that exercise every spreading rule over the six months from this one: month targets, a
     * quarter and a year target spread over months without one, targets of a department, a sub-team and reps; one
     * changed afterwards and one deleted (a binned target counts nowhere).
     */
    void targets() {
        LocalDate month = today.withDayOfMonth(1);
        String thisMonth = month.toString().substring(0, 7);
        String nextMonth = month.plusMonths(1).toString().substring(0, 7);
        String thisQuarter = month.getYear() + "-Q" + ((month.getMonthValue() - 1) / 3 + 1);
        String thisYear = Integer.toString(month.getYear());
        String nextYear = Integer.toString(month.getYear() + 1);
        UUID rep0 = reps.get("gt.rep0");
        UUID rep3 = reps.get("gt.rep3");
        target("TEAM", teams.get("North"), "MONTH", thisMonth, "2500000.00");
        target("TEAM", teams.get("North"), "QUARTER", thisQuarter, "9000000.10");
        target("TEAM", teams.get("North"), "YEAR", nextYear, "40000000.00");
        target("TEAM", teams.get("South"), "YEAR", thisYear, "12000000.00");
        target("TEAM", teams.get("South"), "YEAR", nextYear, "13000000.07");
        target("TEAM", teams.get("North-A"), "MONTH", nextMonth, "800000.00");
        target("TEAM", teams.get("North-A"), "QUARTER", thisQuarter, "2000000.00");
        target("USER", rep0, "MONTH", thisMonth, "300000.00");
        target("USER", rep0, "YEAR", nextYear, "3600000.00");
        UUID changed = target("USER", rep3, "QUARTER", thisQuarter, "500000.00");
        api.patch("/api/v1/targets/" + changed, Map.of("value", new BigDecimal("650000.00")));
        UUID binned = target("USER", rep3, "MONTH", thisMonth, "1.00");
        api.delete("/api/v1/targets/" + binned);
    }

    private UUID target(String scopeType, UUID scopeId, String periodType, String period, String value) {
        Map<String, Object> target = new LinkedHashMap<>();
        target.put("scopeType", scopeType);
        target.put("scopeId", scopeId);
        target.put("periodType", periodType);
        target.put("period", period);
        target.put("metric", "WON_AMOUNT");
        target.put("value", new BigDecimal(value));
        targets.incrementAndGet();
        return id(api.post("/api/v1/targets", target));
    }

    /** {@code count} opportunities, each created and then changed 3–8 times by one of {@code threads} client threads. */
    void opportunities(int count, int threads) {
        parallel(count, threads, this::opportunityLife);
    }

    private void opportunityLife(int i) {
        Random random = new Random(seed * 1_000_003 + i);
        List<UUID> owners = new ArrayList<>(reps.values());
        Map<String, Object> create = new LinkedHashMap<>();
        String stage = pick(random, OPEN);
        create.put("name", "GT deal " + i);
        create.put("amount", money(random));
        create.put("currency", pick(random, CURRENCIES));
        create.put("stage", stage);
        create.put("expectedCloseDate", closeDate(random).toString());
        create.put("accountId", accounts.get(random.nextInt(accounts.size())));
        create.put("ownerId", owners.get(random.nextInt(owners.size())));
        if (random.nextInt(5) == 0) {
            create.put("probability", 5 + random.nextInt(91));
        }
        if (random.nextInt(10) == 0) {
            create.put("forecastCategory", pick(random, CATEGORIES));
        }
        String path = "/api/v1/opportunities/" + id(api.post("/api/v1/opportunities", create));
        opportunities.incrementAndGet();
        boolean deleted = false;
        int changeCount = 3 + random.nextInt(6);
        for (int c = 0; c < changeCount; c++) {
            boolean open = OPEN.contains(stage);
            int p = random.nextInt(100);
            if (deleted) {
                api.act(path + "/restore", null);
                deleted = false;
                count("restore");
            } else if (p < 35 || (p < 53 && !open)) {
                String to = other(random, stage);
                api.act(path + "/stage", Map.of("stage", to));
                count(open ? "stage" : "reopen");
                stage = to;
            } else if (p < 45) {
                api.act(path + "/stage", Map.of("stage", "CLOSED_WON"));
                count("won");
                stage = "CLOSED_WON";
            } else if (p < 53) {
                api.act(path + "/stage", Map.of("stage", "CLOSED_LOST", "lostReason", "price"));
                count("lost");
                stage = "CLOSED_LOST";
            } else if (p < 60) {
                api.delete(path);
                deleted = true;
                count("delete");
            } else if (p < 75) {
                Map<String, Object> amount = new LinkedHashMap<>();
                amount.put("amount", money(random));
                if (random.nextBoolean()) {
                    amount.put("currency", pick(random, CURRENCIES));
                }
                api.patch(path, amount);
                count("amount");
            } else if (p < 88 || !open) {
                api.patch(path, Map.of("expectedCloseDate", closeDate(random).toString()));
                count("expectedCloseDate");
            } else if (p < 94) {
                api.patch(path, Map.of("probability", 5 + random.nextInt(91)));
                count("probability");
            } else {
                api.patch(path, Map.of("forecastCategory", pick(random, CATEGORIES)));
                count("forecastCategory");
            }
        }
    }

    /**
     * Leads: every fourth converted into an opportunity on an existing account, every fourth disqualified (some of those
     * reopened), a few deleted. Each lead's life on one client thread.
     */
    void leads(int count, int threads) {
        List<UUID> owners = new ArrayList<>(reps.values());
        parallel(count, threads, i -> {
            Random random = new Random(seed * 7_919 + i);
            Map<String, Object> lead = new LinkedHashMap<>();
            lead.put("source", "WEB");
            lead.put("contactName", "Lead contact " + i);
            lead.put("company", "Lead company " + i);
            lead.put("ownerId", owners.get(random.nextInt(owners.size())));
            String path = "/api/v1/leads/" + id(api.post("/api/v1/leads", lead));
            leads.incrementAndGet();
            switch (i % 4) {
                case 0 -> {
                    Map<String, Object> opportunity = new LinkedHashMap<>();
                    opportunity.put("name", "Converted lead " + i);
                    opportunity.put("amount", money(random));
                    opportunity.put("currency", "CNY");
                    opportunity.put("stage", "QUALIFICATION");
                    opportunity.put("expectedCloseDate", closeDate(random).toString());
                    Map<String, Object> convert = new LinkedHashMap<>();
                    convert.put("existingAccountId", accounts.get(random.nextInt(accounts.size())));
                    convert.put("opportunity", opportunity);
                    api.act(path + "/convert", convert);
                }
                case 1 -> {
                    api.patch(path, Map.of("status", "DISQUALIFIED", "disqualifiedReason", "no budget"));
                    if (i % 12 == 1) {
                        api.patch(path, Map.of("status", "WORKING"));
                    }
                }
                case 2 -> {
                    if (i % 10 == 2) {
                        api.delete(path);
                    }
                }
                default -> api.patch(path, Map.of("status", "WORKING"));
            }
        });
    }

    /** Activities on accounts, most completed at some moment of this year so far (company time zone), a few deleted. */
    void activities(int count, int threads) {
        List<UUID> owners = new ArrayList<>(reps.values());
        Instant yearStart = today.withDayOfYear(1).atStartOfDay(zone).toInstant();
        long span = Instant.now().minusSeconds(120).getEpochSecond() - yearStart.getEpochSecond();
        parallel(count, threads, i -> {
            Random random = new Random(seed * 104_729 + i);
            Map<String, Object> activity = new LinkedHashMap<>();
            activity.put("type", pick(random, List.of("CALL", "VISIT", "EMAIL", "MEETING")));
            activity.put("subject", "Activity " + i);
            activity.put("accountId", accounts.get(random.nextInt(accounts.size())));
            activity.put("ownerId", owners.get(random.nextInt(owners.size())));
            if (i % 5 != 0) {
                // a third of them in the last week, so today, this month and this quarter hold some whatever the date
                long back = i % 3 == 0 ? random.nextInt(7 * 86_400) : (long) (random.nextDouble() * span);
                activity.put("completedAt", Instant.now().minusSeconds(120 + back).toString());
            }
            String path = "/api/v1/activities/" + id(api.post("/api/v1/activities", activity));
            activities.incrementAndGet();
            if (i % 13 == 0) {
                api.delete(path);
            }
        });
    }

    /** A rep of North-A joins South-A and a rep directly in South joins North-B: their deals follow them. */
    void moveReps() {
        moveRep("gt.rep1", "South-A");
        moveRep("gt.rep9", "North-B");
    }

    private void moveRep(String username, String team) {
        api.patch("/api/v1/users/" + reps.get(username), Map.of("teamId", teams.get(team)));
        moves.add(username + " → " + team);
    }

    private void count(String kind) {
        changes.computeIfAbsent(kind, k -> new AtomicLong()).incrementAndGet();
    }

    private LocalDate closeDate(Random random) {
        // from three months ago (overdue: counts in the current month) to eight months ahead (beyond the horizon)
        return today.plusDays(random.nextInt(330) - 90);
    }

    private static BigDecimal money(Random random) {
        return BigDecimal.valueOf(100_000 + random.nextInt(50_000_000), 2);
    }

    private static String other(Random random, String stage) {
        List<String> others = new ArrayList<>(OPEN);
        others.remove(stage);
        return others.get(random.nextInt(others.size()));
    }

    private static <T> T pick(Random random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    private static UUID id(JsonNode created) {
        return UUID.fromString(created.path("id").asText());
    }

    private static void parallel(int count, int threads, IntConsumer task) {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int n = i;
                futures.add(pool.submit(() -> task.accept(n)));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (ExecutionException e) {
            pool.shutdownNow();
            throw new IllegalStateException("the workload failed: " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } finally {
            pool.shutdown();
        }
    }
}

package com.pulse.api.demo;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * The demo company as data: who works where, which customers exist and what happened to every deal
 * over the last two years. Pure and deterministic (a seed, a scale and "now" give the same company),
 * so it is tested without a database; {@link DemoLoader} then writes it through the services.
 *
 * <p>At scale 1: 7 teams (a department with six sub-teams, one of them with its own sub-team),
 * 47 users, 3,000 accounts, ~6,000 contacts, 16,000 opportunities, ~10,000 activities, 1,500 tasks
 * and monthly targets per team and rep for the 24 past and 3 coming months.
 */
final class DemoPlan {

    static final String ROOT_TEAM = "Pulse Sales";
    static final int MONTHS_BACK = 24;
    static final int MONTHS_AHEAD = 3;
    static final List<String> ROLES = List.of("ADMIN", "EXECUTIVE", "ANALYST", "MANAGER", "REP");
    private static final double[] RATE_TO_CNY = {1, 7.1, 7.8, 0.92};
    private static final String[] CURRENCIES = {"CNY", "USD", "EUR", "HKD"};

    record TeamPlan(String key, String name, String parentKey, String region, int reps) {
    }

    record UserPlan(String username, String name, String email, String mobile, String locale, String timeZone,
                    List<String> roles, String teamKey) {
    }

    record AccountPlan(int index, String name, String industry, String region, String tier, String type,
                       Integer parentIndex, String owner, List<String> sharedWith, String status) {
    }

    record ContactPlan(int account, String name, String title, String phone, String email, LocalDate birthday) {
    }

    /** A stage move at a past instant; {@code lostReason} only for CLOSED_LOST. */
    record Move(Instant at, String stage, String lostReason) {
    }

    record ActivityPlan(String type, String subject, Instant dueAt, Instant completedAt) {
    }

    record OpportunityPlan(int account, String owner, String name, BigDecimal amount, String currency,
                           LocalDate expectedClose, Instant createdAt, String source, List<String> competitors,
                           List<Move> moves, List<ActivityPlan> activities) {

        /** The stage after all moves. */
        String finalStage() {
            return moves.isEmpty() ? "PROSPECTING" : moves.get(moves.size() - 1).stage();
        }
    }

    record TaskPlan(String title, String assignee, Instant due, String status, int account) {
    }

    /** {@code scope} is a team key or a username. */
    record TargetPlan(String scopeType, String scope, String periodType, String period, String metric, BigDecimal value) {
    }

    final List<TeamPlan> teams = new ArrayList<>();
    final List<UserPlan> users = new ArrayList<>();
    final List<AccountPlan> accounts = new ArrayList<>();
    final List<ContactPlan> contacts = new ArrayList<>();
    final List<OpportunityPlan> opportunities = new ArrayList<>();
    final List<TaskPlan> tasks = new ArrayList<>();
    final List<TargetPlan> targets = new ArrayList<>();
    /** Team key → its manager's username. */
    final Map<String, String> managers = new LinkedHashMap<>();
    /** Username → team key, for reps. */
    final Map<String, String> repTeams = new LinkedHashMap<>();

    private final Random random;
    private final Instant now;
    private final ZoneId zone;
    private final Set<String> usernames = new HashSet<>();

    private DemoPlan(long seed, Instant now, ZoneId zone) {
        this.random = new Random(seed);
        this.now = now;
        this.zone = zone;
    }

    /**
     * @param scale 1 for the full company; smaller for tests (teams and roles stay, at least one rep per
     *              team and a few accounts and deals remain)
     */
    static DemoPlan generate(long seed, double scale, Instant now, ZoneId zone) {
        DemoPlan plan = new DemoPlan(seed, now, zone);
        plan.organisation(scale);
        plan.customers(Math.max(12, (int) Math.round(3000 * scale)));
        plan.deals(Math.max(24, (int) Math.round(16000 * scale)));
        plan.tasks(Math.max(6, (int) Math.round(1500 * scale)));
        plan.targets();
        return plan;
    }

    int writes() {
        int moves = opportunities.stream().mapToInt(o -> o.moves().size() + o.activities().size()).sum();
        return teams.size() * 2 + users.size() + accounts.size() + contacts.size() + opportunities.size() + moves
                + tasks.size() + targets.size();
    }

    // ------------------------------------------------------------------ organisation

    private void organisation(double scale) {
        teams.add(new TeamPlan("sales", ROOT_TEAM, null, null, 0));
        teams.add(new TeamPlan("north", "North China Sales", "sales", "North", reps(7, scale)));
        teams.add(new TeamPlan("east", "East China Sales", "sales", "East", reps(6, scale)));
        teams.add(new TeamPlan("shanghai", "Shanghai Inside Sales", "east", "East", reps(6, scale)));
        teams.add(new TeamPlan("south", "South China Sales", "sales", "South", reps(7, scale)));
        teams.add(new TeamPlan("key", "Key Accounts", "sales", null, reps(5, scale)));
        teams.add(new TeamPlan("channel", "Channel Partners", "sales", null, reps(5, scale)));

        user(List.of("ADMIN"), "sales");
        user(List.of("EXECUTIVE"), "sales");
        user(List.of("EXECUTIVE"), "sales");
        user(List.of("ANALYST"), "sales");
        for (TeamPlan team : teams) {
            managers.put(team.key(), user(List.of("MANAGER"), team.key()).username());
        }
        for (TeamPlan team : teams) {
            for (int i = 0; i < team.reps(); i++) {
                repTeams.put(user(List.of("REP"), team.key()).username(), team.key());
            }
        }
    }

    private static int reps(int full, double scale) {
        return Math.max(1, (int) Math.round(full * scale));
    }

    private UserPlan user(List<String> roles, String team) {
        String surname;
        String given;
        String username;
        do {
            surname = pick(DemoNames.SURNAMES);
            given = pick(DemoNames.GIVEN);
            username = given.toLowerCase() + "." + surname.toLowerCase();
        } while (!usernames.add(username));
        boolean english = random.nextInt(5) == 0;
        UserPlan user = new UserPlan(username, surname + " " + given, username + "@pulse-demo.example",
                "+86139" + String.format("%08d", random.nextInt(100_000_000)), english ? "en" : "zh-CN",
                "key".equals(team) && random.nextBoolean() ? "Asia/Hong_Kong" : "Asia/Shanghai", roles, team);
        users.add(user);
        return user;
    }

    // ------------------------------------------------------------------ customers

    private void customers(int count) {
        List<String> reps = new ArrayList<>(repTeams.keySet());
        List<Integer> groups = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String owner = reps.get(random.nextInt(reps.size()));
            TeamPlan team = team(repTeams.get(owner));
            int tierRoll = random.nextInt(100);
            // The customer pyramid: few A, many D; Key Accounts hold the top of it.
            String tier = "key".equals(team.key())
                    ? (tierRoll < 40 ? "A" : tierRoll < 85 ? "B" : "C")
                    : (tierRoll < 4 ? "A" : tierRoll < 18 ? "B" : tierRoll < 48 ? "C" : "D");
            String type = "channel".equals(team.key()) ? (random.nextInt(3) == 0 ? "PARTNER" : "DISTRIBUTOR") : "CUSTOMER";
            String region = team.region() != null ? team.region() : pick(DemoNames.REGIONS);
            Integer parent = null;
            if (!groups.isEmpty() && random.nextInt(100) < 4) {
                parent = groups.get(random.nextInt(groups.size()));
            } else if ("A".equals(tier)) {
                groups.add(i);
            }
            List<String> shared = random.nextInt(100) < 5 ? List.of(managers.get(team.key())) : List.of();
            String name = pick(DemoNames.CITIES) + " " + pick(DemoNames.WORDS) + " " + pick(DemoNames.SUFFIXES)
                    + (i >= 400 ? " " + roman(i / 400 + 1) : "");
            accounts.add(new AccountPlan(i, name, pick(DemoNames.INDUSTRIES), region, tier, type, parent, owner, shared,
                    random.nextInt(100) < 5 ? "INACTIVE" : "ACTIVE"));
            int people = 1 + random.nextInt(3);
            for (int c = 0; c < people; c++) {
                String person = pick(DemoNames.SURNAMES) + " " + pick(DemoNames.GIVEN);
                contacts.add(new ContactPlan(i, person, pick(DemoNames.TITLES),
                        "+86138" + String.format("%08d", random.nextInt(100_000_000)),
                        person.toLowerCase().replace(' ', '.') + "@customer-" + i + ".example.cn",
                        random.nextInt(3) == 0 ? LocalDate.of(1960 + random.nextInt(40), 1 + random.nextInt(12), 1 + random.nextInt(28)) : null));
            }
        }
    }

    private static String roman(int n) {
        return switch (n) {
            case 2 -> "II";
            case 3 -> "III";
            case 4 -> "IV";
            case 5 -> "V";
            case 6 -> "VI";
            case 7 -> "VII";
            case 8 -> "VIII";
            default -> String.valueOf(n);
        };
    }

    // ------------------------------------------------------------------ deals

    private static final String[] OPEN = {"PROSPECTING", "QUALIFICATION", "NEEDS_ANALYSIS", "PROPOSAL", "NEGOTIATION"};
    private static final Duration DAY = Duration.ofDays(1);

    private void deals(int count) {
        List<String> reps = new ArrayList<>(repTeams.keySet());
        Instant start = now.atZone(zone).minusMonths(MONTHS_BACK).toInstant();
        long span = Duration.between(start, now).toMinutes();
        for (int i = 0; i < count; i++) {
            int a = random.nextInt(accounts.size());
            AccountPlan account = accounts.get(a);
            String owner = random.nextInt(10) < 8 ? account.owner() : reps.get(random.nextInt(reps.size()));
            // Business grows: a third of the deals lean towards recent months.
            double u = random.nextDouble();
            double position = random.nextInt(3) == 0 ? Math.sqrt(u) : u;
            Instant created = start.plus(Duration.ofMinutes((long) (position * (span - 60 * 24))));
            opportunities.add(deal(account, owner, created));
        }
    }

    private OpportunityPlan deal(AccountPlan account, String owner, Instant created) {
        int currency = random.nextInt(100) < 80 ? 0 : 1 + random.nextInt(3);
        double tierFactor = switch (account.tier()) {
            case "A" -> 4;
            case "B" -> 2;
            case "C" -> 1;
            default -> 0.5;
        };
        // Log-uniform between 20k and 2M CNY, bigger for bigger customers.
        double cny = Math.exp(Math.log(20_000) + random.nextDouble() * (Math.log(2_000_000) - Math.log(20_000))) * tierFactor;
        BigDecimal amount = BigDecimal.valueOf(cny / RATE_TO_CNY[currency]).setScale(-2, RoundingMode.HALF_UP).setScale(2, RoundingMode.UNNECESSARY);

        int roll = random.nextInt(100);
        int reach = roll < 30 ? 0 : roll < 52 ? 1 : roll < 70 ? 2 : roll < 86 ? 3 : 4;
        int outcomeRoll = random.nextInt(100);
        String outcome = outcomeRoll < 28 ? "CLOSED_WON" : outcomeRoll < 68 ? "CLOSED_LOST" : null;
        if (outcome == null && Duration.between(created, now).toDays() > 240) {
            outcome = random.nextInt(10) < 3 ? "CLOSED_WON" : "CLOSED_LOST";
        }
        if ("CLOSED_WON".equals(outcome)) {
            reach = Math.max(reach, 3);
        }
        Instant latest = now.minus(Duration.ofMinutes(5));
        List<Move> moves = new ArrayList<>();
        Instant t = created;
        boolean stopped = false;
        boolean wentBack = false;
        for (int s = 1; s <= reach && !stopped; s++) {
            t = t.plus(dwell());
            if (t.isAfter(latest)) {
                stopped = true;
                break;
            }
            moves.add(new Move(t, OPEN[s], null));
            if (!wentBack && s >= 2 && random.nextInt(100) < 6) {
                // A deal that slips back a stage, then recovers.
                wentBack = true;
                t = t.plus(dwell());
                if (t.isAfter(latest)) {
                    stopped = true;
                    break;
                }
                moves.add(new Move(t, OPEN[s - 1], null));
                s--;
            }
        }
        if (!stopped && outcome != null) {
            t = t.plus(dwell());
            if (t.isBefore(latest)) {
                moves.add(close(t, outcome));
                if (random.nextInt(100) < 5) {
                    // Reopened: the customer came back (or the win fell through), then it closes again.
                    Instant reopen = t.plus(Duration.ofDays(5 + random.nextInt(35)));
                    Instant again = reopen.plus(Duration.ofDays(5 + random.nextInt(25)));
                    if (reopen.isBefore(latest)) {
                        moves.add(new Move(reopen, "NEGOTIATION", null));
                        if (again.isBefore(latest)) {
                            moves.add(close(again, random.nextInt(10) < 6 ? "CLOSED_WON" : "CLOSED_LOST"));
                        }
                    }
                }
            }
        }
        String last = moves.isEmpty() ? "PROSPECTING" : moves.get(moves.size() - 1).stage();
        LocalDate expectedClose;
        if (last.startsWith("CLOSED_")) {
            expectedClose = LocalDate.ofInstant(moves.get(moves.size() - 1).at(), zone).plusDays(random.nextInt(21) - 10);
        } else if (random.nextInt(10) == 0) {
            expectedClose = LocalDate.ofInstant(now, zone).minusDays(1 + random.nextInt(45));
        } else {
            expectedClose = LocalDate.ofInstant(now, zone).plusDays(random.nextInt(180));
        }
        Instant end = moves.isEmpty() ? latest.isBefore(created.plus(DAY.multipliedBy(60))) ? latest : created.plus(DAY.multipliedBy(60))
                : moves.get(moves.size() - 1).at();
        return new OpportunityPlan(account.index(), owner, pick(DemoNames.PRODUCTS) + " — " + account.name(), amount,
                CURRENCIES[currency], expectedClose, created, pick(DemoNames.SOURCES), competitors(),
                List.copyOf(moves), activities(created, end, last));
    }

    private List<String> competitors() {
        int n = random.nextInt(100) < 50 ? 0 : 1 + random.nextInt(2);
        List<String> names = new ArrayList<>();
        while (names.size() < n) {
            String name = pick(DemoNames.COMPETITORS);
            if (!names.contains(name)) {
                names.add(name);
            }
        }
        return List.copyOf(names);
    }

    private Move close(Instant at, String outcome) {
        return new Move(at, outcome, "CLOSED_LOST".equals(outcome) ? pick(DemoNames.LOST_REASONS) : null);
    }

    /** Days in a stage: mostly one to three weeks. */
    private Duration dwell() {
        return Duration.ofHours(24L * (2 + random.nextInt(12) + random.nextInt(12)) + random.nextInt(10));
    }

    private List<ActivityPlan> activities(Instant from, Instant to, String stage) {
        List<ActivityPlan> result = new ArrayList<>();
        int count = random.nextInt(100) < 45 ? 0 : 1 + random.nextInt(2);
        long window = Math.max(1, Duration.between(from, to).toMinutes());
        for (int i = 0; i < count; i++) {
            Instant due = from.plus(Duration.ofMinutes((long) (random.nextDouble() * window)));
            String type = pick(DemoNames.ACTIVITY_TYPES);
            Instant done = due.plus(Duration.ofMinutes(random.nextInt(180)));
            result.add(new ActivityPlan(type, DemoNames.subject(type, random), due,
                    done.isBefore(now.minus(Duration.ofMinutes(5))) ? done : null));
        }
        if (!stage.startsWith("CLOSED_") && random.nextInt(100) < 30) {
            String type = pick(DemoNames.ACTIVITY_TYPES);
            result.add(new ActivityPlan(type, DemoNames.subject(type, random),
                    now.plus(Duration.ofHours(2 + random.nextInt(24 * 14))), null));
        }
        return result;
    }

    // ------------------------------------------------------------------ tasks and targets

    private void tasks(int count) {
        List<String> reps = new ArrayList<>(repTeams.keySet());
        for (int i = 0; i < count; i++) {
            String assignee = reps.get(random.nextInt(reps.size()));
            Instant due = now.plus(Duration.ofHours(random.nextInt(24 * 120) - 24 * 90));
            int roll = random.nextInt(10);
            String status = due.isBefore(now) ? (roll < 7 ? "DONE" : roll < 8 ? "CANCELLED" : "OPEN") : (roll < 7 ? "OPEN" : "IN_PROGRESS");
            int account = random.nextInt(accounts.size());
            tasks.add(new TaskPlan(pick(DemoNames.TASKS) + " — " + accounts.get(account).name(), assignee, due, status, account));
        }
    }

    /**
     * WON_AMOUNT per rep and team for every month of the last two years and the coming three: a rep's
     * target is what they won that month give or take a third (so attainment varies around 100 %), or the
     * recent average for coming months; a team's is the sum over its reps and sub-teams.
     */
    private void targets() {
        YearMonth current = YearMonth.from(LocalDate.ofInstant(now, zone));
        Map<String, Map<YearMonth, Double>> won = new LinkedHashMap<>();
        for (OpportunityPlan o : opportunities) {
            Move last = o.moves().isEmpty() ? null : o.moves().get(o.moves().size() - 1);
            if (last != null && "CLOSED_WON".equals(last.stage())) {
                double cny = o.amount().doubleValue() * RATE_TO_CNY[List.of(CURRENCIES).indexOf(o.currency())];
                won.computeIfAbsent(o.owner(), k -> new LinkedHashMap<>())
                        .merge(YearMonth.from(LocalDate.ofInstant(last.at(), zone)), cny, Double::sum);
            }
        }
        Map<String, Map<YearMonth, Double>> teamTargets = new LinkedHashMap<>();
        for (String rep : repTeams.keySet()) {
            Map<YearMonth, Double> byMonth = won.getOrDefault(rep, Map.of());
            double recent = 0;
            for (int m = 1; m <= 6; m++) {
                recent += byMonth.getOrDefault(current.minusMonths(m), 0.0);
            }
            recent /= 6;
            for (int m = -MONTHS_BACK; m <= MONTHS_AHEAD; m++) {
                YearMonth month = current.plusMonths(m);
                double base = m < 0 ? byMonth.getOrDefault(month, 0.0) : recent * 1.1;
                double value = Math.max(50_000, base * (0.75 + random.nextDouble() * 0.6));
                BigDecimal rounded = BigDecimal.valueOf(value).setScale(-4, RoundingMode.HALF_UP).setScale(2, RoundingMode.UNNECESSARY);
                targets.add(new TargetPlan("USER", rep, "MONTH", month.toString(), "WON_AMOUNT", rounded));
                for (String team = repTeams.get(rep); team != null; team = team(team).parentKey()) {
                    teamTargets.computeIfAbsent(team, k -> new LinkedHashMap<>()).merge(month, rounded.doubleValue(), Double::sum);
                }
            }
        }
        teamTargets.forEach((team, months) -> months.forEach((month, value) -> targets.add(new TargetPlan(
                "TEAM", team, "MONTH", month.toString(), "WON_AMOUNT",
                BigDecimal.valueOf(value).setScale(2, RoundingMode.HALF_UP)))));
    }

    TeamPlan team(String key) {
        return teams.stream().filter(t -> t.key().equals(key)).findFirst().orElseThrow();
    }

    private String pick(String[] values) {
        return values[random.nextInt(values.length)];
    }
}

package com.pulse.api.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The full-size demo company, generated without a database: its organisation, pyramid and two-year timeline. */
class DemoPlanTests {

    static final Instant NOW = Instant.parse("2026-11-27T08:00:00Z");
    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    static final DemoPlan FULL = DemoPlan.generate(20261127, 1.0, NOW, ZONE);

    @Test
    void theCompanyHasTheIssuesScale() {
        assertThat(FULL.teams).hasSize(7);
        assertThat(FULL.users).hasSizeGreaterThanOrEqualTo(40);
        assertThat(FULL.accounts).hasSize(3000);
        assertThat(FULL.opportunities).hasSizeGreaterThanOrEqualTo(15_000);
        assertThat(FULL.contacts.size()).isBetween(5000, 7000);
        assertThat(FULL.tasks).hasSize(1500);
        assertThat(FULL.opportunities.stream().mapToInt(o -> o.activities().size()).sum()).isGreaterThan(8000);
    }

    @Test
    void teamsFormOneTreeWithAManagerEach() {
        Map<String, DemoPlan.TeamPlan> byKey = FULL.teams.stream().collect(Collectors.toMap(DemoPlan.TeamPlan::key, Function.identity()));
        assertThat(FULL.teams.stream().filter(t -> t.parentKey() == null).map(DemoPlan.TeamPlan::name)).containsExactly(DemoPlan.ROOT_TEAM);
        for (DemoPlan.TeamPlan team : FULL.teams) {
            // Walking up reaches the department; a parent is always listed (and so created) before its children.
            int depth = 0;
            for (String k = team.key(); byKey.get(k).parentKey() != null; k = byKey.get(k).parentKey()) {
                assertThat(FULL.teams.indexOf(byKey.get(byKey.get(k).parentKey()))).isLessThan(FULL.teams.indexOf(byKey.get(k)));
                depth++;
            }
            assertThat(depth).isLessThanOrEqualTo(2);
            String manager = FULL.managers.get(team.key());
            assertThat(FULL.users).filteredOn(u -> u.username().equals(manager))
                    .singleElement().satisfies(u -> {
                        assertThat(u.roles()).containsExactly("MANAGER");
                        assertThat(u.teamKey()).isEqualTo(team.key());
                    });
        }
        assertThat(byKey.get("shanghai").parentKey()).isEqualTo("east");
    }

    @Test
    void rolesAreOneAdminOneOrTwoExecutivesOneAnalystAManagerPerTeamAndReps() {
        Map<String, Long> byRole = FULL.users.stream().flatMap(u -> u.roles().stream())
                .collect(Collectors.groupingBy(r -> r, Collectors.counting()));
        assertThat(byRole.get("ADMIN")).isEqualTo(1);
        assertThat(byRole.get("EXECUTIVE")).isBetween(1L, 2L);
        assertThat(byRole.get("ANALYST")).isEqualTo(1);
        assertThat(byRole.get("MANAGER")).isEqualTo(FULL.teams.size());
        assertThat(byRole.get("REP")).isEqualTo(FULL.users.size() - 2 - byRole.get("EXECUTIVE") - FULL.teams.size());
        assertThat(FULL.users.stream().map(DemoPlan.UserPlan::username).distinct()).hasSize(FULL.users.size());
        // Reps only sit in sub-teams; the department holds management.
        assertThat(FULL.repTeams.values()).doesNotContain("sales");
    }

    @Test
    void accountsFormAPyramid() {
        Map<String, Long> tiers = FULL.accounts.stream().collect(Collectors.groupingBy(DemoPlan.AccountPlan::tier, Collectors.counting()));
        assertThat(tiers.get("A")).isLessThan(tiers.get("B"));
        assertThat(tiers.get("B")).isLessThan(tiers.get("C"));
        assertThat(tiers.get("C")).isLessThan(tiers.get("D"));
        assertThat(FULL.accounts.stream().map(DemoPlan.AccountPlan::industry).distinct().count()).isGreaterThanOrEqualTo(8);
        assertThat(FULL.accounts.stream().map(DemoPlan.AccountPlan::region).distinct().count()).isEqualTo(5);
        // Group members point at a group head, which has no parent itself.
        FULL.accounts.stream().filter(a -> a.parentIndex() != null)
                .forEach(a -> assertThat(FULL.accounts.get(a.parentIndex()).parentIndex()).isNull());
        assertThat(FULL.accounts.stream().filter(a -> a.parentIndex() != null).count()).isGreaterThan(30);
    }

    @Test
    void dealsSpreadOverTwoYearsWithOrderedPastMovesWinsLossesAndReopenings() {
        Instant twoYearsAgo = NOW.minus(Duration.ofDays(730));
        List<DemoPlan.OpportunityPlan> deals = FULL.opportunities;
        assertThat(deals.stream().map(DemoPlan.OpportunityPlan::createdAt).min(Instant::compareTo).orElseThrow())
                .isBefore(twoYearsAgo.plus(Duration.ofDays(15)));
        assertThat(deals.stream().map(DemoPlan.OpportunityPlan::createdAt).max(Instant::compareTo).orElseThrow())
                .isAfter(NOW.minus(Duration.ofDays(7)));
        // Every one of the 24 months has deals created in it.
        Set<String> months = deals.stream().map(o -> java.time.YearMonth.from(o.createdAt().atZone(ZONE)).toString()).collect(Collectors.toSet());
        assertThat(months).hasSizeGreaterThanOrEqualTo(24);
        for (DemoPlan.OpportunityPlan o : deals) {
            Instant previous = o.createdAt();
            for (DemoPlan.Move move : o.moves()) {
                assertThat(move.at()).isAfter(previous).isBefore(NOW);
                assertThat(move.lostReason() != null).isEqualTo(move.stage().equals("CLOSED_LOST"));
                previous = move.at();
            }
        }
        long won = deals.stream().filter(o -> o.finalStage().equals("CLOSED_WON")).count();
        long lost = deals.stream().filter(o -> o.finalStage().equals("CLOSED_LOST")).count();
        long open = deals.size() - won - lost;
        assertThat(won).isGreaterThan(deals.size() / 6);
        assertThat(lost).isGreaterThan(won);
        assertThat(open).isGreaterThan(deals.size() / 20);
        long reopened = deals.stream().filter(o -> {
            for (int i = 1; i < o.moves().size(); i++) {
                if (o.moves().get(i - 1).stage().startsWith("CLOSED_") && !o.moves().get(i).stage().startsWith("CLOSED_")) {
                    return true;
                }
            }
            return false;
        }).count();
        assertThat(reopened).isGreaterThan(100);
        // Deals created long ago are closed by now.
        assertThat(deals.stream().filter(o -> o.createdAt().isBefore(NOW.minus(Duration.ofDays(400))))
                .filter(o -> !o.finalStage().startsWith("CLOSED_")).count()).isZero();
    }

    @Test
    void targetsCoverEveryRepAndTeamForEachMonthOfTwoYearsAndTheNextThree() {
        int months = DemoPlan.MONTHS_BACK + 1 + DemoPlan.MONTHS_AHEAD;
        assertThat(FULL.targets).hasSize((FULL.repTeams.size() + FULL.teams.size()) * months);
        assertThat(FULL.targets.stream().map(DemoPlan.TargetPlan::period).distinct()).hasSize(months)
                .contains("2024-11", "2026-11", "2027-02");
        // A team's target is the sum of its reps' and sub-teams' targets: the department's is the whole company's.
        java.math.BigDecimal reps = FULL.targets.stream().filter(t -> t.scopeType().equals("USER") && t.period().equals("2026-06"))
                .map(DemoPlan.TargetPlan::value).reduce(java.math.BigDecimal.ZERO, java.math.BigDecimal::add);
        assertThat(FULL.targets).filteredOn(t -> t.scope().equals("sales") && t.period().equals("2026-06"))
                .singleElement().satisfies(t -> assertThat(t.value()).isEqualByComparingTo(reps));
    }

    @Test
    void theSameSeedGivesTheSameCompany() {
        DemoPlan again = DemoPlan.generate(20261127, 1.0, NOW, ZONE);
        assertThat(again.users).isEqualTo(FULL.users);
        assertThat(again.accounts).isEqualTo(FULL.accounts);
        assertThat(again.opportunities).isEqualTo(FULL.opportunities);
        assertThat(again.targets).isEqualTo(FULL.targets);
        assertThat(DemoPlan.generate(7, 1.0, NOW, ZONE).accounts).isNotEqualTo(FULL.accounts);
    }

    @Test
    void aSmallScaleKeepsEveryTeamAndRole() {
        DemoPlan small = DemoPlan.generate(20261127, 0.01, NOW, ZONE);
        assertThat(small.teams).hasSize(7);
        assertThat(small.users.stream().flatMap(u -> u.roles().stream()).distinct()).containsExactlyInAnyOrderElementsOf(DemoPlan.ROLES);
        assertThat(small.repTeams).hasSize(6);
        assertThat(small.accounts).hasSize(30);
        assertThat(small.opportunities).hasSize(160);
    }

    @Test
    void theGeneratedPasswordIsLongAndUnambiguous() {
        String password = DemoLogins.newPassword(new java.security.SecureRandom());
        assertThat(password).matches("[a-km-z2-9]{4}(-[a-km-z2-9]{4}){3}").doesNotContain("l", "o", "0", "1");
        assertThat(DemoLogins.newPassword(new java.security.SecureRandom())).isNotEqualTo(password);
    }
}

package com.pulse.olap.funnel;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Average days in stage for a period (METRICS.md §Funnel): over the exits from a stage during the period — a
 * transition whose {@code at} is in the period and whose {@code from_stage} is the stage — the mean of the time
 * since the opportunity's previous transition (by version), when it entered the stage.
 */
final class DaysInStage {

    private static final BigDecimal SECONDS_PER_DAY = BigDecimal.valueOf(Duration.ofDays(1).toSeconds());

    private final Map<String, long[]> secondsAndExitsByStage = new HashMap<>();

    static DaysInStage of(FlowPeriod period, Collection<Transition> transitions) {
        DaysInStage days = new DaysInStage();
        Map<String, List<Transition>> byOpportunity = transitions.stream()
                .collect(Collectors.groupingBy(Transition::opportunityId));
        for (List<Transition> moves : byOpportunity.values()) {
            List<Transition> ordered = moves.stream().sorted(Comparator.comparingLong(Transition::version)).toList();
            for (int i = 1; i < ordered.size(); i++) {
                Transition entered = ordered.get(i - 1);
                Transition left = ordered.get(i);
                if (left.fromStage() != null && period.contains(left.at())) {
                    days.add(left.fromStage(), Duration.between(entered.at(), left.at()).toSeconds());
                }
            }
        }
        return days;
    }

    private void add(String stage, long seconds) {
        long[] sum = secondsAndExitsByStage.computeIfAbsent(stage, s -> new long[2]);
        sum[0] += seconds;
        sum[1]++;
    }

    long exits(String stage) {
        long[] sum = secondsAndExitsByStage.get(stage);
        return sum == null ? 0 : sum[1];
    }

    /** The mean in days, 2 decimals HALF_UP; null when nothing left the stage in the period. */
    BigDecimal average(String stage) {
        long[] sum = secondsAndExitsByStage.get(stage);
        if (sum == null) {
            return null;
        }
        return BigDecimal.valueOf(sum[0]).divide(SECONDS_PER_DAY.multiply(BigDecimal.valueOf(sum[1])), 2, RoundingMode.HALF_UP);
    }
}

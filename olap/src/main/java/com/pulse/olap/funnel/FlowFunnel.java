package com.pulse.olap.funnel;

import com.pulse.events.Pipeline;
import com.pulse.events.PipelineStage;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The stage-reached flow funnel of a scope for a period (METRICS.md §Funnel): of the opportunities created in
 * [from, to) (dates in the company time zone), how many reached each open stage, the conversion to the next
 * (the last open stage converts to won), and the average days spent in each stage by the exits of the period.
 *
 * @param cohort opportunities created in the period, not deleted
 */
record FlowFunnel(FunnelScope scope, String from, String to, List<Stage> stages, long won, long lost, long cohort) {

    /**
     * @param conversionToNext reached(next) / reached(stage), 4 decimals HALF_UP; null when none reached the stage
     * @param avgDaysInStage   2 decimals HALF_UP; null when no exit in the period
     * @param exits            how many exits the average is over
     */
    record Stage(String stage, long reached, BigDecimal conversionToNext, BigDecimal avgDaysInStage, long exits) {
    }

    static FlowFunnel assemble(FunnelScope scope, FlowPeriod period, Pipeline pipeline, long cohort,
                               Collection<Transition> cohortTransitions, Collection<Transition> exitTransitions) {
        Reached reached = Reached.of(pipeline, cohortTransitions);
        DaysInStage days = DaysInStage.of(period, exitTransitions);
        List<PipelineStage> open = pipeline.openStages();
        List<Stage> stages = new ArrayList<>(open.size());
        for (int i = 0; i < open.size(); i++) {
            String name = open.get(i).name();
            long here = reached.stage(open.get(i));
            long next = i + 1 < open.size() ? reached.stage(open.get(i + 1)) : reached.won();
            stages.add(new Stage(name, here, ratio(next, here), days.average(name), days.exits(name)));
        }
        return new FlowFunnel(scope, period.from().toString(), period.to().toString(),
                List.copyOf(stages), reached.won(), reached.lost(), cohort);
    }

    private static BigDecimal ratio(long numerator, long denominator) {
        return denominator == 0 ? null
                : BigDecimal.valueOf(numerator).divide(BigDecimal.valueOf(denominator), 4, RoundingMode.HALF_UP);
    }
}

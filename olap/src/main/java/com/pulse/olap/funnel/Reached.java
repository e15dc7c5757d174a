package com.pulse.olap.funnel;

import com.pulse.events.Pipeline;
import com.pulse.events.PipelineStage;
import com.pulse.events.StageKind;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * How far the cohort got (METRICS.md §Funnel, stage reached): per opportunity the highest order of an open
 * stage it was ever moved into (its creation included), and whether it was ever won or lost. Going back or
 * being reopened does not undo a stage reached.
 */
final class Reached {

    private final Pipeline pipeline;
    private final Map<String, Integer> highestOpenOrder = new HashMap<>();
    private final Set<String> won = new HashSet<>();
    private final Set<String> lost = new HashSet<>();

    private Reached(Pipeline pipeline) {
        this.pipeline = pipeline;
    }

    static Reached of(Pipeline pipeline, Collection<Transition> cohortTransitions) {
        Reached reached = new Reached(pipeline);
        cohortTransitions.forEach(reached::add);
        return reached;
    }

    private void add(Transition t) {
        StageKind kind = pipeline.stage(t.toStage()).map(PipelineStage::kind).orElse(null);
        if (kind == StageKind.OPEN) {
            highestOpenOrder.merge(t.opportunityId(), t.toStageOrder(), Math::max);
        } else if (kind == StageKind.WON) {
            won.add(t.opportunityId());
        } else if (kind == StageKind.LOST) {
            lost.add(t.opportunityId());
        }
        // a stage unknown to the pipeline reaches nothing
    }

    /** Cohort opportunities whose open stage order was ever at least the stage's, or that were won. */
    long stage(PipelineStage stage) {
        Set<String> reached = new HashSet<>(won);
        highestOpenOrder.forEach((id, order) -> {
            if (order >= stage.order()) {
                reached.add(id);
            }
        });
        return reached.size();
    }

    long won() {
        return won.size();
    }

    long lost() {
        return lost.size();
    }
}

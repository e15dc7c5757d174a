package com.pulse.olap.funnel;

import com.pulse.events.Pipeline;
import com.pulse.events.PipelineStage;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The snapshot funnel of a scope (METRICS.md §Funnel) as the cockpit draws it: every open stage
 * of the pipeline in order, zeros where no deal is, money rounded HALF_UP to cents.
 *
 * @param asOf the time of the latest change reflected in the figures; the read time when there is none
 */
record Funnel(String scopeType, String scopeId, Instant asOf, List<Stage> stages) {

    record Stage(String stage, int order, long count, BigDecimal amount, BigDecimal weighted) {
    }

    static Funnel assemble(FunnelScope scope, Pipeline pipeline, Collection<FunnelCell> cells, Instant readAt) {
        Map<String, FunnelCell> byStage = cells.stream()
                .collect(Collectors.toMap(FunnelCell::stage, Function.identity(), (a, b) -> a.changedAt().isAfter(b.changedAt()) ? a : b));
        List<Stage> stages = pipeline.openStages().stream()
                .map(stage -> stage(stage, byStage.get(stage.name())))
                .toList();
        // Cells of stages no longer open (closed, or renamed out of the pipeline) are not drawn.
        Instant asOf = cells.stream().filter(c -> pipeline.isOpen(c.stage()))
                .map(FunnelCell::changedAt).max(Instant::compareTo).orElse(readAt);
        return new Funnel(scope.type(), scope.id(), asOf, stages);
    }

    private static Stage stage(PipelineStage stage, FunnelCell cell) {
        if (cell == null) {
            return new Stage(stage.name(), stage.order(), 0, money(BigDecimal.ZERO), money(BigDecimal.ZERO));
        }
        return new Stage(stage.name(), stage.order(), cell.count(), money(cell.amount()), money(cell.weighted()));
    }

    private static BigDecimal money(BigDecimal value) {
        return value.setScale(2, RoundingMode.HALF_UP);
    }
}

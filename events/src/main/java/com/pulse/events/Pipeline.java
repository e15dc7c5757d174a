package com.pulse.events;

import java.util.List;
import java.util.Optional;

/** An ordered set of stages. {@link #DEFAULT} is the pipeline of METRICS.md. */
public record Pipeline(List<PipelineStage> stages) {

    public static final Pipeline DEFAULT = new Pipeline(List.of(
            new PipelineStage("PROSPECTING", 1, 10, StageKind.OPEN, "PIPELINE"),
            new PipelineStage("QUALIFICATION", 2, 20, StageKind.OPEN, "PIPELINE"),
            new PipelineStage("NEEDS_ANALYSIS", 3, 40, StageKind.OPEN, "PIPELINE"),
            new PipelineStage("PROPOSAL", 4, 60, StageKind.OPEN, "BEST_CASE"),
            new PipelineStage("NEGOTIATION", 5, 80, StageKind.OPEN, "COMMIT"),
            new PipelineStage("CLOSED_WON", 6, 100, StageKind.WON, "CLOSED"),
            new PipelineStage("CLOSED_LOST", 7, 0, StageKind.LOST, "OMITTED")));

    public Pipeline {
        stages = List.copyOf(stages);
    }

    public Optional<PipelineStage> stage(String name) {
        return stages.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    public boolean isOpen(String name) {
        return stage(name).map(PipelineStage::isOpen).orElse(false);
    }

    public List<PipelineStage> openStages() {
        return stages.stream().filter(PipelineStage::isOpen).toList();
    }

    public List<String> names() {
        return stages.stream().map(PipelineStage::name).toList();
    }
}

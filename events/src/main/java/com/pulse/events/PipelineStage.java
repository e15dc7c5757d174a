package com.pulse.events;

/**
 * One stage of the sales pipeline (METRICS.md §Opportunity stages).
 *
 * @param order                   position in the pipeline, 1-based
 * @param probability             default win probability in percent
 * @param defaultForecastCategory the forecast category an opportunity takes in this stage
 */
public record PipelineStage(String name, int order, int probability, StageKind kind, String defaultForecastCategory) {

    public boolean isOpen() {
        return kind == StageKind.OPEN;
    }
}

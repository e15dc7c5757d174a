package com.pulse.olap.labels;

import static org.assertj.core.api.Assertions.assertThat;

import com.pulse.events.Pipeline;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The coded members' labels: every stage of the pipeline in both languages, the other codes, data left alone. */
class CodeLabelsTests {

    @Test
    void everyStageOfThePipelineHasALabelInBothLanguagesOnEveryStageDimension() {
        for (String dimension : List.of("stage", "fromStage", "toStage")) {
            for (String stage : Pipeline.DEFAULT.names()) {
                assertThat(CodeLabels.of(dimension, stage, Language.EN)).isPresent().get().isNotEqualTo(stage);
                assertThat(CodeLabels.of(dimension, stage, Language.ZH_CN)).isPresent();
            }
        }
        assertThat(CodeLabels.of("stage", "NEEDS_ANALYSIS", Language.EN)).hasValue("Needs analysis");
        assertThat(CodeLabels.of("toStage", "CLOSED_LOST", Language.ZH_CN)).hasValue("输单");
    }

    @Test
    void forecastCategoriesTiersActivityTypesAndTheNoneAndOtherMembers() {
        assertThat(CodeLabels.of("forecastCategory", "BEST_CASE", Language.EN)).hasValue("Best case");
        assertThat(CodeLabels.of("forecastCategory", "COMMIT", Language.ZH_CN)).hasValue("承诺");
        assertThat(CodeLabels.of("tier", "A", Language.EN)).hasValue("Tier A");
        assertThat(CodeLabels.of("tier", "B", Language.ZH_CN)).hasValue("B 级");
        assertThat(CodeLabels.of("type", "VISIT", Language.ZH_CN)).hasValue("拜访");
        assertThat(CodeLabels.of("region", "(none)", Language.ZH_CN)).hasValue("（无）");
        assertThat(CodeLabels.of("owner", "(other)", Language.EN)).hasValue("(other)");
    }

    @Test
    void dataAndUnknownCodesKeepTheirText() {
        assertThat(CodeLabels.of("region", "East", Language.ZH_CN)).isEmpty();
        assertThat(CodeLabels.of("industry", "PROPOSAL", Language.EN)).isEmpty();
        assertThat(CodeLabels.of("stage", "ON_HOLD", Language.EN)).isEmpty();
        assertThat(CodeLabels.of("tier", "Z", Language.EN)).isEmpty();
    }
}

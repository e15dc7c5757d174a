package com.pulse.streams.forecast;

import com.pulse.events.OpportunitySnapshot;
import com.pulse.events.Pipeline;
import com.pulse.events.PipelineStage;
import com.pulse.events.StageKind;
import java.math.BigDecimal;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.UUID;

/**
 * What one opportunity contributes to the forecast (METRICS.md §Forecast) of one month: a won deal its
 * amount to closedWon in the month of closedAt (company time zone); an open deal that is not OMITTED its
 * amount to pipeline, weighted, and to the open COMMIT or BEST_CASE part, in the month of its expected
 * close date. Everything is exact; rounding is for presentation.
 *
 * @param month "YYYY-MM"
 * @param open  an open deal (counted in openCount, and overdue once its month has passed)
 */
record ForecastMember(String month, UUID ownerId, BigDecimal closedWon, BigDecimal pipeline, BigDecimal weighted,
                      BigDecimal commitOpen, BigDecimal bestCaseOpen, boolean open) {

    static final String OMITTED = "OMITTED";
    static final String COMMIT = "COMMIT";
    static final String BEST_CASE = "BEST_CASE";

    /**
     * The member, or {@code null} when the deal counts in no month: deleted, lost, OMITTED, in an unknown
     * stage, won without closedAt, or open without an expected close date.
     */
    /** The member as a one-deal cell. */
    ForecastCell cell() {
        return new ForecastCell(closedWon, pipeline, weighted, commitOpen, bestCaseOpen, open ? 1 : 0);
    }

    static ForecastMember of(OpportunitySnapshot s, Pipeline pipeline, ZoneId zone) {
        PipelineStage stage = pipeline.stage(s.stage()).orElse(null);
        if (s.deleted() || stage == null) {
            return null;
        }
        BigDecimal amount = s.amountBase();
        if (stage.kind() == StageKind.WON) {
            if (s.closedAt() == null) {
                return null;
            }
            String month = YearMonth.from(s.closedAt().atZone(zone)).toString();
            return new ForecastMember(month, s.ownerId(), amount, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, false);
        }
        if (!stage.isOpen() || s.expectedCloseDate() == null) {
            return null;
        }
        // The category may be overridden on open deals; without one it is the stage's default.
        String category = s.forecastCategory() == null || s.forecastCategory().isBlank()
                ? stage.defaultForecastCategory() : s.forecastCategory();
        if (OMITTED.equals(category)) {
            return null;
        }
        String month = YearMonth.from(s.expectedCloseDate()).toString();
        BigDecimal weighted = amount.multiply(BigDecimal.valueOf(s.probability())).movePointLeft(2);
        return new ForecastMember(month, s.ownerId(), BigDecimal.ZERO, amount, weighted,
                COMMIT.equals(category) ? amount : BigDecimal.ZERO,
                BEST_CASE.equals(category) ? amount : BigDecimal.ZERO, true);
    }
}

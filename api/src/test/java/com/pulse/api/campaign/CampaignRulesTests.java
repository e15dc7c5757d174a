package com.pulse.api.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import com.pulse.api.system.FieldProblem;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Campaign amounts, period and defaults, without a database. */
class CampaignRulesTests {

    private static CreateCampaign campaign(BigDecimal budget, LocalDate start, LocalDate end) {
        return new CreateCampaign("Spring", "EMAIL", budget, null, start, end, null);
    }

    @Test
    void amountsAreNonNegativeWithAtMostTwoDecimalsAndStoredWithTwo() {
        assertThat(CampaignRules.validate(campaign(new BigDecimal("-0.01"), null, null))).extracting(FieldProblem::field)
                .containsExactly("budget");
        assertThat(CampaignRules.validate(campaign(new BigDecimal("1.005"), null, null))).hasSize(1);
        assertThat(CampaignRules.validate(campaign(new BigDecimal("1.500"), null, null))).isEmpty();
        assertThat(CampaignRules.validate(campaign(new BigDecimal("1E+20"), null, null))).hasSize(1);

        Campaign c = CampaignRules.create(UUID.randomUUID(), campaign(new BigDecimal("1.5"), null, null), Instant.EPOCH);
        assertThat(c.budget()).isEqualTo(new BigDecimal("1.50"));
        assertThat(c.status()).isEqualTo("PLANNED");
    }

    @Test
    void thePeriodRunsForwards() {
        LocalDate d = LocalDate.of(2027, 3, 1);
        assertThat(CampaignRules.validate(campaign(null, d, d))).isEmpty();
        assertThat(CampaignRules.validate(campaign(null, d, d.minusDays(1)))).extracting(FieldProblem::field)
                .containsExactly("endDate");
        assertThat(CampaignRules.validate(campaign(null, LocalDate.of(1999, 12, 31), null))).extracting(FieldProblem::field)
                .containsExactly("startDate");
    }

    @Test
    void anUpdateMustNameAField() {
        assertThat(CampaignRules.validate(new UpdateCampaign(null, null, null, null, null, null, null, 3L)))
                .extracting(FieldProblem::field).containsExactly("body");
        assertThat(CampaignRules.validate(new UpdateCampaign(null, "TV", null, null, null, null, "DONE", null)))
                .extracting(FieldProblem::field).containsExactly("channel", "status");
    }
}

package com.pulse.olap.funnel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.pulse.events.Pipeline;
import com.pulse.olap.system.InvalidParameter;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class FunnelTests {

    static final Instant READ_AT = Instant.parse("2026-11-27T12:00:00Z");

    @Test
    void everyOpenStageIsPresentInPipelineOrderWithZerosWhereNoDealIs() {
        // given cells for two stages, out of order
        List<FunnelCell> cells = List.of(
                cell("PROPOSAL", 2, "5000.5", "3000.3", "2026-11-27T10:00:00Z"),
                cell("PROSPECTING", 3, "1234.5", "123.45", "2026-11-27T09:00:00Z"));

        // when
        Funnel funnel = Funnel.assemble(FunnelScope.COMPANY, Pipeline.DEFAULT, cells, READ_AT);

        // then
        assertThat(funnel.stages()).containsExactly(
                stage("PROSPECTING", 1, 3, "1234.50", "123.45"),
                stage("QUALIFICATION", 2, 0, "0.00", "0.00"),
                stage("NEEDS_ANALYSIS", 3, 0, "0.00", "0.00"),
                stage("PROPOSAL", 4, 2, "5000.50", "3000.30"),
                stage("NEGOTIATION", 5, 0, "0.00", "0.00"));
        assertThat(funnel.scopeType()).isEqualTo("COMPANY");
        assertThat(funnel.scopeId()).isEqualTo("company");
        assertThat(funnel.asOf()).isEqualTo(Instant.parse("2026-11-27T10:00:00Z"));
    }

    @Test
    void moneyIsRoundedHalfUpToCents() {
        Funnel funnel = Funnel.assemble(FunnelScope.COMPANY, Pipeline.DEFAULT,
                List.of(cell("NEGOTIATION", 1, "10.005", "8.004", "2026-11-27T10:00:00Z")), READ_AT);

        assertThat(funnel.stages().get(4)).isEqualTo(stage("NEGOTIATION", 5, 1, "10.01", "8.00"));
    }

    @Test
    void closedAndUnknownStagesAreNotDrawnAndDoNotMoveAsOf() {
        Funnel funnel = Funnel.assemble(FunnelScope.COMPANY, Pipeline.DEFAULT, List.of(
                cell("CLOSED_WON", 9, "900.00", "900.00", "2026-11-27T11:00:00Z"),
                cell("SOMETHING_ELSE", 1, "1.00", "1.00", "2026-11-27T11:30:00Z"),
                cell("QUALIFICATION", 1, "100.00", "20.00", "2026-11-27T08:00:00Z")), READ_AT);

        assertThat(funnel.stages()).extracting(Funnel.Stage::stage)
                .containsExactly("PROSPECTING", "QUALIFICATION", "NEEDS_ANALYSIS", "PROPOSAL", "NEGOTIATION");
        assertThat(funnel.asOf()).isEqualTo(Instant.parse("2026-11-27T08:00:00Z"));
    }

    @Test
    void anEmptyFunnelIsAllZerosAsOfTheReadTime() {
        Funnel funnel = Funnel.assemble(FunnelScope.COMPANY, Pipeline.DEFAULT, List.of(), READ_AT);

        assertThat(funnel.stages()).hasSize(5).allSatisfy(s -> {
            assertThat(s.count()).isZero();
            assertThat(s.amount()).isEqualTo(new BigDecimal("0.00"));
            assertThat(s.weighted()).isEqualTo(new BigDecimal("0.00"));
        });
        assertThat(funnel.asOf()).isEqualTo(READ_AT);
    }

    @Test
    void theScopeDefaultsToTheCompanyTakesTeamsAndOwnersByUuidAndRejectsAnythingElse() {
        assertThat(FunnelScope.of(null, null)).isEqualTo(FunnelScope.COMPANY);
        assertThat(FunnelScope.of("COMPANY", "company")).isEqualTo(FunnelScope.COMPANY);
        assertThat(FunnelScope.of("TEAM", "0A1B2C3D-0000-4000-8000-00000000000F"))
                .isEqualTo(new FunnelScope("TEAM", "0a1b2c3d-0000-4000-8000-00000000000f"));
        assertThat(FunnelScope.of("OWNER", "0a1b2c3d-0000-4000-8000-00000000000e"))
                .isEqualTo(new FunnelScope("OWNER", "0a1b2c3d-0000-4000-8000-00000000000e"));
        assertThatThrownBy(() -> FunnelScope.of("TEAM", null)).isInstanceOf(InvalidParameter.class)
                .hasMessageContaining("scopeId").hasMessageContaining("team id (UUID)");
        assertThatThrownBy(() -> FunnelScope.of("DEPARTMENT", null)).isInstanceOf(InvalidParameter.class)
                .hasMessageContaining("scopeType").hasMessageContaining("COMPANY, TEAM, OWNER");
        assertThatThrownBy(() -> FunnelScope.of("COMPANY", "t1")).isInstanceOf(InvalidParameter.class)
                .hasMessageContaining("scopeId").hasMessageContaining("company");
    }

    static FunnelCell cell(String stage, long count, String amount, String weighted, String changedAt) {
        return new FunnelCell(stage, count, new BigDecimal(amount), new BigDecimal(weighted), Instant.parse(changedAt));
    }

    static Funnel.Stage stage(String stage, int order, long count, String amount, String weighted) {
        return new Funnel.Stage(stage, order, count, new BigDecimal(amount), new BigDecimal(weighted));
    }
}

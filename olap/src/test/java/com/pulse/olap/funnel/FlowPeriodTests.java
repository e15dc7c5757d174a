package com.pulse.olap.funnel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.pulse.olap.system.InvalidParameter;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class FlowPeriodTests {

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final LocalDate TODAY = LocalDate.parse("2026-11-28");

    @Test
    void aPeriodRunsFromTheCompanysMidnightOnFromToTheOneOnTo() {
        FlowPeriod period = FlowPeriod.of("2026-10-01", "2026-11-01", TODAY, SHANGHAI);

        assertThat(period.start()).isEqualTo(Instant.parse("2026-09-30T16:00:00Z"));
        assertThat(period.end()).isEqualTo(Instant.parse("2026-10-31T16:00:00Z"));
        assertThat(period.contains(Instant.parse("2026-09-30T16:00:00Z"))).isTrue();
        assertThat(period.contains(Instant.parse("2026-10-31T15:59:59Z"))).isTrue();
        assertThat(period.contains(Instant.parse("2026-10-31T16:00:00Z"))).isFalse();
    }

    @Test
    void byDefaultThePeriodIsTheNinetyDaysUpToAndIncludingToday() {
        FlowPeriod period = FlowPeriod.of(null, null, TODAY, SHANGHAI);

        assertThat(period.to()).isEqualTo("2026-11-29");
        assertThat(period.from()).isEqualTo("2026-08-31");
        assertThat(FlowPeriod.of("2026-11-01", null, TODAY, SHANGHAI).to()).isEqualTo("2026-11-29");
    }

    @Test
    void threeYearsIsTheLongestPeriod() {
        assertThat(FlowPeriod.of("2023-11-01", "2026-11-01", TODAY, SHANGHAI).from()).isEqualTo("2023-11-01");
        assertThatThrownBy(() -> FlowPeriod.of("2023-10-31", "2026-11-01", TODAY, SHANGHAI))
                .isInstanceOf(InvalidParameter.class).hasMessageContaining("'2023-10-31' is not a valid from");
        assertThatThrownBy(() -> FlowPeriod.of("2026-11-30", null, TODAY, SHANGHAI))
                .isInstanceOf(InvalidParameter.class).hasMessageContaining("before to (2026-11-29)");
    }
}

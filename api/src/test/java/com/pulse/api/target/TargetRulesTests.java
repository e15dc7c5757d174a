package com.pulse.api.target;

import static org.assertj.core.api.Assertions.assertThat;

import com.pulse.api.system.FieldProblem;
import java.math.BigDecimal;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The period must have the form its type says; count metrics take whole numbers; absent fields are problems, not crashes. */
class TargetRulesTests {

    private static CreateTarget target(String periodType, String period, String metric, String value) {
        return new CreateTarget("USER", UUID.randomUUID(), periodType, period, metric, value == null ? null : new BigDecimal(value));
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"YEAR, 2027", "QUARTER, 2027-Q4", "MONTH, 2027-12", "MONTH, 2000-01"})
    void periodsOfTheirTypeAreValid(String periodType, String period) {
        assertThat(TargetRules.validate(target(periodType, period, "WON_AMOUNT", "10.5"))).isEmpty();
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"YEAR, 2027-Q1", "YEAR, 1999", "QUARTER, 2027-Q0", "QUARTER, 2027Q1", "MONTH, 2027-00", "MONTH, 2027-Q1", "MONTH, ' 2027-01'"})
    void periodsOfAnotherFormAreRefused(String periodType, String period) {
        assertThat(TargetRules.validate(target(periodType, period, "WON_AMOUNT", "1"))).extracting(FieldProblem::field)
                .containsExactly("period");
    }

    @Test
    void countsAreWholeAndMoneyHasTwoDecimals() {
        assertThat(TargetRules.validate(target("YEAR", "2027", "ACTIVITIES", "12.00"))).isEmpty();
        assertThat(TargetRules.validate(target("YEAR", "2027", "ACTIVITIES", "12.5"))).extracting(FieldProblem::field).containsExactly("value");
        assertThat(TargetRules.validate(target("YEAR", "2027", "WON_AMOUNT", "0.001"))).extracting(FieldProblem::field).containsExactly("value");
        assertThat(TargetRules.validate(target("YEAR", "2027", "WON_AMOUNT", "-0.01"))).extracting(FieldProblem::field).containsExactly("value");
        assertThat(TargetRules.validate(new UpdateTarget(new BigDecimal("1.5"), null), null)).isEmpty();
    }

    @Test
    void everyAbsentFieldIsNamed() {
        assertThat(TargetRules.validate(new CreateTarget(null, null, null, "2027", null, null))).extracting(FieldProblem::field)
                .containsExactly("scopeType", "scopeId", "periodType", "metric", "value");
    }
}

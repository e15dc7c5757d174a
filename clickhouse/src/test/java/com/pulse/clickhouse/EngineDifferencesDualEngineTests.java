package com.pulse.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.pulse.clickhouse.dualengine.DualEngine;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Where ClickHouse 18.16 and 26.5 differ, pinned per engine, each next to the one form both accept
 * and answer alike (DESIGN.md, "ClickHouse engines"). Write new SQL in the second form.
 */
@Tag("dual-engine")
class EngineDifferencesDualEngineTests {

    static DualEngine engines;
    static ClickHouseSql v18;
    static ClickHouseSql v26;

    @BeforeAll
    static void open() {
        engines = DualEngine.open(EngineDifferencesDualEngineTests.class);
        v18 = engines.server();
        v26 = engines.chdb();
    }

    @AfterAll
    static void close() {
        engines.close();
    }

    @Test
    void rollupOverAnAliasedExpressionRecomputesTheKeyOn18SoGroupAComputedColumnInstead() {
        String direct = "SELECT toString(number % 2) AS k, count() AS c FROM numbers(5) GROUP BY k WITH ROLLUP ORDER BY k, c";
        // 18.16 evaluates the expression again for the total row: it reads "0", like a real key
        assertThat(keys(v18.query(direct))).containsExactly("0", "0", "1");
        assertThat(keys(v26.query(direct))).containsExactly("", "0", "1");

        assertThat(engines.sameCells("SELECT k, count() AS c FROM (SELECT toString(number % 2) AS k FROM numbers(5)) "
                + "GROUP BY k WITH ROLLUP ORDER BY k, c")).extracting(row -> row.get("k")).containsExactly("''", "0", "1");
    }

    @Test
    void decimalsPrintWithTheirScaleOn18OnlySoCompareThemByValue() {
        String sql = "SELECT toDecimal64('1.50', 2) AS d, toString(toDecimal64('1.50', 2)) AS s, toString(toInt64(toDecimal64('1.50', 2) * 100)) AS cents";
        Map<String, Object> old = v18.query(sql).get(0);
        Map<String, Object> current = v26.query(sql).get(0);
        assertThat(old.get("s")).isEqualTo("1.50");
        assertThat(current.get("s")).isEqualTo("1.5");
        assertThat(((BigDecimal) old.get("d")).scale()).isEqualTo(2);
        assertThat(((BigDecimal) current.get("d")).scale()).isEqualTo(1);

        assertThat((BigDecimal) current.get("d")).isEqualByComparingTo((BigDecimal) old.get("d"));
        assertThat(current.get("cents")).isEqualTo(old.get("cents")).isEqualTo("150");
        engines.sameCells(sql);
    }

    @Test
    void decimalMixedWithAFloatOrAnIntegerLiteralIsRefusedBy18SoBindDecimalsAsDecimals() {
        String mixedIf = "SELECT if(number > 1, toDecimal64('1.5', 2), 0) AS x FROM numbers(3) ORDER BY number";
        String mixedCompare = "SELECT count() AS c FROM numbers(3) WHERE toDecimal64('1.5', 2) > 1.2";
        assertThatThrownBy(() -> v18.query(mixedIf)).hasMessageContaining("Decimal");
        assertThatThrownBy(() -> v18.query(mixedCompare)).hasMessageContaining("Decimal");
        assertThat(v26.query(mixedIf)).hasSize(3);
        assertThat(v26.query(mixedCompare)).hasSize(1);

        engines.sameCells("SELECT if(number > 1, toDecimal64('1.5', 2), toDecimal64(0, 2)) AS x FROM numbers(3) ORDER BY number");
        engines.sameCells("SELECT count() AS c FROM numbers(3) WHERE toDecimal64('1.5', 2) > ?", new BigDecimal("1.2"));
    }

    @Test
    void avgOfADecimalIsDecimalOn18AndFloat64On26SoAverageFloatsOrDivideSums() {
        String type = "SELECT toTypeName(avg(toDecimal64('1.25', 2))) AS t";
        assertThat(v18.query(type).get(0).get("t")).isEqualTo("Decimal(38, 2)");
        assertThat(v26.query(type).get(0).get("t")).isEqualTo("Float64");

        engines.sameCells("SELECT avg(toFloat64(x)) AS mean, sum(x) / count() AS truncated, toTypeName(sum(x) / count()) AS t "
                + "FROM (SELECT toDecimal64('2.50', 2) AS x UNION ALL SELECT toDecimal64('1.25', 2) AS x)");
    }

    @Test
    void formatDateTimePercentMIsTheMinuteOn18AndTheMonthNameOn26SoUsePercentR() {
        String sql = "SELECT formatDateTime(toDateTime('2026-11-27 10:07:09', 'UTC'), '%H:%M') AS m";
        assertThat(v18.query(sql).get(0).get("m")).isEqualTo("10:07");
        assertThat(v26.query(sql).get(0).get("m")).isEqualTo("10:November");

        assertThat(engines.sameCells("SELECT formatDateTime(toDateTime('2026-11-27 10:07:09', 'UTC'), '%F %R') AS a, "
                + "formatDateTime(toDateTime('2026-11-27 10:07:09', 'UTC'), '%F %T') AS b"))
                .containsExactly(Map.of("a", "'2026-11-27 10:07'", "b", "'2026-11-27 10:07:09'"));
    }

    @Test
    void sixtyFourBitIntegersArriveAsNumbersFromBothAdapters() {
        // 18.16 quotes them in JSON unless told not to: the gateway (and ChdbEngine) set
        // output_format_json_quote_64bit_integers=0, so callers never see the difference.
        for (DualEngine.Engine engine : engines.engines()) {
            Map<String, Object> row = engine.sql().query("SELECT count() AS c, toUInt64(18446744073709551615) AS max, dateDiff('day', toDate('2026-01-01'), toDate('2026-11-27')) AS d FROM numbers(3)").get(0);
            assertThat(row.get("c")).as(engine.name()).isEqualTo(3L);
            assertThat(row.get("max")).as(engine.name()).isEqualTo(new BigInteger("18446744073709551615"));
            assertThat(row.get("d")).as(engine.name()).isEqualTo(330L);
        }
    }

    private static List<String> keys(List<Map<String, Object>> rows) {
        return rows.stream().map(row -> (String) row.get("k")).toList();
    }
}

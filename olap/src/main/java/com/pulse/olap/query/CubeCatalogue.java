package com.pulse.olap.query;

import java.util.List;
import java.util.Optional;

/**
 * The cubes a pivot can be asked over. Dimension SQL is written so both ClickHouse 18.16 and current releases give
 * the same text: ids as canonical UUID text, strings stored {@code ''} shown as {@code (none)}, dates from the
 * month columns streams fills in the company time zone ({@code created_month}, {@code closed_month},
 * {@code expected_close_month}), so a month here is the company's month.
 */
public final class CubeCatalogue {

    // The order of the lists is the order the catalogue is answered in.
    public static final Cube OPPORTUNITIES = Cube.of("opportunities", new Labels("Opportunities", "商机"),
            "opportunities FINAL", "deleted = 0",
            List.of(
                    Dimension.text("owner", new Labels("Owner", "负责人"), nullableId("owner_id")),
                    Dimension.text("team", new Labels("Team", "团队"), nullableId("team_id")),
                    Dimension.text("region", new Labels("Region", "区域"), labelled("region")),
                    Dimension.text("industry", new Labels("Industry", "行业"), labelled("industry")),
                    Dimension.text("tier", new Labels("Customer tier", "客户等级"), labelled("tier")),
                    Dimension.text("stage", new Labels("Stage", "阶段"), labelled("stage")),
                    Dimension.text("forecastCategory", new Labels("Forecast category", "预测类别"), labelled("forecast_category")),
                    Dimension.period("createdMonth", new Labels("Created (month)", "创建月份"), "created_month", TimeGrain.MONTH),
                    Dimension.period("createdQuarter", new Labels("Created (quarter)", "创建季度"), "created_month", TimeGrain.QUARTER),
                    Dimension.period("createdYear", new Labels("Created (year)", "创建年份"), "created_month", TimeGrain.YEAR),
                    Dimension.period("closedMonth", new Labels("Closed (month)", "成交月份"), "closed_month", TimeGrain.MONTH),
                    Dimension.period("closedQuarter", new Labels("Closed (quarter)", "成交季度"), "closed_month", TimeGrain.QUARTER),
                    Dimension.period("closedYear", new Labels("Closed (year)", "成交年份"), "closed_month", TimeGrain.YEAR),
                    Dimension.period("expectedCloseMonth", new Labels("Expected close (month)", "预计成交月份"),
                            "expected_close_month", TimeGrain.MONTH),
                    Dimension.period("expectedCloseQuarter", new Labels("Expected close (quarter)", "预计成交季度"),
                            "expected_close_month", TimeGrain.QUARTER),
                    Dimension.period("expectedCloseYear", new Labels("Expected close (year)", "预计成交年份"),
                            "expected_close_month", TimeGrain.YEAR)),
            List.of(Measure.count(), Measure.amountBase(), Measure.weighted(), Measure.avgDealSize(), Measure.winRate()),
            List.of(
                    new DateField("createdDate", new Labels("Created date", "创建日期"), "created_at", true),
                    new DateField("closedDate", new Labels("Closed date", "成交日期"), "closed_at", true),
                    new DateField("expectedCloseDate", new Labels("Expected close date", "预计成交日期"), "expected_close_date", false)),
            List.of(
                    new NumberField("amountBase", new Labels("Amount", "金额"), "amount_base", true),
                    new NumberField("probability", new Labels("Probability (%)", "赢率（%）"), "probability", false)));

    private static final List<Cube> CUBES = List.of(OPPORTUNITIES);

    private CubeCatalogue() {
    }

    public static List<Cube> cubes() {
        return CUBES;
    }

    public static Optional<Cube> cube(String name) {
        return CUBES.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    public static List<String> cubeNames() {
        return CUBES.stream().map(Cube::name).toList();
    }

    private static String nullableId(String column) {
        return "ifNull(toString(" + column + "), '" + Dimension.NONE + "')";
    }

    // streams writes '(none)' for an unknown region, industry or tier; '' is shown the same way
    private static String labelled(String column) {
        return "if(" + column + " = '', '" + Dimension.NONE + "', " + column + ")";
    }
}

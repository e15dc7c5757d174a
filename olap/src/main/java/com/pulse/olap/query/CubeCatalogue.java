package com.pulse.olap.query;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The cubes a pivot can be asked over. Dimension SQL is written so both ClickHouse 18.16 and current releases give
 * the same text: ids as canonical UUID text, strings stored {@code ''} shown as {@code (none)}, months, quarters and
 * years from the month columns streams fills in the company time zone ({@code created_month}, …), days and weeks
 * (Monday first, {@code toMonday}) of an instant in the company time zone, so every period here is the company's.
 * Every cube reads its table {@code FINAL} (ReplacingMergeTree: the latest version of each fact) and leaves out the
 * deleted facts (METRICS.md: a deleted record counts nowhere).
 */
public final class CubeCatalogue {

    static final String WON = "CLOSED_WON";
    static final String LOST = "CLOSED_LOST";

    // The order of the lists is the order the catalogue is answered in.
    public static final Cube OPPORTUNITIES = Cube.of("opportunities", new Labels("Opportunities", "商机"),
            "opportunities FINAL", "deleted = 0",
            dimensions(
                    dealDimensions(),
                    instantPeriods("created", "Created", "创建", "created_at", "created_month"),
                    instantPeriods("closed", "Closed", "成交", "closed_at", "closed_month"),
                    datePeriods("expectedClose", "Expected close", "预计成交", "expected_close_date", "expected_close_month")),
            List.of(Measure.count(), Measure.amountBase(), Measure.weighted(), Measure.avgDealSize(), Measure.winRate()),
            List.of(
                    new DateField("createdDate", new Labels("Created date", "创建日期"), "created_at", true),
                    new DateField("closedDate", new Labels("Closed date", "成交日期"), "closed_at", true),
                    new DateField("expectedCloseDate", new Labels("Expected close date", "预计成交日期"), "expected_close_date", false)),
            List.of(
                    new NumberField("amountBase", new Labels("Amount", "金额"), "amount_base", true),
                    new NumberField("probability", new Labels("Probability (%)", "赢率（%）"), "probability", false)),
            List.of(Component.count("count", "count()"), Component.sum("amount", "amount_base"),
                    Component.sum("weighted", "amount_base * probability"),
                    Component.count("won", "countIf(stage = ?)", WON), Component.count("lost", "countIf(stage = ?)", LOST)),
            ScopeSql.OWNED);

    /**
     * Stage transitions (V003, one row per move, creation included: from stage {@code (none)}) with the dimensions of
     * their opportunity as it is now (owner, team path, account's region…), like the flow funnel: an opportunity that
     * is deleted, or that streams has not written yet, has no transitions here. The amount is the deal's at the move.
     */
    public static final Cube STAGE_TRANSITIONS = Cube.of("stageTransitions", new Labels("Stage transitions", "阶段变更"),
            "(SELECT opportunity_id, from_stage, to_stage, at, amount_base FROM stage_transitions FINAL) AS moves"
                    + " ALL INNER JOIN (SELECT id AS opportunity_id, owner_id, team_id, team_path, region, industry, tier"
                    + " FROM opportunities FINAL WHERE deleted = 0) AS deals USING opportunity_id",
            "1 = 1",
            dimensions(
                    List.of(
                            Dimension.text("fromStage", new Labels("From stage", "原阶段"), "ifNull(from_stage, '" + Dimension.NONE + "')"),
                            Dimension.text("toStage", new Labels("To stage", "新阶段"), labelled("to_stage")),
                            Dimension.text("owner", new Labels("Owner", "负责人"), nullableId("owner_id")),
                            Dimension.text("team", new Labels("Team", "团队"), nullableId("team_id")),
                            Dimension.text("region", new Labels("Region", "区域"), labelled("region")),
                            Dimension.text("industry", new Labels("Industry", "行业"), labelled("industry")),
                            Dimension.text("tier", new Labels("Customer tier", "客户等级"), labelled("tier"))),
                    instantPeriods("at", "Moved", "变更", "at", null)),
            List.of(Measure.counted("count", new Labels("Transitions", "变更次数"), "count"),
                    Measure.summed("amountBase", new Labels("Amount", "金额"), "amount"),
                    Measure.distinct("opportunities", new Labels("Opportunities", "商机数"), "opportunities")),
            List.of(new DateField("atDate", new Labels("Moved on", "变更日期"), "at", true)),
            List.of(new NumberField("amountBase", new Labels("Amount", "金额"), "amount_base", true)),
            List.of(Component.count("count", "count()"), Component.sum("amount", "amount_base"),
                    Component.distinct("opportunities", "opportunity_id")),
            ScopeSql.OWNED);

    /**
     * Open deals with the instant each entered its current stage, for "in this stage for more than N days" (the
     * notifier's stalled deals): the last move into the stage the deal is in now ({@code max(at)} of its transitions
     * to that stage, so a deal moved away and back counts from its return), joined on the deal and its current stage
     * with the deal's current version. Open is METRICS.md's: any stage but CLOSED_WON and CLOSED_LOST; a deleted deal,
     * or one whose transitions streams has not written yet, is not here. No ClickHouse table of its own (V003 and V007).
     */
    public static final Cube OPEN_DEALS = Cube.of("openDeals", new Labels("Open deals (time in stage)", "在途商机（阶段停留）"),
            "(SELECT opportunity_id, to_stage AS stage, max(at) AS entered_at FROM stage_transitions FINAL"
                    + " GROUP BY opportunity_id, to_stage) AS entries"
                    + " ALL INNER JOIN (SELECT id AS opportunity_id, stage, owner_id, team_id, team_path, region, industry, tier,"
                    + " forecast_category, amount_base FROM opportunities FINAL WHERE deleted = 0"
                    + " AND stage NOT IN ('" + WON + "', '" + LOST + "')) AS deals USING (opportunity_id, stage)",
            "1 = 1",
            dimensions(
                    dealDimensions(),
                    instantPeriods("entered", "Entered stage", "进入阶段", "entered_at", null)),
            List.of(Measure.counted("count", new Labels("Open deals", "在途商机数"), "count"),
                    Measure.summed("amountBase", new Labels("Amount", "金额"), "amount")),
            List.of(new DateField("enteredDate", new Labels("Entered stage on", "进入阶段日期"), "entered_at", true)),
            List.of(new NumberField("amountBase", new Labels("Amount", "金额"), "amount_base", true)),
            List.of(Component.count("count", "count()"), Component.sum("amount", "amount_base")),
            ScopeSql.OWNED);

    /** Leads (V012). Conversion rate as METRICS.md §KPIs: converted / closed (converted or disqualified). */
    public static final Cube LEADS = Cube.of("leads", new Labels("Leads", "线索"), "leads FINAL", "deleted = 0",
            dimensions(
                    List.of(
                            Dimension.text("source", new Labels("Source", "来源"), labelled("source")),
                            Dimension.text("campaign", new Labels("Campaign", "市场活动"), nullableId("campaign_id")),
                            Dimension.text("status", new Labels("Status", "状态"), labelled("status")),
                            Dimension.text("owner", new Labels("Owner", "负责人"), nullableId("owner_id")),
                            Dimension.text("team", new Labels("Team", "团队"), nullableId("team_id"))),
                    instantPeriods("created", "Created", "创建", "created_at", "created_month"),
                    instantPeriods("closed", "Closed", "关闭", "closed_at", "closed_month")),
            List.of(Measure.counted("count", new Labels("Leads", "线索数"), "count"),
                    Measure.counted("converted", new Labels("Converted", "已转化"), "converted"),
                    Measure.counted("disqualified", new Labels("Disqualified", "已取消资格"), "disqualified"),
                    Measure.ratio("conversionRate", new Labels("Conversion rate", "转化率"), "converted", "converted", "disqualified")),
            List.of(new DateField("createdDate", new Labels("Created date", "创建日期"), "created_at", true),
                    new DateField("closedDate", new Labels("Closed date", "关闭日期"), "closed_at", true)),
            List.of(),
            List.of(Component.count("count", "count()"), Component.count("converted", "countIf(status = ?)", "CONVERTED"),
                    Component.count("disqualified", "countIf(status = ?)", "DISQUALIFIED")),
            ScopeSql.OWNED);

    /** Activities (V013). Overdue: due before now (the server's clock), not completed. */
    public static final Cube ACTIVITIES = Cube.of("activities", new Labels("Activities", "活动"), "activities FINAL", "deleted = 0",
            dimensions(
                    List.of(
                            Dimension.text("type", new Labels("Type", "类型"), labelled("type")),
                            Dimension.text("owner", new Labels("Owner", "负责人"), nullableId("owner_id")),
                            Dimension.text("team", new Labels("Team", "团队"), nullableId("team_id"))),
                    instantPeriods("due", "Due", "到期", "due_at", null),
                    instantPeriods("completed", "Completed", "完成", "completed_at", "completed_month")),
            List.of(Measure.counted("count", new Labels("Activities", "活动数"), "count"),
                    Measure.counted("completed", new Labels("Completed", "已完成"), "completed"),
                    Measure.counted("overdue", new Labels("Overdue", "已逾期"), "overdue"),
                    Measure.ratio("completionRate", new Labels("Completion rate", "完成率"), "completed", "count")),
            List.of(new DateField("dueDate", new Labels("Due date", "到期日期"), "due_at", true),
                    new DateField("completedDate", new Labels("Completed date", "完成日期"), "completed_at", true)),
            List.of(),
            List.of(Component.count("count", "count()"), Component.count("completed", "countIf(isNotNull(completed_at))"),
                    Component.count("overdue", "countIf(isNull(completed_at) AND ifNull(due_at < now(), 0))")),
            ScopeSql.OWNED);

    /**
     * Targets (V014, METRICS.md §Targets): scope (TEAM or USER) × period × metric → value. Targets carry no team path,
     * so a manager's data scope is the TEAM targets of the teams at or below theirs on the opportunities' team paths and
     * the USER targets of the owners whose current path (that of their most recently updated deal) contains their team,
     * as {@code ScopeGuard} decides; a rep sees their own USER targets.
     */
    public static final Cube TARGETS = Cube.of("targets", new Labels("Targets", "目标"), "targets FINAL", "deleted = 0",
            List.of(
                    Dimension.text("scopeType", new Labels("Scope type", "目标对象类型"), labelled("scope_type")),
                    Dimension.text("scope", new Labels("Team or user", "团队或用户"), "toString(scope_id)"),
                    Dimension.text("metric", new Labels("Metric", "指标"), labelled("metric")),
                    Dimension.text("periodType", new Labels("Period type", "周期类型"), labelled("period_type")),
                    Dimension.text("period", new Labels("Period", "周期"), labelled("period")),
                    Dimension.dayPeriod("periodYear", new Labels("Period (year)", "周期年份"), "period_start", TimeGrain.YEAR)),
            List.of(Measure.counted("count", new Labels("Targets", "目标数"), "count"),
                    Measure.summed("value", new Labels("Target value", "目标值"), "value")),
            List.of(new DateField("periodStart", new Labels("Period start", "周期开始日期"), "period_start", false)),
            List.of(new NumberField("value", new Labels("Target value", "目标值"), "value", true)),
            List.of(Component.count("count", "count()"), Component.sum("value", "value")),
            new ScopeSql(
                    "((scope_type = 'TEAM' AND toString(scope_id) IN (SELECT arrayJoin(arraySlice(splitByChar('/', team_path),"
                            + " indexOf(splitByChar('/', team_path), ?))) FROM opportunities FINAL"
                            + " WHERE has(splitByChar('/', team_path), ?)))"
                            + " OR (scope_type = 'USER' AND toString(scope_id) IN (SELECT owner FROM (SELECT toString(owner_id) AS owner,"
                            + " argMax(team_path, updated_at) AS current_path FROM opportunities FINAL WHERE isNotNull(owner_id)"
                            + " GROUP BY owner) WHERE has(splitByChar('/', current_path), ?))))",
                    "(scope_type = 'USER' AND toString(scope_id) = ?)"));

    private static final List<Cube> CUBES = List.of(OPPORTUNITIES, STAGE_TRANSITIONS, OPEN_DEALS, LEADS, ACTIVITIES, TARGETS);

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

    @SafeVarargs
    private static List<Dimension> dimensions(List<Dimension>... groups) {
        List<Dimension> all = new ArrayList<>();
        for (List<Dimension> g : groups) {
            all.addAll(g);
        }
        return all;
    }

    /** A deal's own dimensions, shared by the cubes whose rows are deals (opportunities, openDeals). */
    private static List<Dimension> dealDimensions() {
        return List.of(
                Dimension.text("owner", new Labels("Owner", "负责人"), nullableId("owner_id")),
                Dimension.text("team", new Labels("Team", "团队"), nullableId("team_id")),
                Dimension.text("region", new Labels("Region", "区域"), labelled("region")),
                Dimension.text("industry", new Labels("Industry", "行业"), labelled("industry")),
                Dimension.text("tier", new Labels("Customer tier", "客户等级"), labelled("tier")),
                Dimension.text("stage", new Labels("Stage", "阶段"), labelled("stage")),
                Dimension.text("forecastCategory", new Labels("Forecast category", "预测类别"), labelled("forecast_category")));
    }

    /**
     * {@code <prefix>Day} … {@code <prefix>Year} of an instant: day and week from the instant in the company zone,
     * month, quarter and year from the month column streams fills (the same periods), or from the instant without one.
     */
    private static List<Dimension> instantPeriods(String prefix, String en, String zh, String instant, String monthColumn) {
        List<Dimension> out = new ArrayList<>();
        for (TimeGrain grain : TimeGrain.values()) {
            Labels labels = periodLabels(en, zh, grain);
            String name = prefix + grainName(grain);
            boolean fromMonth = monthColumn != null && grain.compareTo(TimeGrain.MONTH) >= 0;
            out.add(fromMonth ? Dimension.period(name, labels, monthColumn, grain)
                    : Dimension.instantPeriod(name, labels, instant, grain));
        }
        return out;
    }

    /** {@code <prefix>Day} … {@code <prefix>Year} of a calendar date (already the company's day). */
    private static List<Dimension> datePeriods(String prefix, String en, String zh, String dateColumn, String monthColumn) {
        List<Dimension> out = new ArrayList<>();
        for (TimeGrain grain : TimeGrain.values()) {
            String name = prefix + grainName(grain);
            out.add(grain.compareTo(TimeGrain.MONTH) >= 0 ? Dimension.period(name, periodLabels(en, zh, grain), monthColumn, grain)
                    : Dimension.dayPeriod(name, periodLabels(en, zh, grain), dateColumn, grain));
        }
        return out;
    }

    private static String grainName(TimeGrain grain) {
        String n = grain.name().toLowerCase(java.util.Locale.ROOT);
        return Character.toUpperCase(n.charAt(0)) + n.substring(1);
    }

    private static Labels periodLabels(String en, String zh, TimeGrain grain) {
        return switch (grain) {
            case DAY -> new Labels(en + " (day)", zh + "日期");
            case WEEK -> new Labels(en + " (week)", zh + "周");
            case MONTH -> new Labels(en + " (month)", zh + "月份");
            case QUARTER -> new Labels(en + " (quarter)", zh + "季度");
            case YEAR -> new Labels(en + " (year)", zh + "年份");
        };
    }

    private static String nullableId(String column) {
        return "ifNull(toString(" + column + "), '" + Dimension.NONE + "')";
    }

    // streams writes '(none)' for an unknown region, industry or tier; '' is shown the same way
    private static String labelled(String column) {
        return "if(" + column + " = '', '" + Dimension.NONE + "', " + column + ")";
    }
}

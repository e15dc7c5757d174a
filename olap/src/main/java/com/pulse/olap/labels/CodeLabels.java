package com.pulse.olap.labels;

import com.pulse.olap.query.Dimension;
import com.pulse.olap.query.PivotMatrix;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Display labels of the coded members: pipeline stages, forecast categories, customer tiers, activity types, and the
 * {@code (none)} and {@code (other)} members of any dimension. The wording is the cockpit's (dashboards
 * {@code i18n/en.json}, {@code zh-CN.json}: {@code stage.*}, {@code forecast.*}, {@code pyramid.tier},
 * {@code agenda.kind.*}), so a stage reads the same in the pivot, its files and the cockpit. A code not listed here
 * (a stage of another pipeline) keeps its code.
 */
final class CodeLabels {

    private record Text(String en, String zhCN) {
    }

    private static final Set<String> STAGE_DIMENSIONS = Set.of("stage", "fromStage", "toStage");

    private static final Map<String, Text> STAGES = Map.of(
            "PROSPECTING", new Text("Prospecting", "潜在客户"),
            "QUALIFICATION", new Text("Qualification", "资格确认"),
            "NEEDS_ANALYSIS", new Text("Needs analysis", "需求分析"),
            "PROPOSAL", new Text("Proposal", "方案报价"),
            "NEGOTIATION", new Text("Negotiation", "谈判"),
            "CLOSED_WON", new Text("Won", "赢单"),
            "CLOSED_LOST", new Text("Lost", "输单"));

    // Closed, commit and best case are the cockpit's forecast series; pipeline and omitted complete the set.
    private static final Map<String, Text> FORECAST_CATEGORIES = Map.of(
            "PIPELINE", new Text("Pipeline", "管道"),
            "BEST_CASE", new Text("Best case", "最佳情况"),
            "COMMIT", new Text("Commit", "承诺"),
            "CLOSED", new Text("Closed won", "已赢单"),
            "OMITTED", new Text("Omitted", "不计入"));

    private static final Map<String, Text> ACTIVITY_TYPES = Map.of(
            "CALL", new Text("Call", "电话"),
            "VISIT", new Text("Visit", "拜访"),
            "EMAIL", new Text("Email", "邮件"),
            "MEETING", new Text("Meeting", "会议"));

    private static final Set<String> TIERS = Set.of("A", "B", "C", "D");

    private static final Text NONE = new Text(Dimension.NONE, "（无）");
    private static final Text OTHER = new Text(PivotMatrix.OTHER_MEMBER, "（其他）");

    private CodeLabels() {
    }

    /** The label of a coded member of {@code dimension}, or empty when the member is data to show as it is. */
    static Optional<String> of(String dimension, String member, Language language) {
        Text text = null;
        if (Dimension.NONE.equals(member)) {
            text = NONE;
        } else if (PivotMatrix.OTHER_MEMBER.equals(member)) {
            text = OTHER;
        } else if (STAGE_DIMENSIONS.contains(dimension)) {
            text = STAGES.get(member);
        } else if (dimension.equals("forecastCategory")) {
            text = FORECAST_CATEGORIES.get(member);
        } else if (dimension.equals("type")) {
            text = ACTIVITY_TYPES.get(member);
        } else if (dimension.equals("tier") && TIERS.contains(member)) {
            text = new Text("Tier " + member, member + " 级");
        }
        return Optional.ofNullable(text).map(t -> language == Language.ZH_CN ? t.zhCN() : t.en());
    }
}

package com.pulse.olap.export;

import com.pulse.olap.query.PivotFixture;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link PivotFixture} (a missing region and owner, February without a created deal, superseded versions) plus
 * deals whose members are hostile or awkward text: a formula, a label with a comma and quotes, one in Chinese.
 */
final class ExportFixture {

    static final String FORMULA = "=cmd|' /C calc'!A0";
    static final String QUOTED = "Nord, \"Ost\"";
    static final String CHINESE = "华东";
    static final String AT_SIGN = "@SUM(1+1)";

    private ExportFixture() {
    }

    static List<Map<String, Object>> rows() {
        List<Map<String, Object>> rows = new ArrayList<>(PivotFixture.opportunities());
        Map<String, Object> p1 = PivotFixture.opportunities().get(0);
        rows.add(copy(p1, "f8000000-0000-4000-8000-000000000008", FORMULA, "CLOSED_WON", "1234567.89"));
        rows.add(copy(p1, "f9000000-0000-4000-8000-000000000009", QUOTED, "PROPOSAL", "0.01"));
        rows.add(copy(p1, "fa000000-0000-4000-8000-00000000000a", CHINESE, "PROSPECTING", "88.00"));
        rows.add(copy(p1, "fb000000-0000-4000-8000-00000000000b", CHINESE, AT_SIGN, "12.00"));
        rows.addAll(PivotFixture.superseded());
        return rows;
    }

    private static Map<String, Object> copy(Map<String, Object> row, String id, String region, String stage, String amount) {
        Map<String, Object> copy = new LinkedHashMap<>(row);
        copy.put("id", id);
        copy.put("region", region);
        copy.put("stage", stage);
        copy.put("amount_base", new java.math.BigDecimal(amount));
        return copy;
    }
}

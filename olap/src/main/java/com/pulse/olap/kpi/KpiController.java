package com.pulse.olap.kpi;

import com.pulse.olap.scope.Scope;
import com.pulse.olap.security.ScopeGuard;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The cockpit's KPIs (METRICS.md §KPIs) of a scope: the stored periods in the order TODAY, MTD, QTD, YTD.
 * A period streams has not written yet is not listed (there is no as-of day to answer for it).
 */
@RestController
class KpiController {

    static final List<String> PERIODS = List.of("TODAY", "MTD", "QTD", "YTD");

    private final KpiReader reader;
    private final ScopeGuard guard;

    KpiController(KpiReader reader, ScopeGuard guard) {
        this.reader = reader;
        this.guard = guard;
    }

    @GetMapping("/olap/v1/kpis")
    Map<String, Object> kpis(@RequestParam(required = false) String scopeType, @RequestParam(required = false) String scopeId) {
        Scope scope = guard.check(Scope.of(scopeType, scopeId));
        List<Map<String, Object>> periods = reader.periods(scope.type(), scope.id()).stream()
                .filter(p -> PERIODS.contains(p.get("period")))
                .sorted(Comparator.comparingInt(p -> PERIODS.indexOf(p.get("period"))))
                .toList();
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("scopeType", scope.type());
        answer.put("scopeId", scope.id());
        answer.put("periods", periods);
        return answer;
    }
}

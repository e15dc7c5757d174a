package com.pulse.notifier.custom;

import com.pulse.clickhouse.ClickHouseGateway;
import com.pulse.notifier.builtin.BuiltInQuery;
import com.pulse.notifier.builtin.Company;
import com.pulse.notifier.builtin.Evaluation;
import com.pulse.notifier.builtin.Lines;
import com.pulse.notifier.builtin.Match;
import com.pulse.notifier.problem.InvalidRequest;
import com.pulse.notifier.rules.RuleParameterCheck;
import com.pulse.notifier.rules.RuleType;
import com.pulse.notifier.scope.Scope;
import com.pulse.notifier.scope.Scopes;
import com.pulse.olap.query.CompiledQuery;
import com.pulse.olap.query.DataScope;
import com.pulse.olap.query.InvalidQuery;
import com.pulse.olap.query.Measure;
import com.pulse.olap.query.Pivot;
import com.pulse.olap.query.PivotCompiler;
import com.pulse.olap.query.PivotMatrix;
import com.pulse.olap.query.PivotQuery;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * {@code CUSTOM_VIEW}: a saved OLAP view and a condition on one of its measures ("my team's open pipeline for next
 * month below 1.5 M"). At a firing the view is read again (still there, still visible to the rule's owner), its
 * pivot reduced to the grand total of that measure (no rows, no columns; its filters kept, relative periods counted
 * from the firing's instant) and compiled by olap's own {@link PivotCompiler} with the data scope olap would apply:
 * the recipient's (a manager's team, a rep's own deals, everything for executives), or the owner's when the
 * recipient sees everything, so the alert never tells more than the rule's owner may see. One match when the
 * condition holds; the compiled SQL and its values are the firing's provenance.
 */
@Component
class CustomViews implements BuiltInQuery, RuleParameterCheck {

    private final SavedViewReader views;
    private final ClickHouseGateway clickHouse;
    private final Company company;
    private final int maxExecutionSeconds;

    CustomViews(SavedViewReader views, ClickHouseGateway clickHouse, Company company,
                @Value("${pulse.notifier.custom-view.max-execution-seconds:30}") int maxExecutionSeconds) {
        this.views = views;
        this.clickHouse = clickHouse;
        this.company = company;
        this.maxExecutionSeconds = maxExecutionSeconds;
    }

    @Override
    public RuleType type() {
        return RuleType.CUSTOM_VIEW;
    }

    /** When the rule is saved: the view exists, the owner may see it, and it has the measure. */
    @Override
    public void check(String ownerId, Map<String, Object> parameters) {
        String viewId = (String) parameters.get("viewId");
        SavedView view = views.visibleTo(ownerId, viewId).orElseThrow(() ->
                new InvalidRequest("parameters.viewId", "no saved view " + viewId + " that you may see"));
        String measure = (String) parameters.get("measure");
        if (!view.query().measures().contains(measure)) {
            throw new InvalidRequest("parameters.measure", "the view \"" + view.name() + "\" has the measures "
                    + view.query().measures());
        }
    }

    @Override
    public Evaluation run(String ownerId, String recipientId, Map<String, Object> parameters, Scope scope, Instant at,
                          ZoneId zone, Lines lines) {
        String viewId = (String) parameters.get("viewId");
        String measureName = (String) parameters.get("measure");
        Optional<SavedView> found = views.visibleTo(ownerId, viewId);
        Map<String, Object> shown = new LinkedHashMap<>(parameters);
        if (found.isEmpty()) {
            // deleted, or no longer shared with the owner: nothing to tell, and the firing's log says why
            return new Evaluation("-- saved view " + viewId + " is gone or not visible to " + ownerId, shown, List.of());
        }
        SavedView view = found.get();
        PivotQuery saved = view.query();
        PivotQuery total = new PivotQuery(saved.cube(), List.of(), List.of(), List.of(measureName), saved.filters(), null);
        Pivot pivot;
        try {
            pivot = total.validate(company.zone(), Clock.fixed(at, company.zone()));
        } catch (InvalidQuery e) {
            // the catalogue changed since the view was saved
            return new Evaluation("-- saved view " + viewId + " no longer compiles: " + e.getMessage(), shown, List.of());
        }
        DataScope dataScope = dataScope(recipientId);
        if (dataScope.kind() == DataScope.Kind.ALL) {
            dataScope = dataScope(ownerId);
        }
        CompiledQuery compiled = PivotCompiler.compile(pivot, dataScope, 1, maxExecutionSeconds);
        shown.put("dataScope", dataScope.kind() + (dataScope.id() == null ? "" : ":" + dataScope.id()));
        shown.put("params", compiled.params().stream().map(String::valueOf).toList());
        List<PivotCompiler.Group> groups = clickHouse.query(compiled.sql(), compiled.paramArray()).stream()
                .map(row -> PivotCompiler.group(pivot, row)).toList();
        PivotMatrix matrix = PivotMatrix.assemble(pivot, groups, 10);
        Object value = matrix.cells().isEmpty() || matrix.cells().get(0).values().isEmpty() ? null
                : matrix.cells().get(0).values().get(0).get(measureName);
        if (value == null) {
            return new Evaluation(compiled.sql(), shown, List.of()); // no value (a rate of nothing): no condition holds
        }
        BigDecimal actual = new BigDecimal(String.valueOf(value));
        BigDecimal threshold = new BigDecimal((String) parameters.get("threshold"));
        boolean below = "BELOW".equals(parameters.get("condition"));
        boolean holds = below ? actual.compareTo(threshold) < 0 : actual.compareTo(threshold) > 0;
        shown.put("value", actual.toPlainString());
        if (!holds) {
            return new Evaluation(compiled.sql(), shown, List.of());
        }
        Measure measure = pivot.cube().measure(measureName).orElseThrow();
        boolean money = actual.scale() > 0 || "amountBase".equals(measureName) || "weighted".equals(measureName);
        String line = lines.customView(view.name(), measure.labels().en(), measure.labels().zhCN(), number(actual, money),
                below, number(threshold, money));
        return new Evaluation(compiled.sql(), shown, List.of(new Match("view:" + viewId + ":" + measureName, line, null)));
    }

    /** The data scope olap gives the user (ScopeGuard): everything, a manager's own team and below, or their own. */
    private DataScope dataScope(String userId) {
        List<String> roles = views.roles(userId);
        if (Scopes.seesAll(roles)) {
            return DataScope.ALL;
        }
        String team = views.team(userId);
        if (roles.contains("MANAGER") && !team.isBlank()) {
            return DataScope.team(team);
        }
        return DataScope.owner(userId);
    }

    private String number(BigDecimal n, boolean money) {
        return money ? company.money(n)
                : n.stripTrailingZeros().scale() <= 0 ? String.format(Locale.ROOT, "%,d", n.toBigInteger())
                : n.stripTrailingZeros().toPlainString();
    }
}

package com.pulse.notifier.custom;

import com.pulse.notifier.builtin.BuiltInQuery;
import com.pulse.notifier.builtin.Company;
import com.pulse.notifier.builtin.Evaluation;
import com.pulse.notifier.builtin.Lines;
import com.pulse.notifier.builtin.Match;
import com.pulse.notifier.builtin.OlapQueries;
import com.pulse.notifier.problem.InvalidRequest;
import com.pulse.notifier.rules.RuleParameterCheck;
import com.pulse.notifier.rules.RuleType;
import com.pulse.notifier.scope.Scope;
import com.pulse.olap.query.InvalidQuery;
import com.pulse.olap.query.Measure;
import com.pulse.olap.query.Pivot;
import com.pulse.olap.query.PivotQuery;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * {@code CUSTOM_VIEW}: a saved OLAP view and a condition on one of its measures ("my team's open pipeline for next
 * month below 1.5 M"). At a firing the view is read again (still there, still visible to the rule's owner), its
 * pivot reduced to the grand total of that measure (no rows, no columns; its filters kept, relative periods counted
 * from the firing's instant) and compiled by olap's own pivot compiler ({@link OlapQueries}) with the data scope olap would apply:
 * the recipient's (a manager's team, a rep's own deals, everything for executives), or the owner's when the
 * recipient sees everything, so the alert never tells more than the rule's owner may see. One match when the
 * condition holds; the compiled SQL and its values are the firing's provenance.
 */
@Component
class CustomViews implements BuiltInQuery, RuleParameterCheck {

    private final SavedViewReader views;
    private final OlapQueries olap;
    private final Company company;

    CustomViews(SavedViewReader views, OlapQueries olap, Company company) {
        this.views = views;
        this.olap = olap;
        this.company = company;
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
        OlapQueries.Run run = olap.run(olap.firingScope(ownerId, recipientId), at);
        Pivot pivot;
        try {
            pivot = run.pivot(total);
        } catch (InvalidQuery e) {
            // the catalogue changed since the view was saved
            return new Evaluation("-- saved view " + viewId + " no longer compiles: " + e.getMessage(), shown, List.of());
        }
        List<OlapQueries.Row> rows = run.rows(pivot);
        Object value = rows.isEmpty() ? null : rows.get(0).value(measureName);
        if (value == null) {
            return run.evaluation(shown, List.of()); // no value (a rate of nothing): no condition holds
        }
        BigDecimal actual = new BigDecimal(String.valueOf(value));
        BigDecimal threshold = new BigDecimal((String) parameters.get("threshold"));
        boolean below = "BELOW".equals(parameters.get("condition"));
        boolean holds = below ? actual.compareTo(threshold) < 0 : actual.compareTo(threshold) > 0;
        shown.put("value", actual.toPlainString());
        if (!holds) {
            return run.evaluation(shown, List.of());
        }
        Measure measure = pivot.cube().measure(measureName).orElseThrow();
        boolean money = actual.scale() > 0 || "amountBase".equals(measureName) || "weighted".equals(measureName);
        String line = lines.customView(view.name(), measure.labels().en(), measure.labels().zhCN(), number(actual, money),
                below, number(threshold, money));
        return run.evaluation(shown, List.of(new Match("view:" + viewId + ":" + measureName, line, null)));
    }

    private String number(BigDecimal n, boolean money) {
        return money ? company.money(n)
                : n.stripTrailingZeros().scale() <= 0 ? String.format(Locale.ROOT, "%,d", n.toBigInteger())
                : n.stripTrailingZeros().toPlainString();
    }
}

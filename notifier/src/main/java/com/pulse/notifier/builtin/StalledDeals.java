package com.pulse.notifier.builtin;

import com.pulse.notifier.rules.RuleType;
import com.pulse.notifier.scope.Scope;
import com.pulse.olap.query.CubeCatalogue;
import com.pulse.olap.query.RecordsQuery;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Open deals in the scope that entered their current stage more than {@code days} days before the firing, read from
 * olap's {@code openDeals} cube ({@link OlapQueries}: olap's catalogue and drill-through compiler, olap's data scope of
 * the recipient): the last move into the deal's current stage in ClickHouse's {@code stage_transitions} (a deal's
 * creation is a move too), so a deal moved away and back counts from its return; won, lost and deleted deals are not
 * open deals. Deal names come from the api's tables (the facts carry none).
 */
@Component
class StalledDeals implements BuiltInQuery {

    private final OlapQueries olap;
    private final ApiNames names;

    StalledDeals(OlapQueries olap, ApiNames names) {
        this.olap = olap;
        this.names = names;
    }

    @Override
    public RuleType type() {
        return RuleType.STALLED_DEALS;
    }

    @Override
    public Evaluation run(String ownerId, String recipientId, Map<String, Object> parameters, Scope scope, Instant at,
                          ZoneId zone, Lines lines) {
        int days = ((Number) parameters.get("days")).intValue();
        Instant since = at.minus(Duration.ofDays(days));
        OlapQueries.Run run = olap.run(olap.firingScope(ownerId, recipientId), at);
        // every open deal's record whose stage was entered before at − days, longest stalled first
        List<Map<String, Object>> stalled = run.records(new RecordsQuery("openDeals", List.of(), Map.of(), null, null),
                        OlapQueries.before(CubeCatalogue.OPEN_DEALS, "enteredDate", since)).stream()
                .sorted(Comparator.comparing((Map<String, Object> r) -> Instant.parse((String) r.get("enteredAt")))
                        .thenComparing(r -> (String) r.get("id")))
                .toList();
        Map<String, String> dealNames = names.deals(stalled.stream().map(r -> (String) r.get("id")).toList());
        List<Match> matches = new ArrayList<>();
        for (Map<String, Object> deal : stalled) {
            String id = (String) deal.get("id");
            String stage = (String) deal.get("stage");
            long inStage = Duration.between(Instant.parse((String) deal.get("enteredAt")), at).toDays();
            matches.add(new Match("opportunity:" + id + ":" + stage, lines.stalled(dealNames.getOrDefault(id, id), stage, inStage),
                    "/api/v1/opportunities/" + id));
        }
        Map<String, Object> shown = new LinkedHashMap<>();
        shown.put("days", days);
        shown.put("enteredBefore", since.toString());
        return run.evaluation(shown, matches);
    }
}

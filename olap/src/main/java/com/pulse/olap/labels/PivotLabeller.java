package com.pulse.olap.labels;

import com.pulse.olap.query.PivotMatrix;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * Labels the members of a pivot (DESIGN.md "Member labels"): owners and teams by their names from the api (one
 * lookup per answer, cached), coded members (stages, forecast categories, tiers, activity types, {@code (none)}) in
 * the request's language, anything else as it is. The api unreachable or refusing: ids stay their own labels and the
 * answer carries a warning; the pivot never fails for its labels.
 */
@Component
public class PivotLabeller {

    /** Dimensions whose members are user or team ids ({@code scope}: the targets cube's team or user). */
    static final Set<String> NAMED = Set.of("owner", "team", "scope");
    private static final Pattern UUID_TEXT = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    static final String NAMES_MISSING = "names missing: ";

    private final ApiNames names;

    PivotLabeller(ApiNames names) {
        this.names = names;
    }

    /** {@code matrix} labelled in {@code language}; {@code authorization} is the caller's header, forwarded as is. */
    public PivotMatrix label(PivotMatrix matrix, Language language, String authorization) {
        Set<String> ids = new TreeSet<>();
        matrix.labels().forEach((dimension, members) -> {
            if (NAMED.contains(dimension)) {
                members.keySet().stream().filter(m -> UUID_TEXT.matcher(m).matches()).forEach(ids::add);
            }
        });
        Map<String, String> found = Map.of();
        List<String> warnings = List.of();
        if (!ids.isEmpty()) {
            ApiNames.Answer answer = names.names(ids, authorization);
            found = answer.names();
            warnings = answer.failure()
                    .map(why -> List.of(NAMES_MISSING + why + "; owners and teams are shown by id"))
                    .orElse(List.of());
        }
        Map<String, String> byId = found;
        return matrix.labelled((dimension, member) -> {
            if (NAMED.contains(dimension) && byId.containsKey(member)) {
                return byId.get(member);
            }
            return CodeLabels.of(dimension, member, language).orElse(member);
        }, warnings);
    }
}

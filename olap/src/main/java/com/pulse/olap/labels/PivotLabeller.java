package com.pulse.olap.labels;

import com.pulse.olap.query.PivotMatrix;
import com.pulse.olap.query.RecordsPage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * Labels the members of a pivot and the coded fields of its drill-through records (DESIGN.md "Member labels"): owners
 * and teams by their names from the api (one lookup per answer, cached), coded members (stages, forecast categories,
 * tiers, activity types, {@code (none)}) in the request's language, anything else as it is. The api unreachable or
 * refusing: ids stay their own labels and the answer carries a warning; neither answer ever fails for its labels.
 */
@Component
public class PivotLabeller {

    /** Dimensions whose members are user or team ids ({@code scope}: the targets cube's team or user). */
    static final Set<String> NAMED = Set.of("owner", "team", "scope");
    /**
     * Record fields worth a label: the named ones and those holding codes. Free text (region, account, …) is shown as
     * stored, so a record's labels stay as small as the codes on its page.
     */
    static final Set<String> RECORD_FIELDS = Set.of("owner", "team", "scope", "stage", "fromStage", "toStage",
            "forecastCategory", "tier", "type");
    private static final Pattern UUID_TEXT = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    static final String NAMES_MISSING = "names missing: ";

    /** Dimension (or record field) → member → label, and what went wrong while labelling. */
    record Labelled(Map<String, Map<String, String>> labels, List<String> warnings) {
    }

    private final ApiNames names;

    PivotLabeller(ApiNames names) {
        this.names = names;
    }

    /** {@code matrix} labelled in {@code language}; {@code authorization} is the caller's header, forwarded as is. */
    public PivotMatrix label(PivotMatrix matrix, Language language, String authorization) {
        Map<String, Set<String>> members = new LinkedHashMap<>();
        matrix.labels().forEach((dimension, byMember) -> members.put(dimension, byMember.keySet()));
        Labelled labelled = labels(members, language, authorization);
        return matrix.labelled(labelled.labels(), labelled.warnings());
    }

    /**
     * {@code page} with the labels of its owner, team and coded fields in {@code language}: one lookup for every id
     * on the page; the records themselves are unchanged (their values are the cell's keys and the api's ids).
     */
    public RecordsPage label(RecordsPage page, Language language, String authorization) {
        Map<String, Set<String>> members = new LinkedHashMap<>();
        for (Map<String, Object> record : page.records()) {
            record.forEach((field, value) -> {
                if (RECORD_FIELDS.contains(field) && value instanceof String member) {
                    members.computeIfAbsent(field, f -> new TreeSet<>()).add(member);
                }
            });
        }
        Labelled labelled = labels(members, language, authorization);
        return page.labelled(labelled.labels(), labelled.warnings());
    }

    // One directory request for the ids of every named dimension together, then each member its label.
    private Labelled labels(Map<String, Set<String>> members, Language language, String authorization) {
        Set<String> ids = new TreeSet<>();
        members.forEach((dimension, values) -> {
            if (NAMED.contains(dimension)) {
                values.stream().filter(m -> UUID_TEXT.matcher(m).matches()).forEach(ids::add);
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
        Map<String, Map<String, String>> labels = new LinkedHashMap<>();
        for (Map.Entry<String, Set<String>> e : members.entrySet()) {
            String dimension = e.getKey();
            Map<String, String> byMember = new LinkedHashMap<>();
            for (String member : e.getValue()) {
                byMember.put(member, NAMED.contains(dimension) && found.containsKey(member)
                        ? found.get(member)
                        : CodeLabels.of(dimension, member, language).orElse(member));
            }
            labels.put(dimension, byMember);
        }
        return new Labelled(labels, warnings);
    }
}

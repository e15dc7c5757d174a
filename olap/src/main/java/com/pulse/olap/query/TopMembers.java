package com.pulse.olap.query;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Top-N per row level: under each parent, the members beyond the first N by the level's measure are folded into one
 * {@link #OTHER} member (a leaf, kind {@code other}) whose cells are the sums of theirs. Only the display changes:
 * the sums of the parents, subtotals and grand totals were taken from every finest group before, so they stay the
 * true totals of the filtered facts, and the lines shown under a parent still add up to it.
 */
final class TopMembers {

    /** The member standing for the members a top-N limit left out. */
    static final String OTHER = "(other)";

    private TopMembers() {
    }

    static void apply(Pivot pivot, PivotMatrix.Node root, Map<List<String>, Map<List<String>, Components>> sums) {
        if (pivot.top().stream().anyMatch(TopN::limits)) {
            visit(pivot, root, 0, sums);
        }
    }

    private static void visit(Pivot pivot, PivotMatrix.Node node, int depth,
                              Map<List<String>, Map<List<String>, Components>> sums) {
        if (depth >= pivot.top().size()) {
            return;
        }
        TopN top = pivot.top().get(depth);
        if (top.limits() && node.ordered.size() > top.n()) {
            List<PivotMatrix.Node> ranked = new ArrayList<>(node.ordered);
            ranked.sort(rank(top.by(), sums));
            Set<PivotMatrix.Node> kept = new HashSet<>(ranked.subList(0, top.n()));
            List<PivotMatrix.Node> shown = new ArrayList<>();
            PivotMatrix.Node other = node.otherChild(OTHER);
            Map<List<String>, Components> otherSums = new HashMap<>();
            for (PivotMatrix.Node child : node.ordered) {
                if (kept.contains(child)) {
                    shown.add(child);
                } else {
                    sums.getOrDefault(child.path, Map.of()).forEach((column, c) -> otherSums.merge(column, c, Components::plus));
                }
            }
            sums.put(other.path, otherSums);
            shown.add(other);
            node.ordered = shown;
        }
        for (PivotMatrix.Node child : node.ordered) {
            if (!child.other) {
                visit(pivot, child, depth + 1, sums);
            }
        }
    }

    // The measure of the member's row total, largest first, nulls last; ties by member text.
    private static Comparator<PivotMatrix.Node> rank(Measure by, Map<List<String>, Map<List<String>, Components>> sums) {
        Comparator<Comparable<Object>> descending = Comparator.nullsLast(Comparator.<Comparable<Object>>reverseOrder());
        return Comparator.comparing((PivotMatrix.Node n) -> {
            @SuppressWarnings("unchecked")
            Comparable<Object> v = (Comparable<Object>) by.of(sums.getOrDefault(n.path, Map.of()).getOrDefault(List.of(), Components.ZERO));
            return v;
        }, descending).thenComparing((PivotMatrix.Node n) -> Dimension.NONE.equals(n.member)).thenComparing(n -> n.member);
    }
}

package com.pulse.olap.query;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The answer to a pivot: the row and column header trees, and the matrix in display order — every row key
 * (members, then after each parent's children the parent's subtotal, the grand total last) × every column key
 * (the same way) → the measures of that cell. Subtotals and totals are the sums of the finest groups'
 * {@link Components}, so they equal what the same filters would count directly; for a pivot with a distinct count
 * they are the groups ClickHouse counted at that level.
 *
 * @param rowHeaders    the row members as a tree (children in display order)
 * @param columnHeaders the column members as a tree
 * @param columnKeys    the columns of {@code cells}' values, in order
 * @param cells         one line per row key, each with one value map per column key
 * @param labels        dimension → member → the member's display label (a name for an id, a translated code); the
 *                      member itself when nothing better is known. Members stay the keys of paths, filters and cells.
 * @param warnings      what went wrong while labelling (never a reason to fail the pivot); empty when nothing did
 */
public record PivotMatrix(String cube, List<String> rows, List<String> columns, List<String> measures,
                          List<Header> rowHeaders, List<Header> columnHeaders, List<Key> columnKeys, List<Line> cells,
                          Map<String, Map<String, String>> labels, List<String> warnings) {

    public static final String MEMBER = "member";
    public static final String SUBTOTAL = "subtotal";
    public static final String TOTAL = "total";
    /** The line of the members a top-N limit left out under a parent. */
    public static final String OTHER = "other";
    /** The member of that line, folding the members left out. */
    public static final String OTHER_MEMBER = TopMembers.OTHER;

    /** A member of an axis, its display label and the members under it. */
    public record Header(String member, String label, List<Header> children) {
    }

    /** A position on an axis: the members from the top ({@code []} = grand total) and what it is. */
    public record Key(List<String> path, int level, String kind) {
    }

    /** A row of the matrix: its key and, per column key, measure name → value. */
    public record Line(List<String> path, int level, String kind, List<Map<String, Object>> values) {
    }

    /**
     * Assembles the matrix from the finest groups ({@link PivotCompiler#group}); more than {@code cellCap} cells
     * (row keys × column keys × measures), or more groups than that, is {@link CellCapExceeded}.
     */
    public static PivotMatrix assemble(Pivot pivot, List<PivotCompiler.Group> groups, long cellCap) {
        if (groups.size() > cellCap) {
            throw new CellCapExceeded(cellCap, "more than " + cellCap + " distinct cells");
        }
        Map<List<String>, Map<List<String>, Components>> sums = new HashMap<>();
        List<PivotCompiler.Group> finest = groups.stream().filter(PivotCompiler.Group::finest).toList();
        for (PivotCompiler.Group g : finest) {
            for (int i = 0; i <= g.row().size(); i++) {
                Map<List<String>, Components> byColumn = sums.computeIfAbsent(List.copyOf(g.row().subList(0, i)), k -> new HashMap<>());
                for (int j = 0; j <= g.column().size(); j++) {
                    byColumn.merge(List.copyOf(g.column().subList(0, j)), g.components(), Components::plus);
                }
            }
        }
        // a subtotal or total ClickHouse counted itself (a pivot with a distinct count) replaces the summed one
        for (PivotCompiler.Group g : groups) {
            if (!g.finest()) {
                sums.computeIfAbsent(List.copyOf(g.row()), k -> new HashMap<>()).put(List.copyOf(g.column()), g.components());
            }
        }
        Comparator<Node> order = order(pivot, sums);
        Node rowRoot = Axis.build(pivot.rows(), finest.stream().map(PivotCompiler.Group::row).toList(), cellCap, order, true);
        TopMembers.apply(pivot, rowRoot, sums);
        Node columnRoot = Axis.build(pivot.columns(), finest.stream().map(PivotCompiler.Group::column).toList(), cellCap, order, false);
        List<Key> rowKeys = Axis.flatten(rowRoot, pivot.rows().size());
        List<Key> columnKeys = Axis.flatten(columnRoot, pivot.columns().size());
        long cells = (long) rowKeys.size() * columnKeys.size() * pivot.measures().size();
        if (cells > cellCap) {
            throw new CellCapExceeded(cellCap, rowKeys.size() + " rows × " + columnKeys.size() + " columns × "
                    + pivot.measures().size() + " measures = " + cells + " cells");
        }
        List<Line> lines = new ArrayList<>(rowKeys.size());
        for (Key row : rowKeys) {
            Map<List<String>, Components> byColumn = sums.getOrDefault(row.path(), Map.of());
            List<Map<String, Object>> values = new ArrayList<>(columnKeys.size());
            for (Key column : columnKeys) {
                values.add(values(pivot, byColumn.getOrDefault(column.path(), Components.ZERO)));
            }
            lines.add(new Line(row.path(), row.level(), row.kind(), values));
        }
        return new PivotMatrix(pivot.cube().name(), names(pivot.rows()), names(pivot.columns()),
                pivot.measures().stream().map(Measure::name).toList(),
                rowRoot.headers(), columnRoot.headers(), columnKeys, lines, memberLabels(pivot, rowRoot, columnRoot), List.of());
    }

    /**
     * This matrix with {@code labelled} (dimension → member → display label, for the members of {@link #labels}), the
     * header trees carrying them, and {@code warnings} about the labelling.
     */
    public PivotMatrix labelled(Map<String, Map<String, String>> labelled, List<String> warnings) {
        return new PivotMatrix(cube, rows, columns, measures, relabel(rowHeaders, rows, 0, labelled),
                relabel(columnHeaders, columns, 0, labelled), columnKeys, cells, labelled, List.copyOf(warnings));
    }

    /** The display label of a member of a dimension of this matrix (the member when none is known). */
    public String label(String dimension, String member) {
        return labels.getOrDefault(dimension, Map.of()).getOrDefault(member, member);
    }

    private static List<Header> relabel(List<Header> headers, List<String> dimensions, int depth,
                                        Map<String, Map<String, String>> labels) {
        if (depth >= dimensions.size()) {
            return headers;
        }
        Map<String, String> byMember = labels.getOrDefault(dimensions.get(depth), Map.of());
        return headers.stream().map(h -> new Header(h.member(), byMember.getOrDefault(h.member(), h.member()),
                relabel(h.children(), dimensions, depth + 1, labels))).toList();
    }

    // Every member of every dimension on either axis, labelled as itself until labelled(...) knows better.
    private static Map<String, Map<String, String>> memberLabels(Pivot pivot, Node rowRoot, Node columnRoot) {
        Map<String, Map<String, String>> labels = new LinkedHashMap<>();
        collect(rowRoot, pivot.rows(), 0, labels);
        collect(columnRoot, pivot.columns(), 0, labels);
        return labels;
    }

    private static void collect(Node node, List<Dimension> dimensions, int depth, Map<String, Map<String, String>> labels) {
        if (depth >= dimensions.size()) {
            return;
        }
        Map<String, String> byMember = labels.computeIfAbsent(dimensions.get(depth).name(), k -> new TreeMap<>());
        for (Node child : node.ordered) {
            byMember.put(child.member, child.member);
            collect(child, dimensions, depth + 1, labels);
        }
    }

    private static Map<String, Object> values(Pivot pivot, Components c) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (Measure m : pivot.measures()) {
            values.put(m.name(), m.of(c));
        }
        return values;
    }

    private static List<String> names(List<Dimension> dimensions) {
        return dimensions.stream().map(Dimension::name).toList();
    }

    // Siblings by member text ((none) last), or by a measure of their total (nulls last), then member text.
    private static Comparator<Node> order(Pivot pivot, Map<List<String>, Map<List<String>, Components>> sums) {
        Comparator<Node> byMember = Comparator.comparing((Node n) -> Dimension.NONE.equals(n.member))
                .thenComparing(n -> n.member);
        Sort sort = pivot.sort();
        if (Sort.MEMBER.equals(sort.by())) {
            return sort.descending() ? Comparator.comparing((Node n) -> Dimension.NONE.equals(n.member))
                    .thenComparing(n -> n.member, Comparator.reverseOrder()) : byMember;
        }
        Measure measure = pivot.cube().measure(sort.by()).orElseThrow();
        Comparator<Comparable<Object>> values = sort.descending()
                ? Comparator.nullsLast(Comparator.<Comparable<Object>>reverseOrder())
                : Comparator.nullsLast(Comparator.<Comparable<Object>>naturalOrder());
        return Comparator.comparing((Node n) -> {
            Components c = n.rows ? sums.getOrDefault(n.path, Map.of()).getOrDefault(List.of(), Components.ZERO)
                    : sums.getOrDefault(List.<String>of(), Map.of()).getOrDefault(n.path, Components.ZERO);
            @SuppressWarnings("unchecked")
            Comparable<Object> v = (Comparable<Object>) measure.of(c);
            return v;
        }, values).thenComparing(byMember);
    }

    /** A member on an axis while the axis is built. */
    static final class Node {
        final String member;
        final List<String> path;
        final boolean rows;
        final Map<String, Node> children = new TreeMap<>();
        List<Node> ordered = List.of();
        boolean other;

        Node(String member, List<String> path, boolean rows) {
            this.member = member;
            this.path = path;
            this.rows = rows;
        }

        Node child(String member) {
            return children.computeIfAbsent(member, m -> {
                List<String> p = new ArrayList<>(path);
                p.add(m);
                return new Node(m, List.copyOf(p), rows);
            });
        }

        /** A member standing for several children, outside {@link #children} so it is never filled or sorted. */
        Node otherChild(String member) {
            List<String> p = new ArrayList<>(path);
            p.add(member);
            Node n = new Node(member, List.copyOf(p), rows);
            n.other = true;
            return n;
        }

        List<Header> headers() {
            return ordered.stream().map(n -> new Header(n.member, n.member, n.headers())).toList();
        }
    }

    /** Building and flattening one axis. */
    static final class Axis {

        private Axis() {
        }

        static Node build(List<Dimension> dimensions, List<List<String>> paths, long cap, Comparator<Node> order, boolean rows) {
            Node root = new Node(null, List.of(), rows);
            List<List<String>> periods = periods(dimensions, paths);
            long[] nodes = {1};
            for (List<String> path : paths) {
                Node n = root;
                for (String member : path) {
                    n = n.child(member);
                }
            }
            fill(root, 0, dimensions, periods, nodes, cap);
            sort(root, order);
            return root;
        }

        // Every period of a date dimension between the first and the last one of the result, in order.
        private static List<List<String>> periods(List<Dimension> dimensions, List<List<String>> paths) {
            List<List<String>> out = new ArrayList<>();
            for (int i = 0; i < dimensions.size(); i++) {
                TimeGrain grain = dimensions.get(i).grain();
                List<String> all = new ArrayList<>();
                if (grain != null) {
                    int at = i;
                    List<String> present = paths.stream().map(p -> p.get(at)).filter(grain::isPeriod).sorted().toList();
                    if (!present.isEmpty()) {
                        String last = present.get(present.size() - 1);
                        for (String p = present.get(0); p.compareTo(last) <= 0; p = grain.next(p)) {
                            all.add(p);
                        }
                    }
                }
                out.add(all);
            }
            return out;
        }

        private static void fill(Node node, int depth, List<Dimension> dimensions, List<List<String>> periods,
                                 long[] nodes, long cap) {
            if (depth == dimensions.size()) {
                return;
            }
            for (String period : periods.get(depth)) {
                node.child(period);
            }
            nodes[0] += node.children.size();
            if (nodes[0] > cap) {
                throw new CellCapExceeded(cap, "more than " + cap + " members on one axis");
            }
            for (Node child : node.children.values()) {
                fill(child, depth + 1, dimensions, periods, nodes, cap);
            }
        }

        private static void sort(Node node, Comparator<Node> order) {
            List<Node> children = new ArrayList<>(node.children.values());
            children.sort(order);
            node.ordered = children;
            children.forEach(c -> sort(c, order));
        }

        static List<Key> flatten(Node root, int depth) {
            List<Key> keys = new ArrayList<>();
            for (Node child : root.ordered) {
                flatten(child, depth, keys);
            }
            keys.add(new Key(List.of(), 0, TOTAL));
            return keys;
        }

        private static void flatten(Node node, int depth, List<Key> keys) {
            for (Node child : node.ordered) {
                flatten(child, depth, keys);
            }
            String kind = node.other ? OTHER : node.path.size() == depth ? MEMBER : SUBTOTAL;
            keys.add(new Key(node.path, node.path.size(), kind));
        }
    }
}

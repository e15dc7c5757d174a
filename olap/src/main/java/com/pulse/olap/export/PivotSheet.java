package com.pulse.olap.export;

import com.pulse.olap.labels.Language;
import com.pulse.olap.query.Cube;
import com.pulse.olap.query.CubeCatalogue;
import com.pulse.olap.query.Labels;
import com.pulse.olap.query.PivotMatrix;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * A {@link PivotMatrix} laid out as the grid both export formats write (DESIGN.md "Export"):
 * <ul>
 *   <li>rows {@code 0 … C-1}: one per column dimension, its members over the columns they head (merged), a
 *   parent's subtotal column and the grand total column labelled "Subtotal"/"Total" down to the measure row;</li>
 *   <li>row {@code C}: the measure row, each column key's measures (always there, so the single measure of a pivot
 *   is named too), with the row dimensions' titles over the row header columns;</li>
 *   <li>then one row per line of the matrix, in its order: its members' labels in the row header columns (a member merged
 *   down over the lines under it), "Subtotal"/"Total" where its path ends, then its values.</li>
 * </ul>
 * There are {@code max(rows, 1)} row header columns: a pivot without row dimensions still says which row is the
 * total. The column dimensions' titles stand in the last row header column of their rows.
 *
 * <p>Body rows are made on demand from the matrix, so the grid never holds more than the matrix does.
 */
final class PivotSheet {

    /** One cell: text ({@code String}), a number, or {@code null}; {@code covered} when a merged cell spans it. */
    record Cell(Object value, boolean covered) {

        static final Cell EMPTY = new Cell(null, false);
        static final Cell COVERED = new Cell(null, true);
    }

    enum Kind { HEADER, MEMBER, SUBTOTAL, TOTAL }

    record Row(Kind kind, List<Cell> cells) {
    }

    /** A merged block, inclusive bounds, in grid coordinates. */
    record Region(int firstRow, int lastRow, int firstColumn, int lastColumn) {
    }

    private final PivotMatrix matrix;
    private final Language language;
    private final Cube cube;
    private final int headerColumns;
    private final List<Row> header = new ArrayList<>();
    private final List<Region> regions = new ArrayList<>();

    PivotSheet(PivotMatrix matrix, Language language) {
        this.matrix = matrix;
        this.language = language;
        this.cube = CubeCatalogue.cube(matrix.cube()).orElseThrow();
        this.headerColumns = Math.max(matrix.rows().size(), 1);
        for (int i = 0; i < matrix.columns().size(); i++) {
            header.add(dimensionRow(i));
        }
        header.add(measureRow());
        rowHeaderRegions();
    }

    String cube() {
        return cube.name();
    }

    String title() {
        return language.of(cube.labels());
    }

    int headerRows() {
        return header.size();
    }

    int headerColumns() {
        return headerColumns;
    }

    int width() {
        return headerColumns + matrix.columnKeys().size() * matrix.measures().size();
    }

    List<Row> header() {
        return Collections.unmodifiableList(header);
    }

    int bodyRows() {
        return matrix.cells().size();
    }

    List<Region> regions() {
        return Collections.unmodifiableList(regions);
    }

    /** Line {@code i} of the matrix as a grid row. */
    Row body(int i) {
        PivotMatrix.Line line = matrix.cells().get(i);
        List<String> path = line.path();
        List<Cell> cells = new ArrayList<>(width());
        for (int j = 0; j < headerColumns; j++) {
            if (j < path.size()) {
                boolean continues = i > 0 && samePrefix(matrix.cells().get(i - 1).path(), path, j + 1);
                cells.add(new Cell(matrix.label(matrix.rows().get(j), path.get(j)), continues));
            } else if (j == path.size()) {
                // a top-N "(other)" line above the last level totals nothing: no Subtotal label beside it
                cells.add(PivotMatrix.OTHER.equals(line.kind()) ? Cell.EMPTY : new Cell(totalLabel(path.size()), false));
            } else {
                cells.add(Cell.COVERED);
            }
        }
        for (Map<String, Object> values : line.values()) {
            for (String measure : matrix.measures()) {
                cells.add(new Cell(values.get(measure), false));
            }
        }
        return new Row(kind(line.kind()), cells);
    }

    private Row dimensionRow(int i) {
        List<Cell> cells = new ArrayList<>(width());
        for (int j = 0; j < headerColumns; j++) {
            cells.add(j == headerColumns - 1 ? new Cell(label(matrix.columns().get(i)), false) : Cell.EMPTY);
        }
        List<PivotMatrix.Key> keys = matrix.columnKeys();
        int measures = matrix.measures().size();
        int lastDimensionRow = matrix.columns().size() - 1;
        int runStart = -1;
        for (int k = 0; k < keys.size(); k++) {
            List<String> path = keys.get(k).path();
            if (path.size() > i) {
                boolean continues = k > 0 && samePrefix(keys.get(k - 1).path(), path, i + 1);
                if (!continues) {
                    closeRun(i, runStart, k, measures);
                    runStart = k;
                }
                for (int m = 0; m < measures; m++) {
                    cells.add(new Cell(matrix.label(matrix.columns().get(i), path.get(i)), continues || m > 0));
                }
                continue;
            }
            closeRun(i, runStart, k, measures);
            runStart = -1;
            if (path.size() == i) {
                // a subtotal or the grand total: its label heads its columns down to the measure row
                for (int m = 0; m < measures; m++) {
                    cells.add(m == 0 ? new Cell(totalLabel(i), false) : Cell.COVERED);
                }
                merge(i, lastDimensionRow, column(k, 0), column(k, measures - 1));
            } else {
                for (int m = 0; m < measures; m++) {
                    cells.add(Cell.COVERED);
                }
            }
        }
        closeRun(i, runStart, keys.size(), measures);
        return new Row(Kind.HEADER, cells);
    }

    // a member heads the consecutive column keys [start, end) under it
    private void closeRun(int row, int start, int end, int measures) {
        if (start >= 0) {
            merge(row, row, column(start, 0), column(end - 1, measures - 1));
        }
    }

    private Row measureRow() {
        List<Cell> cells = new ArrayList<>(width());
        for (int j = 0; j < headerColumns; j++) {
            cells.add(j < matrix.rows().size() ? new Cell(label(matrix.rows().get(j)), false) : Cell.EMPTY);
        }
        List<String> labels = matrix.measures().stream()
                .map(m -> language.of(cube.measure(m).orElseThrow().labels())).toList();
        for (int k = 0; k < matrix.columnKeys().size(); k++) {
            labels.forEach(l -> cells.add(new Cell(l, false)));
        }
        return new Row(Kind.HEADER, cells);
    }

    // members merged down over the lines under them; subtotal and total labels across the columns after them
    private void rowHeaderRegions() {
        List<PivotMatrix.Line> lines = matrix.cells();
        int top = header.size();
        for (int j = 0; j < matrix.rows().size(); j++) {
            int start = -1;
            for (int i = 0; i <= lines.size(); i++) {
                boolean continues = i > 0 && i < lines.size() && samePrefix(lines.get(i - 1).path(), lines.get(i).path(), j + 1);
                if (continues) {
                    continue;
                }
                if (start >= 0) {
                    merge(top + start, top + i - 1, j, j);
                }
                start = i < lines.size() && lines.get(i).path().size() > j ? i : -1;
            }
        }
        for (int i = 0; i < lines.size(); i++) {
            int end = lines.get(i).path().size();
            // a top-N "(other)" line leaves the cells after its member empty: nothing to span
            if (end < headerColumns && !PivotMatrix.OTHER.equals(lines.get(i).kind())) {
                merge(top + i, top + i, end, headerColumns - 1);
            }
        }
    }

    private void merge(int firstRow, int lastRow, int firstColumn, int lastColumn) {
        if (firstRow != lastRow || firstColumn != lastColumn) {
            regions.add(new Region(firstRow, lastRow, firstColumn, lastColumn));
        }
    }

    private int column(int key, int measure) {
        return headerColumns + key * matrix.measures().size() + measure;
    }

    private String label(String dimension) {
        return language.of(cube.dimension(dimension).map(d -> d.labels()).orElse(new Labels(dimension, dimension)));
    }

    private String totalLabel(int depth) {
        return depth == 0 ? language.total : language.subtotal;
    }

    private static Kind kind(String kind) {
        return switch (kind) {
            case PivotMatrix.SUBTOTAL -> Kind.SUBTOTAL;
            case PivotMatrix.TOTAL -> Kind.TOTAL;
            default -> Kind.MEMBER;
        };
    }

    private static boolean samePrefix(List<String> a, List<String> b, int n) {
        return a.size() >= n && b.size() >= n && a.subList(0, n).equals(b.subList(0, n));
    }
}

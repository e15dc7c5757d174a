package com.pulse.olap.export;

import com.pulse.olap.labels.Language;
import com.pulse.olap.query.PivotMatrix;
import com.pulse.olap.query.PivotMatrix.Key;
import com.pulse.olap.query.PivotMatrix.Line;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Not a test: time and heap of writing a synthetic pivot (owner × stage down, 12 months across, count and amount)
 * of about 10,000 to 200,000 cells as XLSX and CSV into a byte counter — the figures in DESIGN.md "Export".
 * "Peak above baseline" is the highest heap in use while writing (all pools' peaks, reset after a GC) minus the heap
 * in use before, which already holds the matrix. Run with a small heap to see it stays flat, e.g.
 * {@code java -Xmx256m -XX:+UseSerialGC -cp <test classpath> com.pulse.olap.export.ExportMeasurement}.
 */
public final class ExportMeasurement {

    private static final List<String> STAGES = List.of("PROSPECTING", "QUALIFICATION", "NEEDS_ANALYSIS", "PROPOSAL",
            "NEGOTIATION", "CLOSED_WON", "CLOSED_LOST", "(none)");
    private static final int MONTHS = 12;

    private ExportMeasurement() {
    }

    public static void main(String[] args) throws IOException {
        measure(10_000, true); // warm-up (POI's first workbook loads its XML schema classes), not reported
        measure(10_000, false);
        System.out.println("format cells   rows    time_ms bytes      matrix_heap_mb peak_above_baseline_mb");
        for (int cells : new int[] {10_000, 50_000, 100_000, 200_000}) {
            for (String format : List.of("xlsx", "csv")) {
                measure(cells, format.equals("xlsx"), format);
            }
        }
    }

    private static void measure(int cells, boolean xlsx) throws IOException {
        measure(cells, xlsx, null);
    }

    private static void measure(int target, boolean xlsx, String report) throws IOException {
        long before = usedAfterGc();
        PivotMatrix matrix = matrix(target);
        long withMatrix = usedAfterGc();
        PivotSheet sheet = new PivotSheet(matrix, Language.EN);
        long baseline = usedAfterGc();
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
        Counter out = new Counter();
        long t0 = System.nanoTime();
        if (xlsx) {
            XlsxExport.write(sheet, out);
        } else {
            CsvExport.write(sheet, out);
        }
        long millis = (System.nanoTime() - t0) / 1_000_000;
        long peak = ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                .mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        long cells = (long) matrix.cells().size() * matrix.columnKeys().size() * matrix.measures().size();
        if (report != null) {
            System.out.printf("%-6s %-8d %-7d %-7d %-10d %-14.1f %.1f%n", report, cells, matrix.cells().size() + 2, millis,
                    out.count, (withMatrix - before) / 1048576.0, (peak - baseline) / 1048576.0);
        }
    }

    /** Owners × the stages, each owner's subtotal, the total; 12 months and the total; two measures. */
    static PivotMatrix matrix(int targetCells) {
        int perRowKey = (MONTHS + 1) * 2;
        int owners = Math.max(1, (targetCells / perRowKey - 1) / (STAGES.size() + 1));
        List<Key> columns = new ArrayList<>();
        for (int m = 1; m <= MONTHS; m++) {
            columns.add(new Key(List.of(String.format("2026-%02d", m)), 1, PivotMatrix.MEMBER));
        }
        columns.add(new Key(List.of(), 0, PivotMatrix.TOTAL));
        List<Line> lines = new ArrayList<>();
        for (int o = 0; o < owners; o++) {
            String owner = String.format("0a000000-0000-4000-8000-%012d", o);
            for (String stage : STAGES) {
                lines.add(line(List.of(owner, stage), PivotMatrix.MEMBER, o));
            }
            lines.add(line(List.of(owner), PivotMatrix.SUBTOTAL, o));
        }
        lines.add(line(List.of(), PivotMatrix.TOTAL, owners));
        return new PivotMatrix("opportunities", List.of("owner", "stage"), List.of("createdMonth"), List.of("count", "amountBase"),
                List.of(), List.of(), columns, lines, Map.of(), List.of());
    }

    private static Line line(List<String> path, String kind, int seed) {
        List<Map<String, Object>> values = new ArrayList<>(MONTHS + 1);
        for (int m = 0; m <= MONTHS; m++) {
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("count", (long) (seed * 7 + m) % 50);
            v.put("amountBase", BigDecimal.valueOf((seed * 7919L + m * 104_729L) % 10_000_000, 2));
            values.add(v);
        }
        return new Line(path, path.size(), kind, values);
    }

    private static long usedAfterGc() {
        System.gc();
        System.gc();
        return used();
    }

    private static long used() {
        Runtime r = Runtime.getRuntime();
        return r.totalMemory() - r.freeMemory();
    }

    private static final class Counter extends OutputStream {
        long count;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            count += len;
        }
    }
}

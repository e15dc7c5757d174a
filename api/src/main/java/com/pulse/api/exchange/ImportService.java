package com.pulse.api.exchange;

import com.pulse.api.security.Caller;
import com.pulse.api.system.FieldProblem;
import com.pulse.api.system.InvalidRequestException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Imports a parsed file row by row through the entity's own validation and create path, so every
 * imported record has its history and outbox event. First every row is parsed and validated (no
 * database); then the good rows are written — in all-or-nothing mode only when no row failed, and
 * then in ONE transaction that rolls back entirely if any write fails (e.g. an unknown reference).
 */
@Service
class ImportService {

    static final int MAX_REPORTED = 1000;

    private final TransactionalOperator tx;

    ImportService(TransactionalOperator tx) {
        this.tx = tx;
    }

    /** The outcome, and whether anything was rejected in all-or-nothing mode (nothing written then). */
    record Outcome(ImportReport report, boolean rejected) {
    }

    private record Pending(int row, EntityExchange.Prepared prepared) {
    }

    /** A write that failed validation inside the transaction; carries the row to report. */
    private static final class RowFailed extends RuntimeException {
        final int row;
        final List<FieldProblem> errors;

        RowFailed(int row, List<FieldProblem> errors) {
            super(null, null, false, false);
            this.row = row;
            this.errors = errors;
        }
    }

    Mono<Outcome> run(EntityExchange entity, Sheet sheet, ImportMode mode, Caller caller) {
        String[] columns = columns(entity, sheet.header());
        List<ImportReport.RowProblem> problems = new ArrayList<>();
        List<Pending> pending = new ArrayList<>();
        int total = 0;
        int failed = 0;
        for (Sheet.Row row : sheet.rows()) {
            if (row.blank()) {
                continue;
            }
            total++;
            List<FieldProblem> errors = new ArrayList<>();
            Map<String, String> cells = cells(columns, row, errors);
            EntityExchange.Prepared prepared = errors.isEmpty() ? entity.prepare(cells, caller) : null;
            if (prepared != null) {
                errors.addAll(prepared.errors());
            }
            if (errors.isEmpty()) {
                pending.add(new Pending(row.number(), prepared));
            } else {
                failed++;
                report(problems, row.number(), errors);
            }
        }
        int rows = total;
        int invalid = failed;
        if (mode == ImportMode.ALL_OR_NOTHING) {
            if (invalid > 0) {
                return Mono.just(new Outcome(new ImportReport(rows, 0, invalid, problems), true));
            }
            Mono<Void> all = Flux.fromIterable(pending)
                    .concatMap(p -> p.prepared().write().onErrorMap(InvalidRequestException.class,
                            e -> new RowFailed(p.row(), e.errors())), 1)
                    .then();
            return tx.transactional(all)
                    .thenReturn(new Outcome(new ImportReport(rows, pending.size(), 0, List.of()), false))
                    .onErrorResume(RowFailed.class, e -> {
                        report(problems, e.row, e.errors);
                        return Mono.just(new Outcome(new ImportReport(rows, 0, 1, problems), true));
                    });
        }
        // valid-rows: each row in its own transaction (the service's), failures reported and skipped.
        return Flux.fromIterable(pending)
                .concatMap(p -> p.prepared().write().thenReturn(List.<FieldProblem>of())
                        .onErrorResume(InvalidRequestException.class, e -> Mono.just(e.errors()))
                        .map(errors -> {
                            if (!errors.isEmpty()) {
                                report(problems, p.row(), errors);
                            }
                            return errors.isEmpty();
                        }), 1)
                .filter(ok -> ok).count()
                .map(created -> new Outcome(new ImportReport(rows, created.intValue(), rows - created.intValue(),
                        problems), false));
    }

    private static void report(List<ImportReport.RowProblem> problems, int row, List<FieldProblem> errors) {
        for (FieldProblem e : errors) {
            if (problems.size() < MAX_REPORTED) {
                problems.add(new ImportReport.RowProblem(row, e.field(), e.reason()));
            }
        }
    }

    /**
     * The canonical column of each header cell (null: an export-only column, ignored). Names match
     * the JSON fields case-insensitively; an unknown or repeated name rejects the file.
     */
    static String[] columns(EntityExchange entity, List<String> header) {
        Map<String, String> known = new HashMap<>();
        for (String c : entity.columns()) {
            known.put(c.toLowerCase(Locale.ROOT), c);
        }
        for (String c : entity.writableColumns()) {
            known.put(c.toLowerCase(Locale.ROOT), c);
        }
        int width = header.size();
        while (width > 0 && header.get(width - 1).isBlank()) {
            width--;
        }
        if (width == 0) {
            throw FileRejected.badFile("the header row is empty; valid columns: " + validColumns(entity));
        }
        String[] columns = new String[width];
        Map<String, Integer> seen = new LinkedHashMap<>();
        List<String> unknown = new ArrayList<>();
        for (int i = 0; i < width; i++) {
            String name = header.get(i).strip();
            String canonical = known.get(name.toLowerCase(Locale.ROOT));
            if (canonical == null) {
                unknown.add(name.isEmpty() ? "(column " + (i + 1) + " has no name)"
                        : '"' + (name.length() > 50 ? name.substring(0, 50) + "…" : name) + '"');
                continue;
            }
            if (seen.putIfAbsent(canonical, i) != null) {
                throw FileRejected.badFile("column " + canonical + " appears twice in the header");
            }
            columns[i] = entity.writableColumns().contains(canonical) ? canonical : null;
        }
        if (!unknown.isEmpty()) {
            throw FileRejected.badFile("unknown columns " + String.join(", ", unknown.subList(0, Math.min(10, unknown.size())))
                    + "; valid columns: " + validColumns(entity));
        }
        return columns;
    }

    private static String validColumns(EntityExchange entity) {
        List<String> all = new ArrayList<>(entity.columns());
        entity.writableColumns().stream().filter(c -> !all.contains(c)).forEach(all::add);
        return String.join(", ", all) + " (" + String.join(", ", entity.writableColumns())
                + " are imported; the others, as an export writes them, are ignored)";
    }

    private static Map<String, String> cells(String[] columns, Sheet.Row row, List<FieldProblem> errors) {
        Map<String, String> cells = new HashMap<>();
        List<String> values = row.cells();
        for (int i = 0; i < values.size(); i++) {
            String value = values.get(i);
            if (value == null || value.isBlank()) {
                continue;
            }
            if (i >= columns.length) {
                errors.add(new FieldProblem("column " + (i + 1), "has a value but no header"));
                continue;
            }
            String column = columns[i];
            if (column == null) {
                continue;
            }
            if (value.equals(XlsxReader.FORMULA_MARK) || Formulas.formula(value)) {
                errors.add(new FieldProblem(column, "is a spreadsheet formula; prefix it with ' to import it as text"));
                continue;
            }
            cells.put(column, Formulas.restore(value));
        }
        return cells;
    }
}

package com.pulse.api.exchange;

import com.pulse.api.security.Caller;
import com.pulse.api.system.FieldProblem;
import java.util.List;
import java.util.Map;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** What import and export need to know about one entity. */
public interface EntityExchange {

    /** The path segment, e.g. {@code accounts}. */
    String entity();

    /** The columns of an export, in order: the JSON field names of the entity's snapshot. */
    List<String> columns();

    /** The columns an import may set (the create body's fields); the other export columns are accepted and ignored. */
    List<String> writableColumns();

    /**
     * Parses one row (column → cell text, blank cells absent) into a create request and validates
     * it as a POST would; the returned write creates it (in its own transaction, or joining the caller's).
     */
    Prepared prepare(Map<String, String> cells, Caller caller);

    /** Every live record matching the list endpoint's filters that the caller may see, as cell texts in {@link #columns()} order. */
    Flux<List<String>> export(Map<String, String> filters, Caller caller);

    /** The outcome of {@link #prepare}: either problems or a write to run. */
    record Prepared(List<FieldProblem> errors, Mono<?> write) {

        public static Prepared invalid(List<FieldProblem> errors) {
            return new Prepared(List.copyOf(errors), Mono.empty());
        }

        public static Prepared ok(Mono<?> write) {
            return new Prepared(List.of(), write);
        }
    }
}

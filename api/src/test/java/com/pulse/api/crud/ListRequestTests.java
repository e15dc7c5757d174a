package com.pulse.api.crud;

import static org.assertj.core.api.Assertions.assertThat;

import com.pulse.api.system.FieldProblem;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ListRequestTests {

    @Test
    void defaultsToNewestFirstFiftyPerPage() {
        List<FieldProblem> errors = new ArrayList<>();

        ListRequest request = ListRequest.parse(null, null, null, null, errors);

        assertThat(errors).isEmpty();
        assertThat(request).isEqualTo(new ListRequest(SortKey.CREATED_AT, false, 50, null));
        StringBuilder sql = new StringBuilder();
        request.appendTo(sql);
        assertThat(sql).hasToString(" ORDER BY created_at DESC, id DESC LIMIT :limit");
    }

    @Test
    void aCursorRoundTripsAndContinuesOnlyItsOwnOrder() {
        UUID id = UUID.randomUUID();
        List<FieldProblem> errors = new ArrayList<>();
        ListRequest byName = ListRequest.parse("name", "desc", "10", null, errors);
        String cursor = PageCursor.after(byName, id, "上海 'Precision' %_:", Instant.EPOCH).encode();

        ListRequest next = ListRequest.parse("name", "desc", "10", cursor, errors);

        assertThat(errors).isEmpty();
        assertThat(next.after()).isEqualTo(new PageCursor(SortKey.NAME, false, id, "上海 'Precision' %_:", null));
        StringBuilder sql = new StringBuilder();
        next.appendTo(sql);
        assertThat(sql).hasToString(" AND (name, id) < (:afterKey, :afterId) ORDER BY name DESC, id DESC LIMIT :limit");

        ListRequest.parse("name", "asc", null, cursor, errors);
        ListRequest.parse("createdAt", "desc", null, cursor, errors);
        assertThat(errors).extracting(FieldProblem::field).containsExactly("cursor", "cursor");
    }

    @Test
    void aCreatedAtCursorKeepsMicroseconds() {
        Instant at = Instant.parse("2026-11-27T10:15:30.123456Z");
        UUID id = UUID.randomUUID();
        ListRequest oldestFirst = new ListRequest(SortKey.CREATED_AT, true, 5, null);

        PageCursor decoded = PageCursor.decode(PageCursor.after(oldestFirst, id, "ignored", at).encode()).orElseThrow();

        assertThat(decoded).isEqualTo(new PageCursor(SortKey.CREATED_AT, true, id, null, at));
    }

    @ParameterizedTest
    @CsvSource(nullValues = "-", textBlock = """
            rank, -,    -,   sort
            -,    up,   -,   order
            -,    -,    0,   limit
            -,    -,    201, limit
            -,    -,    1e2, limit
            -,    -,    '',  limit
            """)
    void badParametersAreNamed(String sort, String order, String limit, String field) {
        List<FieldProblem> errors = new ArrayList<>();

        ListRequest.parse(sort, order, limit, null, errors);

        assertThat(errors).extracting(FieldProblem::field).containsExactly(field);
    }

    @ParameterizedTest
    @CsvSource(textBlock = """
            x
            %%%
            bmFtZQ
            YWE5OTk5OTk5OS05OTk5LTk5OTktOTk5OS05OTk5OTk5OTk5OTl4
            """)
    void garbageIsNoCursor(String text) {
        assertThat(PageCursor.decode(text)).isEmpty();
        assertThat(PageCursor.decode("A".repeat(3000))).isEmpty();
    }
}

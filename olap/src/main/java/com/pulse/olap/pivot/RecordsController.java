package com.pulse.olap.pivot;

import com.pulse.olap.query.RecordsPage;
import com.pulse.olap.query.RecordsQuery;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Drill-through: the facts behind one cell of a pivot, a page at a time (DESIGN.md "Drill-through"). */
@RestController
class RecordsController {

    private final RecordsReader reader;

    RecordsController(RecordsReader reader) {
        this.reader = reader;
    }

    // A missing or unreadable body is Spring's 400 problem+json; names and values are checked by RecordsQuery.
    @PostMapping(path = "/olap/v1/records", consumes = MediaType.APPLICATION_JSON_VALUE)
    RecordsPage records(@RequestBody RecordsQuery query) {
        return reader.records(query);
    }
}

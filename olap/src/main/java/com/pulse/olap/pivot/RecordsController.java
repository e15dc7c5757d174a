package com.pulse.olap.pivot;

import com.pulse.olap.labels.Language;
import com.pulse.olap.labels.PivotLabeller;
import com.pulse.olap.query.RecordsPage;
import com.pulse.olap.query.RecordsQuery;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Drill-through: the facts behind one cell of a pivot, a page at a time (DESIGN.md "Drill-through"). */
@RestController
class RecordsController {

    private final RecordsReader reader;
    private final PivotLabeller labeller;

    RecordsController(RecordsReader reader, PivotLabeller labeller) {
        this.reader = reader;
        this.labeller = labeller;
    }

    // A missing or unreadable body is Spring's 400 problem+json; names and values are checked by RecordsQuery.
    // Owners, teams and codes are labelled as the pivot's members are: ?lang= or Accept-Language, the caller's token.
    @PostMapping(path = "/olap/v1/records", consumes = MediaType.APPLICATION_JSON_VALUE)
    RecordsPage records(@RequestBody RecordsQuery query, @RequestParam(required = false) String lang,
                        @RequestHeader(name = HttpHeaders.ACCEPT_LANGUAGE, required = false) String acceptLanguage,
                        @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
        Language language = Language.choose(lang, acceptLanguage);
        return labeller.label(reader.records(query), language, authorization);
    }
}

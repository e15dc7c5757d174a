package com.pulse.olap.export;

import com.pulse.olap.labels.Language;
import com.pulse.olap.labels.PivotLabeller;
import com.pulse.olap.pivot.PivotReader;
import com.pulse.olap.query.PivotMatrix;
import com.pulse.olap.query.PivotQuery;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * {@code POST /olap/v1/pivot.xlsx} and {@code .csv}: the matrix {@code POST /olap/v1/pivot} answers for the same
 * body, as a file (DESIGN.md "Export"). The pivot is read, checked and assembled — validation, data scope, cell cap,
 * time limit — before the response starts, so a refusal is the same problem+json as the JSON pivot's and no file
 * byte is sent; only then is the file written straight into the response.
 */
@RestController
class ExportController {

    static final MediaType XLSX = MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    static final MediaType CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);

    private final PivotReader reader;
    private final PivotLabeller labeller;
    private final ZoneId companyZone;
    private final Clock clock = Clock.systemUTC();

    ExportController(PivotReader reader, PivotLabeller labeller, @Value("${pulse.company.time-zone:Asia/Shanghai}") String companyZone) {
        this.reader = reader;
        this.labeller = labeller;
        this.companyZone = ZoneId.of(companyZone);
    }

    @PostMapping(path = "/olap/v1/pivot.xlsx", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<StreamingResponseBody> xlsx(@RequestBody PivotQuery query, @RequestParam(required = false) String lang,
                                               @RequestHeader(name = HttpHeaders.ACCEPT_LANGUAGE, required = false) String acceptLanguage,
                                               @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
        PivotSheet sheet = sheet(query, lang, acceptLanguage, authorization);
        XlsxExport.checkFits(sheet);
        return file(sheet, "xlsx", XLSX, out -> XlsxExport.write(sheet, out));
    }

    @PostMapping(path = "/olap/v1/pivot.csv", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<StreamingResponseBody> csv(@RequestBody PivotQuery query, @RequestParam(required = false) String lang,
                                              @RequestHeader(name = HttpHeaders.ACCEPT_LANGUAGE, required = false) String acceptLanguage,
                                              @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
        PivotSheet sheet = sheet(query, lang, acceptLanguage, authorization);
        return file(sheet, "csv", CSV, out -> CsvExport.write(sheet, out));
    }

    // members are labelled before the response starts, like every other check: the file is written from the labels
    private PivotSheet sheet(PivotQuery query, String lang, String acceptLanguage, String authorization) {
        Language language = Language.choose(lang, acceptLanguage);
        PivotMatrix matrix = labeller.label(reader.pivot(query), language, authorization);
        return new PivotSheet(matrix, language);
    }

    private ResponseEntity<StreamingResponseBody> file(PivotSheet sheet, String extension, MediaType type, StreamingResponseBody body) {
        // the cube's name is a catalogue constant: a safe file name as it is
        String name = sheet.cube() + "-" + LocalDate.now(clock.withZone(companyZone)) + "." + extension;
        return ResponseEntity.ok()
                .contentType(type)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(name).build().toString())
                .body(body);
    }
}

package com.pulse.api.exchange;

import com.pulse.api.security.Caller;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.multipart.Part;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * {@code POST /api/v1/{accounts|contacts}/import} (multipart part {@code file}: CSV with a header row,
 * or XLSX whose first sheet has one) and {@code GET /api/v1/{accounts|contacts}/export?format=csv|xlsx}
 * with the list endpoint's filters. Kept apart from the entity controllers; the entity-specific part
 * is each entity's {@link EntityExchange}.
 */
@RestController
class ExchangeController {

    static final MediaType XLSX = MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    static final MediaType CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);
    static final MediaType PROBLEM = MediaType.APPLICATION_PROBLEM_JSON;
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private final Map<String, EntityExchange> entities;
    private final ImportService imports;
    private final DataBufferFactory buffers = DefaultDataBufferFactory.sharedInstance;

    ExchangeController(List<EntityExchange> entities, ImportService imports) {
        this.entities = entities.stream().collect(Collectors.toMap(EntityExchange::entity, Function.identity()));
        this.imports = imports;
    }

    @PostMapping(path = "/api/v1/accounts/import", consumes = MediaType.MULTIPART_FORM_DATA_VALUE,
            produces = {MediaType.APPLICATION_JSON_VALUE, MediaType.APPLICATION_PROBLEM_JSON_VALUE})
    Mono<ResponseEntity<Object>> importAccounts(@RequestPart("file") Mono<Part> file, @RequestParam(required = false) String mode,
                                                @RequestHeader(name = HttpHeaders.CONTENT_LENGTH, required = false) Long length,
                                                Caller caller) {
        return importFile("accounts", file, mode, length, caller);
    }

    @PostMapping(path = "/api/v1/contacts/import", consumes = MediaType.MULTIPART_FORM_DATA_VALUE,
            produces = {MediaType.APPLICATION_JSON_VALUE, MediaType.APPLICATION_PROBLEM_JSON_VALUE})
    Mono<ResponseEntity<Object>> importContacts(@RequestPart("file") Mono<Part> file, @RequestParam(required = false) String mode,
                                                @RequestHeader(name = HttpHeaders.CONTENT_LENGTH, required = false) Long length,
                                                Caller caller) {
        return importFile("contacts", file, mode, length, caller);
    }

    @GetMapping(path = "/api/v1/accounts/export", produces = {"text/csv", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"})
    ResponseEntity<Flux<DataBuffer>> exportAccounts(@RequestParam Map<String, String> query, Caller caller) {
        return export("accounts", query, caller);
    }

    @GetMapping(path = "/api/v1/contacts/export", produces = {"text/csv", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"})
    ResponseEntity<Flux<DataBuffer>> exportContacts(@RequestParam Map<String, String> query, Caller caller) {
        return export("contacts", query, caller);
    }

    private Mono<ResponseEntity<Object>> importFile(String entity, Mono<Part> file, String modeParam, Long length, Caller caller) {
        ImportMode mode = ImportMode.parse(modeParam);
        String path = "/api/v1/" + entity + "/import";
        // Multipart framing adds a few hundred bytes to the file itself.
        if (length != null && length > Limits.MAX_FILE_BYTES + 64 * 1024) {
            return Mono.just(rejected(FileRejected.tooLarge(tooLarge()), path));
        }
        return file
                .flatMap(part -> DataBufferUtils.join(part.content(), Limits.MAX_FILE_BYTES + 1))
                .switchIfEmpty(Mono.error(() -> FileRejected.badFile("the part 'file' is empty")))
                .map(buffer -> {
                    try {
                        if (buffer.readableByteCount() > Limits.MAX_FILE_BYTES) {
                            throw FileRejected.tooLarge(tooLarge());
                        }
                        byte[] bytes = new byte[buffer.readableByteCount()];
                        buffer.read(bytes);
                        return bytes;
                    } finally {
                        DataBufferUtils.release(buffer);
                    }
                })
                .onErrorMap(org.springframework.core.io.buffer.DataBufferLimitException.class,
                        e -> FileRejected.tooLarge(tooLarge()))
                .publishOn(Schedulers.boundedElastic())
                .map(ExchangeController::parse)
                .flatMap(sheet -> imports.run(entities.get(entity), sheet, mode, caller))
                .map(outcome -> outcome.rejected() ? rejectedImport(outcome.report(), path)
                        : ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body((Object) outcome.report()))
                .onErrorResume(FileRejected.class, e -> Mono.just(rejected(e, path)));
    }

    private static String tooLarge() {
        return "the file is larger than " + (Limits.MAX_FILE_BYTES / (1024 * 1024)) + " MB";
    }

    /** XLSX is a zip archive (starts with PK\3\4); anything else is read as CSV. */
    static Sheet parse(byte[] bytes) {
        if (bytes.length == 0) {
            throw FileRejected.badFile("the file is empty: a header row naming the columns is required");
        }
        boolean zip = bytes.length >= 4 && bytes[0] == 'P' && bytes[1] == 'K' && bytes[2] == 3 && bytes[3] == 4;
        return zip ? XlsxReader.read(bytes) : CsvReader.read(bytes);
    }

    private static ResponseEntity<Object> rejectedImport(ImportReport report, String path) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "urn:pulse:problem:import-rejected");
        body.put("title", "Import rejected");
        body.put("status", 422);
        body.put("detail", "Nothing was imported: " + report.failed() + " of " + report.total()
                + " rows failed (all-or-nothing). Fix them or import with mode=valid-rows.");
        body.put("instance", path);
        body.put("total", report.total());
        body.put("created", report.created());
        body.put("failed", report.failed());
        body.put("errors", report.errors());
        return ResponseEntity.status(HttpStatus.UNPROCESSABLE_CONTENT).contentType(PROBLEM).body(body);
    }

    private static ResponseEntity<Object> rejected(FileRejected e, String path) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "urn:pulse:problem:" + e.slug());
        body.put("title", e.status() == 413 ? "Payload too large" : "Bad import file");
        body.put("status", e.status());
        body.put("detail", e.getMessage());
        body.put("instance", path);
        body.put("errors", List.of(Map.of("field", "file", "reason", e.getMessage())));
        return ResponseEntity.status(e.status()).contentType(PROBLEM).body(body);
    }

    private ResponseEntity<Flux<DataBuffer>> export(String entity, Map<String, String> query, Caller caller) {
        String format = query.getOrDefault("format", "csv");
        if (!format.equals("csv") && !format.equals("xlsx")) {
            throw new com.pulse.api.system.InvalidRequestException("format", "must be csv or xlsx");
        }
        EntityExchange exchange = entities.get(entity);
        Flux<List<String>> rows = exchange.export(query, caller);
        String filename = entity + "-" + STAMP.format(Instant.now()) + "." + format;
        HttpHeaders headers = new HttpHeaders();
        headers.setContentDisposition(ContentDisposition.attachment().filename(filename).build());
        if (format.equals("csv")) {
            headers.setContentType(CSV);
            Flux<DataBuffer> body = Flux.concat(
                    Mono.fromSupplier(() -> utf8(CsvWriter.BOM + CsvWriter.line(exchange.columns()))),
                    rows.map(row -> utf8(CsvWriter.line(row))));
            return ResponseEntity.ok().headers(headers).body(body);
        }
        headers.setContentType(XLSX);
        return ResponseEntity.ok().headers(headers).body(XlsxWriter.write(exchange.columns(), rows, buffers));
    }

    private DataBuffer utf8(String text) {
        return buffers.wrap(text.getBytes(StandardCharsets.UTF_8));
    }
}

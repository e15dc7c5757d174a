package com.pulse.api.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import com.pulse.api.security.Tokens;
import com.pulse.devstack.Devstack;
import com.pulse.devstack.TestNamespace;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * CSV/XLSX import and export of accounts and contacts on devstack Postgres: round trips,
 * all-or-nothing and valid-rows imports (rows, history, outbox), and hostile files.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class ExchangeIntegrationTests {

    static final TestNamespace NS = Devstack.get().newNamespace(ExchangeIntegrationTests.class);

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        NS.springProperties().forEach((k, v) -> registry.add(k, () -> v));
    }

    WebTestClient http;

    @Autowired
    Tokens tokens;

    /** Every request carries an administrator's token (ADMIN may read and change everything). */
    @Autowired
    void signIn(WebTestClient client, Tokens tokens) {
        http = tokens.admin(client);
    }

    @Autowired
    DatabaseClient db;

    @Autowired
    ObjectMapper json;

    @BeforeEach
    void slowMachine() {
        http = http.mutate().responseTimeout(Duration.ofSeconds(120))
                .codecs(c -> c.defaultCodecs().maxInMemorySize(64 * 1024 * 1024)).build();
    }

    // ---- helpers

    private WebTestClient.ResponseSpec upload(String entity, byte[] file, String filename, String mode) {
        MultipartBodyBuilder parts = new MultipartBodyBuilder();
        parts.part("file", new ByteArrayResource(file) {
            @Override
            public String getFilename() {
                return filename;
            }
        });
        String uri = "/api/v1/" + entity + "/import" + (mode == null ? "" : "?mode=" + mode);
        return http.post().uri(uri).contentType(MediaType.MULTIPART_FORM_DATA)
                .body(BodyInserters.fromMultipartData(parts.build())).exchange();
    }

    private JsonNode body(WebTestClient.ResponseSpec spec, int status) {
        EntityExchangeResult<byte[]> result = spec.expectStatus().isEqualTo(status).expectBody().returnResult();
        return json.readTree(result.getResponseBody());
    }

    private byte[] export(String entity, String query) {
        return http.get().uri("/api/v1/" + entity + "/export?" + query).exchange()
                .expectStatus().isOk().expectBody().returnResult().getResponseBody();
    }

    private UUID post(String entity, String body) {
        byte[] answer = http.post().uri("/api/v1/" + entity).contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                .exchange().expectStatus().isCreated().expectBody().returnResult().getResponseBody();
        return UUID.fromString(json.readTree(answer).path("id").asString());
    }

    private long count(String sql) {
        return db.sql(sql).map(r -> ((Number) r.get(0)).longValue()).one().block();
    }

    private static String marker() {
        return "m" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** CSV rows of an export (cells not containing commas or quotes, as in these tests), BOM removed. */
    private static List<List<String>> csvRows(byte[] csv) {
        String text = new String(csv, StandardCharsets.UTF_8);
        assertThat(text).startsWith("\uFEFF");
        List<List<String>> rows = new ArrayList<>();
        for (String line : text.substring(1).split("\r\n")) {
            rows.add(List.of(line.split(",", -1)));
        }
        return rows;
    }

    /** The cells of an export without the columns a store assigns (id, times, version). */
    private static List<List<String>> content(List<List<String>> rows, List<String> dropped) {
        List<String> header = rows.get(0);
        List<List<String>> out = new ArrayList<>();
        for (List<String> row : rows.subList(1, rows.size())) {
            List<String> kept = new ArrayList<>();
            for (int i = 0; i < header.size(); i++) {
                if (!dropped.contains(header.get(i))) {
                    kept.add(row.get(i));
                }
            }
            out.add(kept);
        }
        out.sort((a, b) -> a.toString().compareTo(b.toString()));
        return out;
    }

    private static List<List<String>> xlsxRows(byte[] xlsx) throws Exception {
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            XSSFSheet sheet = wb.getSheetAt(0);
            DataFormatter format = new DataFormatter();
            int width = sheet.getRow(0).getLastCellNum();
            List<List<String>> rows = new ArrayList<>();
            for (Row row : sheet) {
                List<String> cells = new ArrayList<>();
                for (int i = 0; i < width; i++) {
                    Cell cell = row.getCell(i);
                    cells.add(cell == null ? "" : format.formatCellValue(cell));
                }
                rows.add(cells);
            }
            return rows;
        }
    }

    private static byte[] xlsx(List<List<String>> rows) throws Exception {
        try (XSSFWorkbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            XSSFSheet sheet = wb.createSheet("s");
            for (int r = 0; r < rows.size(); r++) {
                Row row = sheet.createRow(r);
                for (int c = 0; c < rows.get(r).size(); c++) {
                    row.createCell(c).setCellValue(rows.get(r).get(c));
                }
            }
            wb.write(out);
            return out.toByteArray();
        }
    }

    // ---- round trips

    @Test
    void csvExportImportsBackIntoAnotherRegionAsTheSameAccounts() {
        String from = marker();
        String to = marker();
        post("accounts", "{\"name\":\"Acme " + from + "\",\"region\":\"" + from + "\",\"tier\":\"A\",\"industry\":\"Steel\"}");
        post("accounts", "{\"name\":\"=HYPERLINK(1) " + from + "\",\"region\":\"" + from + "\",\"type\":\"PARTNER\"}");
        post("accounts", "{\"name\":\"-minus " + from + "\",\"region\":\"" + from + "\",\"status\":\"INACTIVE\",\"tier\":\"D\"}");

        byte[] csv = export("accounts", "format=csv&region=" + from);
        List<List<String>> exported = csvRows(csv);
        assertThat(exported).hasSize(4);
        assertThat(exported.get(0)).contains("id", "name", "region", "tier", "sharedWith", "version");
        assertThat(exported.stream().map(r -> r.get(1))).contains("'=HYPERLINK(1) " + from, "'-minus " + from);

        long outboxBefore = count("SELECT count(*) FROM outbox WHERE aggregate_type = 'account'");
        byte[] again = utf8(new String(csv, StandardCharsets.UTF_8).replace(from, to));
        JsonNode report = body(upload("accounts", again, "accounts.csv", null), 200);
        assertThat(report.path("total").asInt()).isEqualTo(3);
        assertThat(report.path("created").asInt()).isEqualTo(3);
        assertThat(report.path("failed").asInt()).isZero();
        assertThat(count("SELECT count(*) FROM outbox WHERE aggregate_type = 'account'")).isEqualTo(outboxBefore + 3);
        assertThat(count("SELECT count(*) FROM account_history h JOIN accounts a ON a.id = h.account_id WHERE a.region = '"
                + to + "' AND h.field = 'name'")).isEqualTo(3);

        List<String> assigned = List.of("id", "createdAt", "updatedAt", "version");
        List<List<String>> reimported = csvRows(export("accounts", "format=csv&region=" + to));
        assertThat(content(reimported, assigned).toString().replace(to, from))
                .isEqualTo(content(exported, assigned).toString());
        assertThat(count("SELECT count(*) FROM accounts WHERE name = '=HYPERLINK(1) " + to + "'")).isEqualTo(1);
    }

    @Test
    void xlsxExportImportsBackUnderAnotherAccountAsTheSameContacts() throws Exception {
        UUID from = post("accounts", "{\"name\":\"From " + marker() + "\"}");
        UUID to = post("accounts", "{\"name\":\"To " + marker() + "\"}");
        post("contacts", "{\"accountId\":\"" + from + "\",\"name\":\"Li Wei\",\"phone\":\"+8613800138000\",\"email\":\"li@x.cn\",\"birthday\":\"1980-02-29\",\"title\":\"CFO\"}");
        post("contacts", "{\"accountId\":\"" + from + "\",\"name\":\"张伟\"}");

        byte[] xlsx = http.get().uri("/api/v1/contacts/export?format=xlsx&accountId=" + from).exchange()
                .expectStatus().isOk()
                .expectHeader().contentType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
                .expectHeader().value("Content-Disposition", v -> assertThat(v).startsWith("attachment").contains(".xlsx"))
                .expectBody().returnResult().getResponseBody();
        List<List<String>> exported = xlsxRows(xlsx);
        assertThat(exported).hasSize(3);
        assertThat(exported.stream().map(r -> r.get(4))).contains("'+8613800138000");

        List<List<String>> moved = exported.stream().map(r -> r.stream().map(c -> c.replace(from.toString(), to.toString())).toList()).toList();
        JsonNode report = body(upload("contacts", xlsx(moved), "contacts.xlsx", "all-or-nothing"), 200);
        assertThat(report.path("created").asInt()).isEqualTo(2);

        List<String> assigned = List.of("id", "accountId", "createdAt", "updatedAt", "version");
        assertThat(content(xlsxRows(export("contacts", "format=xlsx&accountId=" + to)), assigned))
                .isEqualTo(content(exported, assigned));
        assertThat(count("SELECT count(*) FROM contacts WHERE account_id = '" + to + "' AND phone = '+8613800138000'")).isEqualTo(1);
    }

    @Test
    void csvExportHasBomTypeAndDispositionAndFollowsTheListFilters() {
        String region = marker();
        for (int i = 0; i < 5; i++) {
            post("accounts", "{\"name\":\"F" + i + " " + region + "\",\"region\":\"" + region + "\",\"tier\":\"" + (i < 2 ? "A" : "B") + "\"}");
        }
        http.get().uri("/api/v1/accounts/export?region=" + region + "&tier=A").exchange()
                .expectStatus().isOk()
                .expectHeader().contentType("text/csv;charset=UTF-8")
                .expectHeader().value("Content-Disposition", v -> assertThat(v).contains("attachment").contains(".csv"))
                .expectBody().consumeWith(r -> assertThat(csvRows(r.getResponseBody())).hasSize(3));
        body(http.get().uri("/api/v1/accounts/export?format=pdf").exchange(), 400);
        body(http.get().uri("/api/v1/accounts/export?tier=Q").exchange(), 400);
        body(http.get().uri("/api/v1/contacts/export?accountId=nope").exchange(), 400);
    }

    // ---- modes

    @Test
    void allOrNothingWithOneBadRowWritesNothing() {
        String region = marker();
        long outbox = count("SELECT count(*) FROM outbox");
        String csv = "name,region,tier\r\nGood " + region + "," + region + ",A\r\nBad " + region + "," + region + ",Z\r\n"
                + "Also good " + region + "," + region + ",B\r\n";
        JsonNode problem = body(upload("accounts", utf8(csv), "a.csv", null), 422);
        assertThat(problem.path("type").asString()).isEqualTo("urn:pulse:problem:import-rejected");
        assertThat(problem.path("total").asInt()).isEqualTo(3);
        assertThat(problem.path("created").asInt()).isZero();
        assertThat(problem.path("failed").asInt()).isEqualTo(1);
        assertThat(problem.path("errors").get(0).path("row").asInt()).isEqualTo(3);
        assertThat(problem.path("errors").get(0).path("field").asString()).isEqualTo("tier");

        // A row that only fails inside the transaction (unknown owner) rolls back the rows before it.
        String late = "name,region,ownerId\r\nOne " + region + "," + region + ",\r\nTwo " + region + "," + region + ","
                + UUID.randomUUID() + "\r\n";
        JsonNode rolledBack = body(upload("accounts", utf8(late), "b.csv", "all-or-nothing"), 422);
        assertThat(rolledBack.path("errors").get(0).path("row").asInt()).isEqualTo(3);
        assertThat(rolledBack.path("errors").get(0).path("field").asString()).isEqualTo("ownerId");

        assertThat(count("SELECT count(*) FROM accounts WHERE region = '" + region + "'")).isZero();
        assertThat(count("SELECT count(*) FROM outbox")).isEqualTo(outbox);
    }

    @Test
    void validRowsWritesTheGoodRowsAndReportsTheBadOnes() {
        String region = marker();
        long outbox = count("SELECT count(*) FROM outbox WHERE aggregate_type = 'account'");
        String csv = "NAME,Region,tier,TYPE\n"
                + "One " + region + "," + region + ",A,CUSTOMER\n"
                + "," + region + ",B,\n"
                + "Three " + region + "," + region + ",C,PARTNER\n"
                + "\n"
                + "Five " + region + "," + region + ",X,ALIEN\n";
        JsonNode report = body(upload("accounts", utf8(csv), "v.csv", "valid-rows"), 200);
        assertThat(report.path("total").asInt()).isEqualTo(4);
        assertThat(report.path("created").asInt()).isEqualTo(2);
        assertThat(report.path("failed").asInt()).isEqualTo(2);
        List<String> errors = new ArrayList<>();
        report.path("errors").forEach(e -> errors.add(e.path("row").asInt() + ":" + e.path("field").asString()));
        assertThat(errors).containsExactlyInAnyOrder("3:name", "6:tier", "6:type");
        assertThat(count("SELECT count(*) FROM accounts WHERE region = '" + region + "'")).isEqualTo(2);
        assertThat(count("SELECT count(*) FROM outbox WHERE aggregate_type = 'account'")).isEqualTo(outbox + 2);

        // contacts: an unknown account is reported per row, the others are created
        UUID account = post("accounts", "{\"name\":\"Home " + region + "\"}");
        String contacts = "accountId,name,email,birthday\n" + account + ",Ann,ann@x.org,1990-01-31\n"
                + UUID.randomUUID() + ",Bob,,\n" + account + ",Cy,not-mail,1990-02-30\n" + account + ",Di,,\n";
        JsonNode c = body(upload("contacts", utf8(contacts), "c.csv", "valid-rows"), 200);
        assertThat(c.path("created").asInt()).isEqualTo(2);
        List<String> cErrors = new ArrayList<>();
        c.path("errors").forEach(e -> cErrors.add(e.path("row").asInt() + ":" + e.path("field").asString()));
        assertThat(cErrors).contains("3:accountId", "4:email", "4:birthday");
    }

    // ---- hostile files

    @Test
    void hostileFilesAreFourHundredsAndWriteNothing() throws Exception {
        long accounts = count("SELECT count(*) FROM accounts");
        byte[] garbage = new byte[4096];
        new Random(7).nextBytes(garbage);
        assertProblem(upload("accounts", garbage, "g.csv", null), 400, "file");
        byte[] zipGarbage = garbage.clone();
        zipGarbage[0] = 'P';
        zipGarbage[1] = 'K';
        zipGarbage[2] = 3;
        zipGarbage[3] = 4;
        assertProblem(upload("accounts", zipGarbage, "g.xlsx", null), 400, "file");
        assertProblem(upload("accounts", utf8("name\n" + "x".repeat(20_000) + "\n"), "huge.csv", null), 400, "file");
        assertProblem(upload("accounts", xlsx(List.of(List.of("name"), List.of("y".repeat(20_000)))), "huge.xlsx", null), 400, "file");
        JsonNode wrong = assertProblem(upload("accounts", utf8("nom,secteur\nA,B\n"), "w.csv", null), 400, "file");
        assertThat(wrong.path("detail").asString()).contains("\"nom\"", "valid columns", "name", "industry");
        assertProblem(upload("accounts", utf8("name,name\nA,B\n"), "d.csv", null), 400, "file");
        assertProblem(upload("accounts", utf8(""), "e.csv", null), 400, "file");
        assertProblem(upload("accounts", utf8("name\n\"unterminated\n"), "q.csv", null), 400, "file");
        assertProblem(upload("accounts", utf8("name\nA\0B\n"), "nul.csv", null), 400, "file");
        assertProblem(upload("accounts", utf8("name\nA\n"), "m.csv", "some"), 400, "mode");
        byte[] big = new byte[10 * 1024 * 1024 + 10_000];
        java.util.Arrays.fill(big, (byte) 'a');
        assertProblem(upload("accounts", big, "big.csv", null), 413, "file");
        StringBuilder many = new StringBuilder("name\n");
        for (int i = 0; i <= Limits.MAX_ROWS; i++) {
            many.append("r").append(i).append('\n');
        }
        assertProblem(upload("accounts", utf8(many.toString()), "many.csv", null), 413, "file");
        http.post().uri("/api/v1/accounts/import").contentType(MediaType.APPLICATION_JSON).bodyValue("{}").exchange()
                .expectStatus().isEqualTo(415);
        MultipartBodyBuilder noFile = new MultipartBodyBuilder();
        noFile.part("other", "x");
        http.post().uri("/api/v1/accounts/import").contentType(MediaType.MULTIPART_FORM_DATA)
                .body(BodyInserters.fromMultipartData(noFile.build())).exchange().expectStatus().isBadRequest();

        // formula strings: refused per row (CSV text and real XLSX formula cells)
        JsonNode formulas = body(upload("accounts", utf8("name,region\n=cmd|' /C calc'!A0,x\n@SUM(1),y\n"), "f.csv", null), 422);
        assertThat(formulas.path("failed").asInt()).isEqualTo(2);
        assertThat(formulas.path("errors").get(0).path("field").asString()).isEqualTo("name");
        byte[] withFormula;
        try (XSSFWorkbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            XSSFSheet sheet = wb.createSheet("s");
            sheet.createRow(0).createCell(0).setCellValue("name");
            sheet.createRow(1).createCell(0).setCellFormula("1+1");
            wb.write(out);
            withFormula = out.toByteArray();
        }
        JsonNode cellFormula = body(upload("accounts", withFormula, "f.xlsx", "valid-rows"), 200);
        assertThat(cellFormula.path("failed").asInt()).isEqualTo(1);
        assertThat(cellFormula.path("errors").get(0).path("reason").asString()).contains("formula");

        assertThat(count("SELECT count(*) FROM accounts")).isEqualTo(accounts);
    }

    private JsonNode assertProblem(WebTestClient.ResponseSpec spec, int status, String field) {
        EntityExchangeResult<byte[]> result = spec.expectStatus().isEqualTo(status)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().returnResult();
        JsonNode problem = json.readTree(result.getResponseBody());
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.path("errors").get(0).path("field").asString()).isEqualTo(field);
        return problem;
    }

    // ---- rates (measured, printed; not a benchmark)

    @Test
    void measuresImportAndExportRates() {
        String region = marker();
        int n = 3000;
        StringBuilder csv = new StringBuilder("name,region,tier,industry\n");
        for (int i = 0; i < n; i++) {
            csv.append("Rate ").append(i).append(' ').append(region).append(',').append(region).append(",B,Retail\n");
        }
        long t0 = System.nanoTime();
        JsonNode report = body(upload("accounts", utf8(csv.toString()), "rate.csv", null), 200);
        long t1 = System.nanoTime();
        assertThat(report.path("created").asInt()).isEqualTo(n);
        byte[] exported = export("accounts", "format=csv&region=" + region);
        long t2 = System.nanoTime();
        byte[] xlsx = export("accounts", "format=xlsx&region=" + region);
        long t3 = System.nanoTime();
        assertThat(csvRows(exported)).hasSize(n + 1);
        assertThat(xlsx.length).isPositive();
        System.out.printf(java.util.Locale.ROOT, "exchange rates: import %d rows all-or-nothing %.0f rows/s; export csv %.0f rows/s; export xlsx %.0f rows/s%n",
                n, n / ((t1 - t0) / 1e9), n / ((t2 - t1) / 1e9), n / ((t3 - t2) / 1e9));
        assertThat(Map.of()).isEmpty();
    }
}

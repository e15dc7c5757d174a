package com.pulse.olap.labels;

import static com.pulse.olap.labels.LabelsFixture.TEAMS;
import static com.pulse.olap.labels.LabelsFixture.TOKEN;
import static com.pulse.olap.labels.LabelsFixture.USERS;
import static org.assertj.core.api.Assertions.assertThat;

import com.pulse.clickhouse.ClickHouseGateway;
import com.pulse.olap.query.PivotFixture;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.client.RestTestClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * Member labels over HTTP on a devstack ClickHouse database holding {@link PivotFixture}, the api's directory played
 * by {@link DirectoryStub} (auth is off here, so olap forwards whatever {@code Authorization} the caller sent): owners
 * and teams named, stages in English and Chinese, the files carrying the labels, one lookup per answer, and an api
 * that fails leaving ids and a warning in a pivot that still answers.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureRestTestClient
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MemberLabelsIntegrationTests {

    static final LabelsFixture FIXTURE = new LabelsFixture(MemberLabelsIntegrationTests.class);
    static final DirectoryStub API = FIXTURE.api();
    static final JsonMapper JSON = JsonMapper.builder().build();

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry r) {
        FIXTURE.register(r);
    }

    @Autowired
    ClickHouseGateway gateway;

    @Autowired
    RestTestClient http;

    @BeforeAll
    void fixture() {
        FIXTURE.load(gateway);
    }

    @AfterAll
    void stop() {
        API.close();
    }

    @BeforeEach
    void reset() {
        FIXTURE.reset();
    }

    static Map<String, Object> body(List<String> rows, List<String> columns) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("cube", "opportunities");
        body.put("rows", rows);
        body.put("columns", columns);
        body.put("measures", List.of("count"));
        return body;
    }

    @Test
    void ownersAreNamedAndStagesLabelledInEnglishWithTheKeysUnchanged() {
        Map<String, Object> m = pivot("/olap/v1/pivot?lang=en", body(List.of("owner"), List.of("stage")), null);

        assertThat(labels(m, "owner")).isEqualTo(Map.of(PivotFixture.R1, "王芳", PivotFixture.R2, "Li Lei",
                PivotFixture.R3, "Zhang Wei", "(none)", "(none)"));
        assertThat(labels(m, "stage")).isEqualTo(Map.of("PROSPECTING", "Prospecting", "QUALIFICATION", "Qualification",
                "NEGOTIATION", "Negotiation", "CLOSED_WON", "Won", "CLOSED_LOST", "Lost"));
        assertThat(headers(m, "rowHeaders")).containsExactly(List.of(PivotFixture.R1, "王芳"), List.of(PivotFixture.R2, "Li Lei"),
                List.of(PivotFixture.R3, "Zhang Wei"), List.of("(none)", "(none)"));
        assertThat(headers(m, "columnHeaders")).contains(List.of("CLOSED_WON", "Won"), List.of("CLOSED_LOST", "Lost"));
        // keys stay what drill-down and drill-through filter on
        assertThat(paths(m)).contains(List.of(PivotFixture.R1), List.of("(none)"));
        assertThat(m.get("warnings")).isEqualTo(List.of());
        // one lookup for the whole answer, with the caller's own header
        assertThat(API.requests()).hasSize(1);
        assertThat(API.requests().get(0).ids()).containsExactlyInAnyOrder(PivotFixture.R1, PivotFixture.R2, PivotFixture.R3);
        assertThat(API.requests().get(0).authorization()).isEqualTo(TOKEN);
    }

    @Test
    void stagesAreInChineseByTheParameterOrAcceptLanguage() {
        Map<String, String> zh = Map.of("PROSPECTING", "潜在客户", "QUALIFICATION", "资格确认", "NEGOTIATION", "谈判",
                "CLOSED_WON", "赢单", "CLOSED_LOST", "输单");
        for (String[] ask : new String[][] {{"/olap/v1/pivot?lang=zh-CN", null}, {"/olap/v1/pivot", "zh-CN,zh;q=0.9,en;q=0.5"}}) {
            Map<String, Object> m = pivot(ask[0], body(List.of("owner"), List.of("stage")), ask[1]);
            assertThat(labels(m, "stage")).isEqualTo(zh);
            assertThat(labels(m, "owner")).containsEntry(PivotFixture.R1, "王芳").containsEntry("(none)", "（无）");
        }
        // without either: English
        assertThat(labels(pivot("/olap/v1/pivot", body(List.of("stage"), List.of()), null), "stage")).containsEntry("CLOSED_WON", "Won");
    }

    @Test
    void teamsAndOwnersOfSeveralLevelsAreNamedWithOneLookup() {
        Map<String, Object> m = pivot("/olap/v1/pivot", body(List.of("team", "owner"), List.of("stage", "region")), null);

        assertThat(labels(m, "team")).isEqualTo(Map.of(PivotFixture.A, "East China", PivotFixture.E, "华南团队", "(none)", "(none)"));
        assertThat(labels(m, "owner")).containsEntry(PivotFixture.R3, "Zhang Wei").hasSize(4);
        // free text stays as stored
        assertThat(labels(m, "region")).containsEntry("East", "East").containsEntry("North", "North");
        List<List<String>> headers = headers(m, "rowHeaders");
        assertThat(headers).contains(List.of(PivotFixture.A, "East China", PivotFixture.R1, "王芳", PivotFixture.R2, "Li Lei"));
        assertThat(API.requests()).hasSize(1);
        assertThat(API.requests().get(0).ids()).containsExactlyInAnyOrder(PivotFixture.R1, PivotFixture.R2, PivotFixture.R3,
                PivotFixture.A, PivotFixture.E);
    }

    @Test
    void anApiThatFailsLeavesIdsAndAWarningAndThePivotStillAnswers() {
        for (int status : new int[] {500, 401, -1}) {
            API.answer(status);
            Map<String, Object> m = pivot("/olap/v1/pivot?lang=zh-CN", body(List.of("owner"), List.of("stage")), null);
            assertThat(labels(m, "owner")).as("api answering %d", status).containsEntry(PivotFixture.R1, PivotFixture.R1)
                    .containsEntry(PivotFixture.R2, PivotFixture.R2);
            assertThat(labels(m, "stage")).containsEntry("CLOSED_WON", "赢单");
            @SuppressWarnings("unchecked")
            List<String> warnings = (List<String>) m.get("warnings");
            assertThat(warnings).hasSize(1);
            assertThat(warnings.get(0)).startsWith("names missing: ")
                    .contains(status < 0 ? "could not be reached" : "answered " + status);
            // the files too: ids where names are missing
            assertThat(csv("zh-CN", body(List.of("owner"), List.of("stage")))).contains("\r\n" + PivotFixture.R1 + ",");
        }
    }

    @Test
    void aPivotWithoutOwnersOrTeamsAsksNothing() {
        Map<String, Object> m = pivot("/olap/v1/pivot", body(List.of("region"), List.of("stage")), null);
        assertThat(labels(m, "stage")).containsEntry("PROSPECTING", "Prospecting");
        assertThat(API.requests()).isEmpty();
    }

    @Test
    void theCsvAndTheXlsxCarryTheLabelsInTheirLanguage() throws IOException {
        Map<String, Object> body = body(List.of("owner"), List.of("stage"));
        String en = csv("en", body);
        List<String> enLines = List.of(en.substring(1).split("\r\n"));
        assertThat(enLines.get(0)).contains(",Won,").contains(",Lost,").doesNotContain("CLOSED_WON");
        assertThat(enLines).anyMatch(l -> l.startsWith("王芳,")).anyMatch(l -> l.startsWith("Li Lei,"))
                .anyMatch(l -> l.startsWith("(none),")).noneMatch(l -> l.startsWith(PivotFixture.R1));
        String zh = csv("zh-CN", body);
        assertThat(zh).contains(",赢单,").contains(",输单,").contains("\r\n王芳,").contains("\r\n（无）,").doesNotContain("CLOSED_WON");

        byte[] xlsx = http.post().uri("/olap/v1/pivot.xlsx?lang=zh-CN").contentType(MediaType.APPLICATION_JSON)
                .header("Authorization", TOKEN).body(JSON.writeValueAsString(body))
                .exchange().expectStatus().isOk().expectBody(byte[].class).returnResult().getResponseBody();
        List<String> texts = new ArrayList<>();
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            for (Row row : workbook.getSheetAt(0)) {
                for (Cell cell : row) {
                    if (cell.getCellType() == CellType.STRING) {
                        texts.add(cell.getStringCellValue());
                    }
                }
            }
        }
        assertThat(texts).contains("王芳", "Li Lei", "Zhang Wei", "（无）", "赢单", "输单", "谈判")
                .doesNotContain(PivotFixture.R1, "CLOSED_WON");
    }

    private String csv(String lang, Map<String, Object> body) {
        byte[] bytes = http.post().uri("/olap/v1/pivot.csv?lang=" + lang).contentType(MediaType.APPLICATION_JSON)
                .header("Authorization", TOKEN).body(JSON.writeValueAsString(body))
                .exchange().expectStatus().isOk().expectBody(byte[].class).returnResult().getResponseBody();
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private Map<String, Object> pivot(String uri, Map<String, Object> body, String acceptLanguage) {
        var request = http.post().uri(uri).contentType(MediaType.APPLICATION_JSON).header("Authorization", TOKEN);
        if (acceptLanguage != null) {
            request = request.header("Accept-Language", acceptLanguage);
        }
        String json = request.body(JSON.writeValueAsString(body)).exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        @SuppressWarnings("unchecked")
        Map<String, Object> m = JSON.readValue(json, Map.class);
        return m;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> labels(Map<String, Object> m, String dimension) {
        return ((Map<String, Map<String, String>>) m.get("labels")).get(dimension);
    }

    @SuppressWarnings("unchecked")
    private static List<List<String>> paths(Map<String, Object> m) {
        return ((List<Map<String, Object>>) m.get("cells")).stream().map(l -> (List<String>) l.get("path")).toList();
    }

    // each root header as [member, label, first child's member, its label, second child's …]
    @SuppressWarnings("unchecked")
    private static List<List<String>> headers(Map<String, Object> m, String axis) {
        List<List<String>> out = new ArrayList<>();
        for (Map<String, Object> h : (List<Map<String, Object>>) m.get(axis)) {
            List<String> flat = new ArrayList<>(List.of((String) h.get("member"), (String) h.get("label")));
            for (Map<String, Object> c : (List<Map<String, Object>>) h.get("children")) {
                flat.add((String) c.get("member"));
                flat.add((String) c.get("label"));
            }
            out.add(flat);
        }
        return out;
    }
}

package com.pulse.olap.labels;

import static com.pulse.olap.labels.LabelsFixture.TEAMS;
import static com.pulse.olap.labels.LabelsFixture.TOKEN;
import static com.pulse.olap.labels.LabelsFixture.USERS;
import static org.assertj.core.api.Assertions.assertThat;

import com.pulse.clickhouse.ClickHouseGateway;
import com.pulse.olap.query.PivotFixture;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * Labels of drill-through records over HTTP on a devstack ClickHouse database holding {@link PivotFixture}, the api's
 * directory played by {@link DirectoryStub} as in {@link MemberLabelsIntegrationTests}: owners and teams named and
 * stages labelled in English and Chinese beside the unchanged ids and codes, one lookup per page, and an api that
 * fails leaving ids and a warning in records that still answer.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureRestTestClient
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RecordLabelsIntegrationTests {

    static final LabelsFixture FIXTURE = new LabelsFixture(RecordLabelsIntegrationTests.class);
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

    static Map<String, Object> body(Map<String, String> cell, int pageSize) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("cube", "opportunities");
        body.put("cell", cell);
        body.put("pageSize", pageSize);
        return body;
    }

    @Test
    void ownersAndTeamsAreNamedAndStagesLabelledInEnglishWithTheValuesUnchanged() {
        Map<String, Object> page = records("/olap/v1/records?lang=en", body(Map.of(), 50), null);

        assertThat(labels(page, "owner")).isEqualTo(Map.of(PivotFixture.R1, "王芳", PivotFixture.R2, "Li Lei",
                PivotFixture.R3, "Zhang Wei", "(none)", "(none)"));
        assertThat(labels(page, "team")).isEqualTo(Map.of(PivotFixture.A, "East China", PivotFixture.E, "华南团队",
                "(none)", "(none)"));
        assertThat(labels(page, "stage")).isEqualTo(Map.of("PROSPECTING", "Prospecting", "QUALIFICATION", "Qualification",
                "NEGOTIATION", "Negotiation", "CLOSED_WON", "Won", "CLOSED_LOST", "Lost"));
        assertThat(labels(page, "forecastCategory")).isEqualTo(Map.of("PIPELINE", "Pipeline"));
        // free text is not labelled: it shows as stored
        assertThat(labelsOf(page)).doesNotContainKeys("region", "account", "id", "teamPath");
        // the records keep their keys: ids and codes, as the cell and the api know them
        List<Map<String, Object>> records = records(page);
        assertThat(records).hasSize(6);
        Map<String, Object> p2 = records.stream().filter(r -> r.get("id").equals(PivotFixture.P2)).findFirst().orElseThrow();
        assertThat(p2).containsEntry("owner", PivotFixture.R1).containsEntry("team", PivotFixture.A)
                .containsEntry("stage", "CLOSED_WON").containsEntry("href", "/api/v1/opportunities/" + PivotFixture.P2);
        assertThat(page.get("warnings")).isEqualTo(List.of());
        // one lookup for every owner and team of the page, with the caller's own header
        assertThat(API.requests()).hasSize(1);
        assertThat(API.requests().get(0).ids()).containsExactlyInAnyOrder(PivotFixture.R1, PivotFixture.R2, PivotFixture.R3,
                PivotFixture.A, PivotFixture.E);
        assertThat(API.requests().get(0).authorization()).isEqualTo(TOKEN);
    }

    @Test
    void stagesAreInChineseByTheParameterOrAcceptLanguage() {
        Map<String, String> zh = Map.of("PROSPECTING", "潜在客户", "QUALIFICATION", "资格确认", "NEGOTIATION", "谈判",
                "CLOSED_WON", "赢单", "CLOSED_LOST", "输单");
        for (String[] ask : new String[][] {{"/olap/v1/records?lang=zh-CN", null}, {"/olap/v1/records", "zh-CN,zh;q=0.9,en;q=0.5"}}) {
            Map<String, Object> page = records(ask[0], body(Map.of(), 50), ask[1]);
            assertThat(labels(page, "stage")).isEqualTo(zh);
            assertThat(labels(page, "forecastCategory")).isEqualTo(Map.of("PIPELINE", "管道"));
            assertThat(labels(page, "owner")).containsEntry(PivotFixture.R1, "王芳").containsEntry("(none)", "（无）");
            assertThat(labels(page, "team")).containsEntry(PivotFixture.E, "华南团队").containsEntry("(none)", "（无）");
        }
        assertThat(API.requests()).hasSize(2);
        // without either: English
        assertThat(labels(records("/olap/v1/records", body(Map.of(), 50), null), "stage")).containsEntry("CLOSED_WON", "Won");
    }

    @Test
    void onlyThePagesOwnersAndTeamsAreAskedOnce() {
        // the first page of two: P1, P2 (R1, A) — the next page's owners are not asked for
        Map<String, Object> page = records("/olap/v1/records", body(Map.of(), 2), null);
        assertThat(records(page)).extracting(r -> r.get("id")).containsExactly(PivotFixture.P1, PivotFixture.P2);
        assertThat(labels(page, "owner")).isEqualTo(Map.of(PivotFixture.R1, "王芳"));
        assertThat(labels(page, "team")).isEqualTo(Map.of(PivotFixture.A, "East China"));
        assertThat(labels(page, "stage")).isEqualTo(Map.of("PROSPECTING", "Prospecting", "CLOSED_WON", "Won"));
        assertThat(API.requests()).hasSize(1);
        assertThat(API.requests().get(0).ids()).containsExactlyInAnyOrder(PivotFixture.R1, PivotFixture.A);
    }

    @Test
    void recordsWithoutOwnersOrTeamsAskNothing() {
        Map<String, Object> page = records("/olap/v1/records?lang=zh-CN", body(Map.of("owner", "(none)"), 50), null);
        assertThat(records(page)).extracting(r -> r.get("id")).containsExactly(PivotFixture.P7);
        assertThat(labels(page, "owner")).isEqualTo(Map.of("(none)", "（无）"));
        assertThat(labels(page, "stage")).isEqualTo(Map.of("QUALIFICATION", "资格确认"));
        assertThat(API.requests()).isEmpty();
        assertThat(page.get("warnings")).isEqualTo(List.of());
    }

    @Test
    void anApiThatFailsLeavesIdsAndAWarningAndTheRecordsStillAnswer() {
        for (int status : new int[] {500, 401, -1}) {
            API.answer(status);
            Map<String, Object> page = records("/olap/v1/records?lang=zh-CN", body(Map.of(), 50), null);
            assertThat(records(page)).as("api answering %d", status).hasSize(6);
            assertThat(labels(page, "owner")).containsEntry(PivotFixture.R1, PivotFixture.R1)
                    .containsEntry(PivotFixture.R2, PivotFixture.R2).containsEntry("(none)", "（无）");
            assertThat(labels(page, "team")).containsEntry(PivotFixture.A, PivotFixture.A);
            assertThat(labels(page, "stage")).containsEntry("CLOSED_WON", "赢单");
            @SuppressWarnings("unchecked")
            List<String> warnings = (List<String>) page.get("warnings");
            assertThat(warnings).hasSize(1);
            assertThat(warnings.get(0)).startsWith("names missing: ")
                    .contains(status < 0 ? "could not be reached" : "answered " + status);
        }
    }

    @Test
    void aLanguageNeitherEnglishNorChineseIsRefusedNamingLang() {
        String problem = http.post().uri("/olap/v1/records?lang=fr").contentType(MediaType.APPLICATION_JSON)
                .header("Authorization", TOKEN).body(JSON.writeValueAsString(body(Map.of(), 50)))
                .exchange().expectStatus().isBadRequest().expectBody(String.class).returnResult().getResponseBody();
        assertThat(problem).contains("\"lang\"");
        assertThat(API.requests()).isEmpty();
    }

    private Map<String, Object> records(String uri, Map<String, Object> body, String acceptLanguage) {
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
    private static List<Map<String, Object>> records(Map<String, Object> page) {
        return (List<Map<String, Object>>) page.get("records");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, String>> labelsOf(Map<String, Object> page) {
        return (Map<String, Map<String, String>>) page.get("labels");
    }

    private static Map<String, String> labels(Map<String, Object> page, String field) {
        return labelsOf(page).get(field);
    }
}

package com.pulse.dashboards.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.pulse.dashboards.cockpit.HeadlessChromium;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;

/**
 * The pivot page's drill-down, drill-through records, saved views and chart in headless Chromium against the real
 * stack (api, streams, olap with auth on, behind the gateway), each figure compared with olap's own JSON for the same
 * query, asked by the test with the analyst's token. The data: seven deals of two fresh reps in PROPOSAL and
 * NEGOTIATION, closing in two months, created through the api once for the class; every pivot filters on the two reps
 * (an analyst sees every deal, so the filter keeps other tests' data out).
 */
class PivotDrillAndViewsIntegrationTests extends LiveStackSupport {

    private static final List<String> MEASURES = List.of("count", "amountBase");
    private static final Path SCENARIO_TIMES = Path.of("target", "e2e-pivot-scenarios.txt");

    /** One deal as created through the api. */
    private record Deal(String id, String owner, String stage, BigDecimal amount, LocalDate closes) {
    }

    /** The users and deals of this class, made once: the four scenarios read them and change none. */
    private record Fixture(String suffix, String analyst, String password, String ada, String bo, String adaName,
            String boName, List<Deal> deals, PulseApi analystApi, PulseApi adaApi) {

        List<String> owners() {
            return List.of(ada, bo);
        }

        Map<String, Object> ownerFilter() {
            return Map.of("field", "owner", "op", "in", "values", owners());
        }

        /** The pivot body the builder sends, as the test asks olap for it. */
        Map<String, Object> query(List<String> rows, List<String> columns, List<String> measures, List<Map<String, Object>> filters) {
            Map<String, Object> query = new LinkedHashMap<>();
            query.put("cube", "opportunities");
            query.put("rows", rows);
            query.put("columns", columns);
            query.put("measures", measures);
            query.put("filters", filters);
            return query;
        }
    }

    private static Fixture fixture;

    private synchronized Fixture fixture() {
        if (fixture == null) {
            long started = System.nanoTime();
            try {
                Files.deleteIfExists(SCENARIO_TIMES);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            fixture = createFixture();
            log("fixture (3 users, 7 deals, olap has them) %d ms", (System.nanoTime() - started) / 1_000_000);
        }
        return fixture;
    }

    private Fixture createFixture() {
        PulseApi admin = stack().signIn(gateway());
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String password = "pivot-" + UUID.randomUUID();
        String analyst = "e2e.drill.analyst." + suffix;
        admin.createUser(analyst, List.of("ANALYST"), password);
        String ada = admin.createUser("e2e.drill.ada." + suffix, List.of("REP"), password);
        String bo = admin.createUser("e2e.drill.bo." + suffix, List.of("REP"), password);
        // two close months ahead of today, so the drill-down by expected close month has two members under ada
        LocalDate first = LocalDate.now().plusMonths(2).withDayOfMonth(10);
        LocalDate second = first.plusMonths(1);
        List<Deal> planned = List.of(
                new Deal(null, ada, "PROPOSAL", new BigDecimal("1234.56"), first),
                new Deal(null, ada, "PROPOSAL", new BigDecimal("789.01"), second),
                new Deal(null, ada, "NEGOTIATION", new BigDecimal("50000.10"), first),
                new Deal(null, bo, "PROPOSAL", new BigDecimal("333.33"), second),
                new Deal(null, bo, "NEGOTIATION", new BigDecimal("10.01"), first),
                new Deal(null, bo, "NEGOTIATION", new BigDecimal("20.02"), second),
                new Deal(null, bo, "NEGOTIATION", new BigDecimal("0.99"), second));
        List<Deal> deals = new ArrayList<>();
        for (int i = 0; i < planned.size(); i++) {
            Deal d = planned.get(i);
            JsonNode created = admin.postJson("/api/v1/opportunities", Map.of("name", "Drill deal " + suffix + " " + i,
                    "amount", d.amount(), "currency", "CNY", "stage", d.stage(), "ownerId", d.owner(),
                    "expectedCloseDate", d.closes().toString()), 201);
            deals.add(new Deal(created.path("id").asText(), d.owner(), d.stage(), d.amount(), d.closes()));
        }
        PulseApi analystApi = PulseApi.signIn(gateway(), analyst, password);
        Fixture f = new Fixture(suffix, analyst, password, ada, bo, "E2E e2e.drill.ada." + suffix,
                "E2E e2e.drill.bo." + suffix, List.copyOf(deals), analystApi,
                PulseApi.signIn(gateway(), "e2e.drill.ada." + suffix, password));
        // olap answers them once every deal went through the api, the outbox relay, Kafka, streams and the sink
        Map<String, Object> all = f.query(List.of("owner"), List.of(), List.of("count"), List.of(f.ownerFilter()));
        await("olap has the class's deals").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250))
                .until(() -> grandCount(analystApi.postJson("/olap/v1/pivot", all, 200)) == deals.size());
        return f;
    }

    @Test
    void drillingDownAnOwnerShowsOlapsExpansionAndBackReturnsToTheTable() throws Exception {
        Fixture f = fixture();
        long started = System.nanoTime();
        // what olap answers for the parent and, independently, for the drill-down recipe: parent filters + owner = ada
        Map<String, Object> parent = f.query(List.of("owner"), List.of("stage"), MEASURES, List.of(f.ownerFilter()));
        JsonNode parentJson = f.analystApi().postJson("/olap/v1/pivot", parent, 200);
        Map<String, Object> expansion = f.query(List.of("expectedCloseMonth"), List.of("stage"), MEASURES,
                List.of(f.ownerFilter(), Map.of("field", "owner", "op", "eq", "value", f.ada())));
        JsonNode expansionJson = f.analystApi().postJson("/olap/v1/pivot", expansion, 200);
        List<String> months = f.deals().stream().filter(d -> d.owner().equals(f.ada()))
                .map(d -> d.closes().toString().substring(0, 7)).distinct().sorted().toList();
        assertThat(months).hasSize(2);
        assertThat(expansionJson.path("cells")).hasSize(3); // the two months and the total

        try (HeadlessChromium chromium = new HeadlessChromium()) {
            PivotPage page = PivotPage.signIn(chromium, gateway(), f.analyst(), f.password());
            page.build(List.of("owner"), List.of("stage"), MEASURES, f.owners());
            page.run();
            Map<String, String> before = page.cells();
            List<String> headersBefore = page.rowHeaders();
            assertThat(before).isEqualTo(PivotPage.cells(parentJson));
            // the owners by name, in olap's order (of their ids)
            assertThat(headersBefore).containsExactlyElementsOf(lineLabels(parentJson, "owner"))
                    .containsExactlyInAnyOrder(f.adaName(), f.boName(), "Total");

            // when the analyst expands ada's line by expected close month
            new Select(chromium.browser().findElement(By.id("drill-by"))).selectByValue("expectedCloseMonth");
            page.awaitRedrawAfter(() -> chromium.browser().findElement(
                    By.cssSelector("#pivot-table tbody tr[data-path='" + f.ada() + "'] button.drill")).click());

            // then every figure of the expanded table is olap's answer to the recipe, and only ada's deals are in it
            assertThat(page.cells()).isEqualTo(PivotPage.cells(expansionJson));
            assertThat(page.rowHeaders()).containsExactly(months.get(0), months.get(1), "Total");
            assertThat(page.cell("", "", "count").getAttribute("data-value")).isEqualTo("3");
            assertThat(new BigDecimal(page.cell("", "", "amountBase").getAttribute("data-value")))
                    .isEqualByComparingTo(new BigDecimal("52023.67"));
            // the expansion's total is the parent's line of ada
            assertThat(page.cells().get("||amountBase")).isEqualTo(before.get(f.ada() + "||amountBase"));
            assertThat(page.cells().get("||count")).isEqualTo(before.get(f.ada() + "||count"));
            assertThat(chromium.text("#drill-path")).isEqualTo("Owner = " + f.adaName());
            assertThat(chromium.visible("#drill-back")).isTrue();
            assertThat(chromium.text("#filter-list")).contains("Owner = " + f.adaName());
            shot(chromium, "e2e-pivot-drill-down.png");

            // and Back shows the table before, figure by figure, with its row names
            page.awaitRedrawAfter(() -> chromium.browser().findElement(By.id("drill-back")).click());
            assertThat(page.cells()).isEqualTo(before);
            assertThat(page.rowHeaders()).isEqualTo(headersBefore);
            assertThat(chromium.visible("#drill-back")).isFalse();
        }
        log("drill-down scenario %d ms", (System.nanoTime() - started) / 1_000_000);
    }

    @Test
    void clickingAFigureListsExactlyTheRecordsBehindIt() throws Exception {
        Fixture f = fixture();
        long started = System.nanoTime();
        Map<String, Object> query = f.query(List.of("owner"), List.of("stage"), MEASURES, List.of(f.ownerFilter()));
        JsonNode matrix = f.analystApi().postJson("/olap/v1/pivot", query, 200);
        Map<String, Object> records = new LinkedHashMap<>();
        records.put("cube", "opportunities");
        records.put("filters", List.of(f.ownerFilter()));
        records.put("cell", Map.of("owner", f.ada(), "stage", "PROPOSAL"));
        records.put("pageSize", 50);
        JsonNode olapRecords = f.analystApi().postJson("/olap/v1/records", records, 200);
        List<String> olapIds = new ArrayList<>();
        olapRecords.path("records").forEach(r -> olapIds.add(r.path("id").asText()));
        List<String> created = f.deals().stream().filter(d -> d.owner().equals(f.ada()) && d.stage().equals("PROPOSAL"))
                .map(Deal::id).sorted().toList();
        assertThat(olapIds).as("olap's records of ada × PROPOSAL are the deals created").containsExactlyElementsOf(created);

        try (HeadlessChromium chromium = new HeadlessChromium()) {
            PivotPage page = PivotPage.signIn(chromium, gateway(), f.analyst(), f.password());
            page.build(List.of("owner"), List.of("stage"), MEASURES, f.owners());
            page.run();
            assertThat(page.cells()).isEqualTo(PivotPage.cells(matrix));

            // when the analyst clicks the count of ada × PROPOSAL
            WebElement count = page.cell(f.ada(), "PROPOSAL", "count");
            count.click();
            chromium.waitUpTo(PivotPage.WAIT, b -> chromium.visible("#records") && recordIds(chromium).size() > 0);

            // then the panel lists as many records as the figure counts, the very ids olap's records endpoint answers
            List<String> shown = recordIds(chromium);
            assertThat(shown).hasSize(Integer.parseInt(count.getAttribute("data-value"))).containsExactlyElementsOf(olapIds);
            assertThat(chromium.text("#records-cell")).isEqualTo("Owner = " + f.adaName() + ", Stage = Proposal");
            assertThat(chromium.text("#records-page")).isEqualTo("Page 1 · 2 records");
            // owners by name, their id kept on the cell; stages by label; each id links to the api's record
            assertThat(recordCells(chromium, "owner", "textContent")).containsOnly(f.adaName()).hasSize(2);
            assertThat(recordCells(chromium, "owner", "data-key")).containsOnly(f.ada());
            assertThat(recordCells(chromium, "stage", "textContent")).containsOnly("Proposal");
            assertThat(recordLinks(chromium)).containsExactlyElementsOf(olapIds.stream().map(id -> "/api/v1/opportunities/" + id).toList());
            assertThat(chromium.visible("#records-labels-missing")).isFalse();
            shot(chromium, "e2e-pivot-records.png");

            // and the grand total's count lists every deal of the two owners
            WebElement total = page.cell("", "", "count");
            total.click();
            chromium.waitUpTo(PivotPage.WAIT, b -> recordIds(chromium).size() == f.deals().size());
            assertThat(recordIds(chromium)).containsExactlyElementsOf(f.deals().stream().map(Deal::id).sorted().toList());
            assertThat(total.getAttribute("data-value")).isEqualTo(String.valueOf(f.deals().size()));
            assertThat(recordCells(chromium, "owner", "textContent")).containsOnly(f.adaName(), f.boName());
        }
        log("drill-through scenario %d ms", (System.nanoTime() - started) / 1_000_000);
    }

    @Test
    void aSavedViewIsKeptByOlapOpensAgainAsItWasAndStaysPrivate() throws Exception {
        Fixture f = fixture();
        long started = System.nanoTime();
        String name = "E2E by owner and stage " + f.suffix();
        try (HeadlessChromium chromium = new HeadlessChromium()) {
            PivotPage page = PivotPage.signIn(chromium, gateway(), f.analyst(), f.password());
            page.build(List.of("owner"), List.of("stage"), MEASURES, f.owners());
            page.run();
            Map<String, String> before = page.cells();
            List<String> headersBefore = page.rowHeaders();
            assertThat(before).isEqualTo(PivotPage.cells(f.analystApi().postJson("/olap/v1/pivot",
                    f.query(List.of("owner"), List.of("stage"), MEASURES, List.of(f.ownerFilter())), 200)));

            // when the analyst saves it by name (only for themselves)
            chromium.browser().findElement(By.id("view-name")).sendKeys(name);
            new Select(chromium.browser().findElement(By.id("view-sharing"))).selectByValue("private");
            chromium.browser().findElement(By.id("view-save")).click();
            chromium.waitUpTo(PivotPage.WAIT, b -> viewItem(chromium, name) != null);
            assertThat(chromium.text("#view-status")).isEqualTo("Saved “" + name + "”.");

            // then olap keeps it: the builder's query, private, the analyst's own
            JsonNode view = viewNamed(f.analystApi().getJson("/olap/v1/views"), name);
            assertThat(view).as("olap lists the saved view").isNotNull();
            assertThat(view.path("sharing").asText()).isEqualTo("private");
            assertThat(view.path("mine").asBoolean()).isTrue();
            JsonNode saved = view.path("query");
            assertThat(saved.path("cube").asText()).isEqualTo("opportunities");
            assertThat(texts(saved.path("rows"))).containsExactly("owner");
            assertThat(texts(saved.path("columns"))).containsExactly("stage");
            assertThat(texts(saved.path("measures"))).containsExactlyElementsOf(MEASURES);
            assertThat(saved.path("filters")).hasSize(1);
            assertThat(saved.path("filters").get(0).path("field").asText()).isEqualTo("owner");
            assertThat(saved.path("filters").get(0).path("op").asText()).isEqualTo("in");
            assertThat(texts(saved.path("filters").get(0).path("values"))).containsExactly(f.ada(), f.bo());
            String id = view.path("id").asText();
            assertThat(f.analystApi().getJson("/olap/v1/views/" + id).path("name").asText()).isEqualTo(name);

            // and after a reload, opening it shows the same table, figure by figure
            chromium.browser().navigate().refresh();
            page.awaitCatalogue();
            chromium.waitUpTo(PivotPage.WAIT, b -> viewItem(chromium, name) != null);
            assertThat(chromium.browser().findElements(By.cssSelector("#pivot-table td.v"))).isEmpty();
            page.awaitRedrawAfter(() -> viewItem(chromium, name).findElement(By.cssSelector("button.open")).click());
            assertThat(page.cells()).isEqualTo(before);
            assertThat(page.rowHeaders()).isEqualTo(headersBefore);
            assertThat(chromium.text("#view-status")).isEqualTo("Opened “" + name + "”.");
            assertThat(chromium.browser().findElements(By.cssSelector("#rows li[data-name='owner']"))).hasSize(1);
            assertThat(chromium.browser().findElements(By.cssSelector("#columns li[data-name='stage']"))).hasSize(1);
            shot(chromium, "e2e-pivot-views.png");

            // a rep does not see the analyst's private view: not listed, and 404 when named
            JsonNode repViews = f.adaApi().getJson("/olap/v1/views");
            assertThat(viewNamed(repViews, name)).isNull();
            assertThat(repViews.path("views").findValuesAsText("id")).doesNotContain(id);
            assertThat(f.adaApi().getJson("/olap/v1/views/" + id, 404).path("status").asInt()).isEqualTo(404);
            f.adaApi().postJson("/olap/v1/views/" + id + "/pivot", Map.of(), 404);
        }
        log("saved-view scenario %d ms", (System.nanoTime() - started) / 1_000_000);
    }

    @Test
    void theChartDrawsOneBarPerMemberWithOlapsFigures() throws Exception {
        Fixture f = fixture();
        long started = System.nanoTime();
        JsonNode matrix = f.analystApi().postJson("/olap/v1/pivot?lang=en",
                f.query(List.of("owner"), List.of("stage"), List.of("amountBase"), List.of(f.ownerFilter())), 200);
        // every owner (the chart's categories) × every stage (its series) as olap answers it, by the labels shown
        Map<String, BigDecimal> expected = new LinkedHashMap<>();
        JsonNode keys = matrix.path("columnKeys");
        for (JsonNode line : matrix.path("cells")) {
            if (!"member".equals(line.path("kind").asText())) {
                continue;
            }
            for (int k = 0; k < keys.size(); k++) {
                if ("member".equals(keys.get(k).path("kind").asText())) {
                    String owner = matrix.path("labels").path("owner").path(line.path("path").get(0).asText()).asText();
                    String stage = matrix.path("labels").path("stage").path(keys.get(k).path("path").get(0).asText()).asText();
                    expected.put(owner + " × " + stage, line.path("values").get(k).path("amountBase").decimalValue());
                }
            }
        }
        assertThat(expected).hasSize(4).containsKeys(f.adaName() + " × Proposal", f.boName() + " × Negotiation");

        try (HeadlessChromium chromium = new HeadlessChromium()) {
            PivotPage page = PivotPage.signIn(chromium, gateway(), f.analyst(), f.password());
            page.build(List.of("owner"), List.of("stage"), List.of("amountBase"), f.owners());
            page.run();

            // when the analyst switches the chart on
            chromium.browser().findElement(By.id("show-chart")).click();
            chromium.waitUpTo(PivotPage.WAIT, b -> chromium.visible("#chart") && chartMarks(chromium).size() == expected.size());

            // then ECharts drew one bar per owner × stage, each with olap's figure
            Map<String, BigDecimal> drawn = new LinkedHashMap<>();
            for (List<Object> mark : chartMarks(chromium)) {
                drawn.put(mark.get(0) + " × " + mark.get(1), new BigDecimal(String.valueOf(mark.get(2))));
            }
            assertThat(drawn.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
            expected.forEach((mark, figure) -> assertThat(drawn.get(mark)).as(mark).isEqualByComparingTo(figure));
            assertThat(drawn.get(f.adaName() + " × Negotiation")).isEqualByComparingTo("50000.10");

            // and the mouse over ada's Negotiation bar shows its tooltip with the figure as the table writes money
            hoverBar(chromium, f.adaName(), "Negotiation");
            chromium.waitUpTo(PivotPage.WAIT, b -> chartTooltip(chromium).contains(f.adaName()));
            System.out.println("chart tooltip: " + chartTooltip(chromium));
            assertThat(chartTooltip(chromium)).contains("Negotiation", "50,000.10");
            shot(chromium, "e2e-pivot-chart.png");
        }
        log("chart scenario %d ms", (System.nanoTime() - started) / 1_000_000);
    }

    // --- the page ----------------------------------------------------------------------------------------------------

    @SuppressWarnings("unchecked")
    private static List<String> recordIds(HeadlessChromium chromium) {
        return (List<String>) chromium.script("return Array.from(document.querySelectorAll('#records-table tbody tr a'))"
                + ".map(a => a.textContent)");
    }

    @SuppressWarnings("unchecked")
    private static List<String> recordLinks(HeadlessChromium chromium) {
        return (List<String>) chromium.script("return Array.from(document.querySelectorAll('#records-table tbody tr a'))"
                + ".map(a => a.getAttribute('href'))");
    }

    /** The text or an attribute of every records cell of one field. */
    @SuppressWarnings("unchecked")
    private static List<String> recordCells(HeadlessChromium chromium, String field, String what) {
        return (List<String>) chromium.script("return Array.from(document.querySelectorAll("
                + "`#records-table tbody td[data-field='${arguments[0]}']`)).map(td => arguments[1] === 'textContent'"
                + " ? td.textContent : td.getAttribute(arguments[1]))", field, what);
    }

    private static WebElement viewItem(HeadlessChromium chromium, String name) {
        return (WebElement) chromium.script("return Array.from(document.querySelectorAll('#view-list li')).find(li =>"
                + " li.querySelector('.name').textContent === arguments[0]) || null", name);
    }

    /**
     * The bars ECharts painted on the chart's canvas: its scene's rectangles that stand for a data item (ECharts tags
     * each with its series and data index, in a property of its own private {@code __ec_inner_} kind: a canvas has no
     * element per mark to count), each as [category, series name, value] from the chart's own option. Written against
     * the ECharts of the webjar (5.3.1); a newer one may tag its marks otherwise, and this then finds none.
     */
    @SuppressWarnings("unchecked")
    private static List<List<Object>> chartMarks(HeadlessChromium chromium) {
        return (List<List<Object>>) chromium.script("""
                const chart = echarts.getInstanceByDom(document.getElementById('chart'));
                if (!chart) return [];
                const option = chart.getOption();
                const item = el => Object.keys(el).map(k => k.startsWith('__ec_inner_') ? el[k] : null)
                    .find(d => d && d.seriesIndex != null && d.dataIndex != null);
                return chart.getZr().storage.getDisplayList(true).filter(el => el.type === 'rect' && item(el)).map(el => {
                  const d = item(el);
                  return [option.xAxis[0].data[d.dataIndex], option.series[d.seriesIndex].name,
                          String(option.series[d.seriesIndex].data[d.dataIndex])];
                });""");
    }

    /** Moves the mouse to the middle of the bar of one category and series, where ECharts drew it. */
    @SuppressWarnings("unchecked")
    private static void hoverBar(HeadlessChromium chromium, String category, String series) {
        List<Number> at = (List<Number>) chromium.script("""
                const chart = echarts.getInstanceByDom(document.getElementById('chart'));
                const option = chart.getOption();
                const item = el => Object.keys(el).map(k => k.startsWith('__ec_inner_') ? el[k] : null)
                    .find(d => d && d.seriesIndex != null && d.dataIndex != null);
                const bar = chart.getZr().storage.getDisplayList(true).find(el => el.type === 'rect' && item(el)
                    && option.xAxis[0].data[item(el).dataIndex] === arguments[0]
                    && option.series[item(el).seriesIndex].name === arguments[1]);
                const r = bar.getBoundingRect();
                return [r.x + r.width / 2 - chart.getWidth() / 2, r.y + r.height / 2 - chart.getHeight() / 2];""",
                category, series);
        new Actions(chromium.browser()).moveToElement(chromium.browser().findElement(By.id("chart")),
                at.get(0).intValue(), at.get(1).intValue()).perform();
    }

    /** The text of ECharts' tooltip box inside the chart ("" while none is shown). */
    private static String chartTooltip(HeadlessChromium chromium) {
        return (String) chromium.script("const tip = Array.from(document.querySelectorAll('#chart > div')).find(d =>"
                + " d.style.zIndex === '9999999' && d.style.display !== 'none'); return tip ? tip.innerText : ''");
    }

    // --- olap's JSON -------------------------------------------------------------------------------------------------

    /** The label olap gave each line's member, in its order, and "Total" for the grand total line. */
    private static List<String> lineLabels(JsonNode matrix, String dimension) {
        List<String> labels = new ArrayList<>();
        for (JsonNode line : matrix.path("cells")) {
            labels.add(line.path("path").isEmpty() ? "Total"
                    : matrix.path("labels").path(dimension).path(line.path("path").get(0).asText()).asText());
        }
        return labels;
    }

    private static int grandCount(JsonNode matrix) {
        JsonNode cells = matrix.path("cells");
        if (cells.isEmpty()) {
            return 0;
        }
        JsonNode totals = cells.get(cells.size() - 1).path("values");
        return totals.get(totals.size() - 1).path("count").asInt();
    }

    private static JsonNode viewNamed(JsonNode views, String name) {
        for (JsonNode v : views.path("views")) {
            if (name.equals(v.path("name").asText())) {
                return v;
            }
        }
        return null;
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(n -> texts.add(n.asText()));
        return texts;
    }

    private static void shot(HeadlessChromium chromium, String name) throws Exception {
        System.out.println("screenshot " + chromium.screenshot(name));
    }

    /** Each scenario's time on this machine, to the console and {@code target/e2e-pivot-scenarios.txt}. */
    private static void log(String format, Object... args) {
        String line = "pivot e2e: " + String.format(format, args) + System.lineSeparator();
        System.out.print(line);
        try {
            Files.writeString(SCENARIO_TIMES, line, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}

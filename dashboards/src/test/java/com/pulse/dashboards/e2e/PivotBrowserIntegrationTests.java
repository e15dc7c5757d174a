package com.pulse.dashboards.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.pulse.dashboards.cockpit.HeadlessChromium;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;

/**
 * Headless Chromium signs in as an analyst through the gateway of the real stack and builds a 2×2 pivot (owner × stage,
 * amount) over deals this test created for two fresh owners, filtered on them (an analyst sees every deal, so the
 * filter keeps other tests' data out). Two cells of the page's table are compared with olap's JSON for the same query
 * and with the sums of the deals as created; the XLSX and CSV the page's buttons download are compared with the JSON
 * cell by cell; in zh-CN the catalogue's and the page's labels are Chinese, and so are the titles of an export. The
 * owners are shown by the names the real api gave them and the stages by their labels, in the table and the files,
 * in both languages; the cells are still addressed by olap's keys (the ids and stage codes drill-down filters on).
 * A second analyst picks a rep by name in the owner filter's member picker (the names and counts olap lists for the
 * analyst), and the table's figures equal olap's JSON for owner = that rep's id.
 */
class PivotBrowserIntegrationTests extends LiveStackSupport {

    /** One deal as created through the api. */
    private record Deal(String owner, String stage, BigDecimal amount) {
    }

    @Test
    void anAnalystBuildsATwoByTwoPivotThatAgreesWithOlapAndExportsIt() throws Exception {
        PulseApi admin = stack().signIn(gateway());
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String password = "pivot-" + UUID.randomUUID();
        String analystName = "e2e.analyst." + suffix;
        admin.createUser(analystName, List.of("ANALYST"), password);
        String ada = admin.createUser("e2e.pivot.ada." + suffix, List.of("REP"), password);
        String bo = admin.createUser("e2e.pivot.bo." + suffix, List.of("REP"), password);

        // given known deals of the two fresh owners in two open stages (the analyst's role is read-only in the api)
        List<Deal> deals = List.of(
                new Deal(ada, "PROPOSAL", new BigDecimal("1234.56")),
                new Deal(ada, "PROPOSAL", new BigDecimal("789.01")),
                new Deal(ada, "NEGOTIATION", new BigDecimal("50000.10")),
                new Deal(bo, "PROPOSAL", new BigDecimal("333.33")),
                new Deal(bo, "NEGOTIATION", new BigDecimal("10.01")),
                new Deal(bo, "NEGOTIATION", new BigDecimal("20.02")),
                new Deal(bo, "NEGOTIATION", new BigDecimal("0.99")));
        for (int i = 0; i < deals.size(); i++) {
            Deal deal = deals.get(i);
            admin.postJson("/api/v1/opportunities", Map.of("name", "Pivot deal " + suffix + " " + i, "amount", deal.amount(),
                    "currency", "CNY", "stage", deal.stage(), "ownerId", deal.owner()), 201);
        }
        BigDecimal total = deals.stream().map(Deal::amount).reduce(BigDecimal.ZERO, BigDecimal::add);

        PulseApi analyst = PulseApi.signIn(gateway(), analystName, password);
        Map<String, Object> query = new LinkedHashMap<>();
        query.put("cube", "opportunities");
        query.put("rows", List.of("owner"));
        query.put("columns", List.of("stage"));
        query.put("measures", List.of("amountBase"));
        query.put("filters", List.of(Map.of("field", "owner", "op", "in", "values", List.of(ada, bo))));
        // and olap answers them: every deal through the api, the outbox relay, Kafka, streams and the ClickHouse sink
        await("olap has the test's deals").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250))
                .until(() -> grandTotal(analyst.postJson("/olap/v1/pivot", query, 200)).compareTo(total) == 0);
        JsonNode olap = analyst.postJson("/olap/v1/pivot?lang=en", query, 200);
        assertThat(olap.path("cells")).hasSize(3); // two owners and the total
        assertThat(olap.path("columnKeys")).hasSize(3); // two stages and the total
        // olap named the owners with the analyst's own token at the api, and labelled the stages
        String adaName = "E2E e2e.pivot.ada." + suffix;
        String boName = "E2E e2e.pivot.bo." + suffix;
        assertThat(olap.path("labels").path("owner").path(ada).asText()).isEqualTo(adaName);
        assertThat(olap.path("labels").path("owner").path(bo).asText()).isEqualTo(boName);
        assertThat(olap.path("labels").path("stage").path("PROPOSAL").asText()).isEqualTo("Proposal");
        assertThat(olap.path("labels").path("stage").path("NEGOTIATION").asText()).isEqualTo("Negotiation");
        assertThat(olap.path("warnings")).isEmpty();
        JsonNode olapZh = analyst.postJson("/olap/v1/pivot?lang=zh-CN", query, 200);
        assertThat(olapZh.path("labels").path("stage").path("PROPOSAL").asText()).isEqualTo("方案报价");
        assertThat(olapZh.path("labels").path("stage").path("NEGOTIATION").asText()).isEqualTo("谈判");
        assertThat(olapZh.path("labels").path("owner").path(ada).asText()).isEqualTo(adaName);
        assertThat(olapZh.path("cells")).isEqualTo(olap.path("cells"));

        List<Path> shots = new ArrayList<>();
        Path downloads = Path.of("target", "e2e-downloads").toAbsolutePath();
        try (HeadlessChromium chromium = new HeadlessChromium()) {
            // the analyst signs in through the form and lands on the pivot page
            PivotPage page = PivotPage.signIn(chromium, gateway(), analystName, password);
            new Select(chromium.browser().findElement(By.id("cube"))).selectByValue("opportunities");

            // owner dragged into the rows (HTML5 drag and drop), stage picked for the columns (the keyboard path)
            WebElement ownerChip = chromium.browser().findElement(By.cssSelector("#available li[data-name='owner']"));
            new Actions(chromium.browser()).dragAndDrop(ownerChip, chromium.browser().findElement(By.id("rows"))).perform();
            assertThat(chromium.browser().findElements(By.cssSelector("#rows li[data-name='owner']"))).as("dragged into the rows")
                    .hasSize(1);
            new Select(chromium.browser().findElement(By.id("add-columns"))).selectByValue("stage");
            assertThat(chromium.text("#rows li[data-name='owner']")).startsWith("Owner");
            assertThat(chromium.text("#columns li[data-name='stage']")).startsWith("Stage");
            // amount instead of the default count
            page.measure("count", false);
            page.measure("amountBase", true);
            // the isolating filter: owner ∈ the two fresh owners, typed comma separated (the picker's fallback); the
            // chip names them once the picker's list of owners, asked when the field was chosen, has come
            new Select(chromium.browser().findElement(By.id("filter-field"))).selectByValue("owner");
            chromium.browser().findElement(By.id("filter-members")).sendKeys(ada + ", " + bo);
            chromium.browser().findElement(By.id("filter-add")).click();
            chromium.waitUpTo(Duration.ofSeconds(30), b -> chromium.text("#filter-list li").startsWith("Owner ∈ " + adaName + ", " + boName));

            // when the analyst runs it
            long pressedAt = System.currentTimeMillis();
            chromium.browser().findElement(By.id("run")).click();
            chromium.waitUpTo(Duration.ofSeconds(30), b -> page.value(ada, "PROPOSAL", "amountBase") != null);
            long runToTableMs = Long.parseLong(chromium.browser().findElement(By.id("pivot-table"))
                    .getAttribute("data-rendered-at")) - pressedAt;
            double renderMs = ((Number) chromium.script("return window.pivotRenderMs")).doubleValue();

            // then two cells equal olap's JSON for the same query and the sums of the deals as created, to the cent
            for (String[] cell : List.of(new String[] {ada, "PROPOSAL"}, new String[] {bo, "NEGOTIATION"})) {
                BigDecimal shown = new BigDecimal(page.value(cell[0], cell[1], "amountBase"));
                assertThat(shown).as("page %s × %s vs olap", cell[0], cell[1])
                        .isEqualByComparingTo(jsonCell(olap, cell[0], cell[1]));
                assertThat(shown).as("page %s × %s vs the deals", cell[0], cell[1])
                        .isEqualByComparingTo(sum(deals, cell[0], cell[1]));
            }
            assertThat(new BigDecimal(page.value(ada, "PROPOSAL", "amountBase"))).isEqualByComparingTo("2023.57");
            assertThat(new BigDecimal(page.value(bo, "NEGOTIATION", "amountBase"))).isEqualByComparingTo("31.02");
            assertThat(cellText(chromium, ada, "PROPOSAL")).isEqualTo("2,023.57");
            assertThat(cellText(chromium, bo, "NEGOTIATION")).isEqualTo("31.02");
            assertThat(cellText(chromium, ada, "NEGOTIATION")).as("money keeps its 2 decimals").isEqualTo("50,000.10");
            assertThat(new BigDecimal(page.value("", "", "amountBase"))).isEqualByComparingTo(total);
            assertThat(headerRows(chromium).get(1)).containsExactly("Owner", "Amount", "Amount", "Amount");
            // the owners by name and the stages by label, in olap's order (of the keys)
            assertThat(headerRows(chromium).get(0)).containsExactly("Stage", "Negotiation", "Proposal", "Total");
            assertThat(page.rowHeaders()).containsExactly(memberLabel(olap, 0), memberLabel(olap, 1), "Total");
            assertThat(page.rowHeaders()).contains(adaName, boName);
            shots.add(chromium.screenshot("e2e-pivot.png"));

            // the XLSX the page's button downloads: every cell of the 2×2, the totals and the titles as the JSON says
            Path xlsx = download(chromium, "export-xlsx", downloads.resolve("xlsx-en-" + suffix), ".xlsx");
            List<List<String>> sheet = readXlsx(xlsx);
            assertGridMatches(sheet, olap, "Owner", "Stage", "Amount", "Total");
            assertThat(sheet.get(0)).contains("Proposal", "Negotiation").doesNotContain("PROPOSAL");
            assertThat(sheet.stream().map(r -> r.get(0))).contains(adaName, boName).doesNotContain(ada, bo);
            // and the CSV, numbers being the JSON's own text
            Path csv = download(chromium, "export-csv", downloads.resolve("csv-en-" + suffix), ".csv");
            List<List<String>> csvGrid = readCsv(csv);
            assertGridMatches(csvGrid, olap, "Owner", "Stage", "Amount", "Total");
            assertThat(csvGrid.stream().map(r -> r.get(0))).contains(adaName, boName).doesNotContain(ada, bo);

            // switching to zh-CN relabels the builder and the table from olap's catalogue and the page's own labels
            new Select(chromium.browser().findElement(By.id("language"))).selectByValue("zh-CN");
            chromium.waitUpTo(Duration.ofSeconds(10), b -> "商机".equals(chromium.text("#cube option:checked")));
            assertThat(chromium.text("#rows li[data-name='owner']")).startsWith("负责人");
            assertThat(chromium.text("#columns li[data-name='stage']")).startsWith("阶段");
            assertThat(chromium.text("#measure-list")).contains("金额", "数量");
            assertThat(chromium.text("#filter-list li")).startsWith("负责人 ∈ ");
            assertThat(chromium.text("[data-i18n='pivot.rows']")).isEqualTo("行");
            assertThat(chromium.text("[data-i18n='pivot.columns']")).isEqualTo("列");
            assertThat(chromium.text("[data-i18n='pivot.measures']")).isEqualTo("度量");
            assertThat(chromium.text("#run")).isEqualTo("查询");
            // the page asks olap again in the new language: the stages' Chinese labels, the owners' names unchanged
            chromium.waitUpTo(Duration.ofSeconds(30), b -> headerRows(chromium).get(0).contains("谈判"));
            assertThat(headerRows(chromium).get(0)).containsExactly("阶段", "谈判", "方案报价", "总计");
            assertThat(page.rowHeaders()).containsExactly(memberLabel(olapZh, 0), memberLabel(olapZh, 1), "总计");
            assertThat(page.rowHeaders()).contains(adaName, boName);
            assertThat(headerRows(chromium).get(1)).containsExactly("负责人", "金额", "金额", "金额");
            assertThat(page.rowHeaders()).endsWith("总计");
            assertThat(new BigDecimal(page.value(ada, "PROPOSAL", "amountBase"))).isEqualByComparingTo("2023.57");
            shots.add(chromium.screenshot("e2e-pivot-zh.png"));

            // and an export from the zh-CN page has Chinese titles (olap's own word for the total) with the same figures
            Path xlsxZh = download(chromium, "export-xlsx", downloads.resolve("xlsx-zh-" + suffix), ".xlsx");
            List<List<String>> sheetZh = readXlsx(xlsxZh);
            assertGridMatches(sheetZh, olapZh, "负责人", "阶段", "金额", "合计");
            assertThat(sheetZh.get(0)).contains("方案报价", "谈判");
            Path csvZh = download(chromium, "export-csv", downloads.resolve("csv-zh-" + suffix), ".csv");
            assertGridMatches(readCsv(csvZh), olapZh, "负责人", "阶段", "金额", "合计");

            String line = String.format("browser: pivot run pressed -> table shown %d ms (render %.1f ms), 2×2 owner × stage"
                    + " over %d deals; XLSX %d bytes, CSV %d bytes; screenshots %s%n", runToTableMs, renderMs, deals.size(),
                    Files.size(xlsx), Files.size(csv), shots);
            Files.writeString(Path.of("target", "e2e-pivot.txt"), line);
            System.out.print(line);
        }
    }

    @Test
    void anAnalystPicksARepByNameInTheOwnerFilterAndTheTableAgreesWithOlap() throws Exception {
        PulseApi admin = stack().signIn(gateway());
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String password = "picker-" + UUID.randomUUID();
        String analystName = "e2e.picker.analyst." + suffix;
        admin.createUser(analystName, List.of("ANALYST"), password);
        String cy = admin.createUser("e2e.picker.cy." + suffix, List.of("REP"), password);
        String di = admin.createUser("e2e.picker.di." + suffix, List.of("REP"), password);
        String cyName = "E2E e2e.picker.cy." + suffix;

        // given deals of the rep to be picked and of a second rep the filter must leave out
        List<Deal> deals = List.of(
                new Deal(cy, "PROPOSAL", new BigDecimal("100.10")),
                new Deal(cy, "NEGOTIATION", new BigDecimal("200.20")),
                new Deal(cy, "NEGOTIATION", new BigDecimal("0.05")),
                new Deal(di, "PROPOSAL", new BigDecimal("999.99")));
        for (int i = 0; i < deals.size(); i++) {
            Deal deal = deals.get(i);
            admin.postJson("/api/v1/opportunities", Map.of("name", "Picker deal " + suffix + " " + i, "amount", deal.amount(),
                    "currency", "CNY", "stage", deal.stage(), "ownerId", deal.owner()), 201);
        }
        PulseApi analyst = PulseApi.signIn(gateway(), analystName, password);
        Map<String, Object> both = new LinkedHashMap<>();
        both.put("cube", "opportunities");
        both.put("rows", List.of("stage"));
        both.put("columns", List.of());
        both.put("measures", List.of("amountBase"));
        both.put("filters", List.of(Map.of("field", "owner", "op", "in", "values", List.of(cy, di))));
        BigDecimal all = deals.stream().map(Deal::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
        await("olap has the test's deals").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250))
                .until(() -> grandTotal(analyst.postJson("/olap/v1/pivot", both, 200)).compareTo(all) == 0);
        // the query the page is to run: the rep picked by name becomes owner = the rep's id
        Map<String, Object> query = new LinkedHashMap<>(both);
        query.put("filters", List.of(Map.of("field", "owner", "op", "eq", "value", cy)));
        JsonNode olap = analyst.postJson("/olap/v1/pivot?lang=en", query, 200);
        assertThat(olap.path("cells")).hasSize(3); // two stages and the total

        try (HeadlessChromium chromium = new HeadlessChromium()) {
            PivotPage page = PivotPage.signIn(chromium, gateway(), analystName, password);
            new Select(chromium.browser().findElement(By.id("add-rows"))).selectByValue("stage");
            page.measure("count", false);
            page.measure("amountBase", true);

            // when the analyst chooses Owner, olap lists the owners by name; typing the rep's name leaves that rep
            new Select(chromium.browser().findElement(By.id("filter-field"))).selectByValue("owner");
            chromium.waitUpTo(Duration.ofSeconds(30), b -> !pickerNames(chromium).isEmpty());
            assertThat(chromium.visible("#member-error")).isFalse();
            WebElement search = chromium.browser().findElement(By.id("member-search"));
            search.sendKeys("picker.cy." + suffix);
            chromium.waitUpTo(Duration.ofSeconds(10), b -> pickerNames(chromium).size() == 1);
            assertThat(pickerNames(chromium)).containsExactly(cyName);
            // beside the name, the rep's count of deals as olap counts them for the analyst
            assertThat(chromium.text("#member-list .count")).isEqualTo("3");
            assertThat(chromium.script("return document.querySelector('#member-list input').value")).isEqualTo(cy);
            chromium.browser().findElement(By.cssSelector("#member-list input")).click();
            chromium.browser().findElement(By.id("filter-add")).click();
            assertThat(chromium.text("#filter-list li")).startsWith("Owner = " + cyName);

            chromium.browser().findElement(By.id("run")).click();
            chromium.waitUpTo(Duration.ofSeconds(30), b -> page.value("", "", "amountBase") != null);

            // then every figure of the table is olap's JSON for owner = the rep, and the rep's deals alone
            for (String stage : List.of("PROPOSAL", "NEGOTIATION", "")) {
                BigDecimal shown = new BigDecimal(page.value(stage, "", "amountBase"));
                assertThat(shown).as("page %s vs olap", stage).isEqualByComparingTo(jsonCell(olap, stage, ""));
            }
            assertThat(new BigDecimal(page.value("PROPOSAL", "", "amountBase"))).isEqualByComparingTo(sum(deals, cy, "PROPOSAL"));
            assertThat(new BigDecimal(page.value("NEGOTIATION", "", "amountBase"))).isEqualByComparingTo("200.25");
            assertThat(new BigDecimal(page.value("", "", "amountBase"))).isEqualByComparingTo("300.35");
            assertThat(page.rowHeaders()).containsExactly("Negotiation", "Proposal", "Total");
            chromium.screenshot("e2e-pivot-picker.png");
        }
    }

    /** The names the member picker lists. */
    @SuppressWarnings("unchecked")
    private static List<String> pickerNames(HeadlessChromium chromium) {
        return (List<String>) chromium.script("return Array.from(document.querySelectorAll('#member-list .name')).map(n => n.textContent)");
    }

    // --- the page ----------------------------------------------------------------------------------------------------

    private static String cellText(HeadlessChromium chromium, String row, String column) {
        return (String) chromium.script("const td = Array.from(document.querySelectorAll('#pivot-table td.v')).find(td =>"
                + " td.dataset.row === arguments[0] && td.dataset.column === arguments[1]); return td ? td.textContent : null",
                row, column);
    }

    @SuppressWarnings("unchecked")
    private static List<List<String>> headerRows(HeadlessChromium chromium) {
        return (List<List<String>>) chromium.script("return Array.from(document.querySelectorAll('#pivot-table thead tr'))"
                + ".map(tr => Array.from(tr.cells).map(c => c.textContent).filter(s => s !== ''))");
    }

    /** Clicks an export button and answers the file Chromium saved into {@code directory} once it is complete. */
    private static Path download(HeadlessChromium chromium, String button, Path directory, String extension) throws IOException {
        chromium.downloadTo(directory);
        chromium.browser().findElement(By.id(button)).click();
        await(button + " saved in " + directory).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                .until(() -> saved(directory, extension) != null);
        return saved(directory, extension);
    }

    private static Path saved(Path directory, String extension) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(f -> f.getFileName().toString().endsWith(extension)).findFirst()
                    .filter(f -> f.toFile().length() > 0).orElse(null);
        }
    }

    // --- olap's JSON and the deals -----------------------------------------------------------------------------------

    private static BigDecimal grandTotal(JsonNode matrix) {
        JsonNode cells = matrix.path("cells");
        if (cells.isEmpty()) {
            return BigDecimal.ZERO;
        }
        JsonNode totals = cells.get(cells.size() - 1).path("values");
        return totals.get(totals.size() - 1).path("amountBase").decimalValue();
    }

    /** The amount at row member × column member of olap's answer ("" names the total). */
    private static BigDecimal jsonCell(JsonNode matrix, String row, String column) {
        int line = indexOf(matrix.path("cells"), row);
        int key = indexOf(matrix.path("columnKeys"), column);
        return matrix.path("cells").get(line).path("values").get(key).path("amountBase").decimalValue();
    }

    private static int indexOf(JsonNode entries, String member) {
        for (int i = 0; i < entries.size(); i++) {
            JsonNode path = entries.get(i).path("path");
            if (member.isEmpty() ? path.isEmpty() : path.size() == 1 && member.equals(path.get(0).asText())) {
                return i;
            }
        }
        throw new AssertionError(member + " is not in " + entries);
    }

    /** The label olap gave the owner of line {@code line}. */
    private static String memberLabel(JsonNode matrix, int line) {
        String member = matrix.path("cells").get(line).path("path").get(0).asText();
        return matrix.path("labels").path("owner").path(member).asText();
    }

    /** The label olap gave a member of a dimension (the member itself when it has none). */
    private static String label(JsonNode matrix, String dimension, String member) {
        JsonNode label = matrix.path("labels").path(dimension).path(member);
        return label.isMissingNode() ? member : label.asText();
    }

    private static BigDecimal sum(List<Deal> deals, String owner, String stage) {
        return deals.stream().filter(d -> d.owner().equals(owner) && d.stage().equals(stage)).map(Deal::amount)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    // --- the files ---------------------------------------------------------------------------------------------------

    /**
     * The grid of an export of a one-row-dimension, one-column-dimension, one-measure pivot (olap/DESIGN.md "Export"):
     * row 0 the column dimension's title and the column members, row 1 the row dimension's title and the measure, then
     * one row per line of the JSON, its member's label (or the total's title) and its numbers in the JSON's key order.
     */
    private static void assertGridMatches(List<List<String>> grid, JsonNode matrix, String rowTitle, String columnTitle,
            String measureTitle, String totalTitle) {
        JsonNode keys = matrix.path("columnKeys");
        JsonNode cells = matrix.path("cells");
        assertThat(grid).hasSize(2 + cells.size());
        List<String> header = new ArrayList<>(List.of(columnTitle));
        keys.forEach(k -> header.add(k.path("path").isEmpty() ? totalTitle : label(matrix, "stage", k.path("path").get(0).asText())));
        assertThat(grid.get(0)).containsExactlyElementsOf(header);
        List<String> measures = new ArrayList<>(List.of(rowTitle));
        keys.forEach(k -> measures.add(measureTitle));
        assertThat(grid.get(1)).containsExactlyElementsOf(measures);
        for (int line = 0; line < cells.size(); line++) {
            JsonNode cell = cells.get(line);
            List<String> row = grid.get(2 + line);
            assertThat(row.get(0)).isEqualTo(cell.path("path").isEmpty() ? totalTitle : label(matrix, "owner", cell.path("path").get(0).asText()));
            assertThat(row).hasSize(1 + keys.size());
            for (int k = 0; k < keys.size(); k++) {
                assertThat(new BigDecimal(row.get(1 + k))).as("line %d key %d", line, k)
                        .isEqualByComparingTo(cell.path("values").get(k).path("amountBase").decimalValue());
            }
        }
    }

    /** Every row of the first sheet as text: strings as they are, numbers as plain decimals. */
    private static List<List<String>> readXlsx(Path file) throws IOException {
        List<List<String>> grid = new ArrayList<>();
        try (InputStream in = Files.newInputStream(file); Workbook book = new XSSFWorkbook(in)) {
            Sheet sheet = book.getSheetAt(0);
            for (int r = 0; r <= sheet.getLastRowNum(); r++) {
                Row row = sheet.getRow(r);
                List<String> texts = new ArrayList<>();
                for (int c = 0; row != null && c < row.getLastCellNum(); c++) {
                    Cell cell = row.getCell(c);
                    texts.add(cell == null ? "" : cell.getCellType() == CellType.NUMERIC
                            ? BigDecimal.valueOf(cell.getNumericCellValue()).toPlainString() : cell.getStringCellValue());
                }
                grid.add(texts);
            }
        }
        return grid;
    }

    /** The CSV's lines split at commas (no field of this pivot is quoted: names, stage labels, titles, numbers). */
    private static List<List<String>> readCsv(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        assertThat(text).startsWith("\uFEFF");
        List<List<String>> grid = new ArrayList<>();
        for (String line : text.substring(1).split("\r\n")) {
            if (!line.isEmpty()) {
                grid.add(List.of(line.split(",", -1)));
            }
        }
        return grid;
    }
}

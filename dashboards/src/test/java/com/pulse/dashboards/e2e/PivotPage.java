package com.pulse.dashboards.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.pulse.dashboards.cockpit.HeadlessChromium;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The analyst pivot page as the real-stack browser tests drive it: the builder's selects, the table's cells by their
 * {@code data-*} coordinates (olap's keys, not the labels shown), and the same cells read from olap's JSON, so a table
 * and an answer compare as two maps.
 */
final class PivotPage {

    /** How the page joins the members of a path in {@code data-path}/{@code data-row}/{@code data-column}. */
    static final String SEP = "\u0001";
    static final Duration WAIT = Duration.ofSeconds(30);

    /** The table's figure cell at arguments[0] row path × arguments[1] column path of measure arguments[2], if drawn. */
    private static final String FIND_CELL = "Array.from(document.querySelectorAll('#pivot-table td.v')).find(td =>"
            + " td.dataset.row === arguments[0] && td.dataset.column === arguments[1] && td.dataset.measure === arguments[2])";

    private final HeadlessChromium chromium;

    PivotPage(HeadlessChromium chromium) {
        this.chromium = chromium;
    }

    /** Signs in through the form and waits for the pivot page's catalogue. */
    static PivotPage signIn(HeadlessChromium chromium, URI gateway, String username, String password) {
        chromium.browser().get(gateway + "/");
        CockpitBrowserIntegrationTests.signIn(chromium, username, password);
        chromium.waitUpTo(Duration.ofSeconds(15), b -> "/pivot.html".equals(chromium.currentPath()));
        PivotPage page = new PivotPage(chromium);
        page.awaitCatalogue();
        return page;
    }

    void awaitCatalogue() {
        chromium.waitUpTo(WAIT, b -> "Opportunities".equals(chromium.text("#cube option:checked")));
    }

    /** Rows, columns and measures picked with the selects and boxes, and the filter owner ∈ {@code owners}. */
    void build(List<String> rows, List<String> columns, List<String> measures, List<String> owners) {
        new Select(chromium.browser().findElement(By.id("cube"))).selectByValue("opportunities");
        rows.forEach(r -> new Select(chromium.browser().findElement(By.id("add-rows"))).selectByValue(r));
        columns.forEach(c -> new Select(chromium.browser().findElement(By.id("add-columns"))).selectByValue(c));
        for (WebElement box : chromium.browser().findElements(By.cssSelector("#measure-list input"))) {
            measure(box.getAttribute("value"), measures.contains(box.getAttribute("value")));
        }
        new Select(chromium.browser().findElement(By.id("filter-field"))).selectByValue("owner");
        chromium.browser().findElement(By.id("filter-members")).sendKeys(String.join(", ", owners));
        chromium.browser().findElement(By.id("filter-add")).click();
    }

    /** Ticks or unticks one measure's box. */
    void measure(String name, boolean on) {
        WebElement box = chromium.browser().findElement(By.cssSelector("#measure-list input[value='" + name + "']"));
        if (box.isSelected() != on) {
            box.click();
        }
    }

    /** Presses Run and waits until a table newer than the one shown is drawn. */
    void run() {
        awaitRedrawAfter(() -> chromium.browser().findElement(By.id("run")).click());
    }

    /** Does {@code action} and waits until the table has been drawn again (its {@code data-rendered-at} moved). */
    void awaitRedrawAfter(Runnable action) {
        String before = renderedAt();
        action.run();
        chromium.waitUpTo(WAIT, b -> {
            String now = renderedAt();
            return now != null && !now.equals(before) && !chromium.visible("#progress");
        });
    }

    private String renderedAt() {
        return chromium.browser().findElement(By.id("pivot-table")).getAttribute("data-rendered-at");
    }

    /** Every figure of the table: "row path|column path|measure" → olap's number as text ("" for none). */
    @SuppressWarnings("unchecked")
    Map<String, String> cells() {
        List<List<String>> cells = (List<List<String>>) chromium.script("return Array.from(document.querySelectorAll("
                + "'#pivot-table td.v')).map(td => [td.dataset.row, td.dataset.column, td.dataset.measure, td.dataset.value])");
        Map<String, String> byKey = new LinkedHashMap<>();
        cells.forEach(c -> byKey.put(c.get(0) + "|" + c.get(1) + "|" + c.get(2), normalised(c.get(3))));
        return byKey;
    }

    /** The first header cell of each body line, as shown (names and labels, "Total"). */
    @SuppressWarnings("unchecked")
    List<String> rowHeaders() {
        return (List<String>) chromium.script("return Array.from(document.querySelectorAll('#pivot-table tbody tr'))"
                + ".map(tr => tr.cells[0].textContent)");
    }

    /** The figure at row path × column path of one measure, as the cell's {@code data-value}. */
    WebElement cell(String row, String column, String measure) {
        return (WebElement) chromium.script("return " + FIND_CELL + " || null", row, column, measure);
    }

    /** The {@code data-value} of the figure at row path × column path of one measure ("" for a total); null before drawn. */
    String value(String row, String column, String measure) {
        // read in the page in one step: a table drawn again meanwhile leaves no stale element behind
        return (String) chromium.script("const td = " + FIND_CELL + "; return td ? td.dataset.value : null", row, column, measure);
    }

    /** The figures of olap's answer keyed as {@link #cells()} keys the table. */
    static Map<String, String> cells(JsonNode matrix) {
        Map<String, String> byKey = new LinkedHashMap<>();
        JsonNode keys = matrix.path("columnKeys");
        for (JsonNode line : matrix.path("cells")) {
            for (int k = 0; k < keys.size(); k++) {
                JsonNode values = line.path("values").get(k);
                for (JsonNode measure : matrix.path("measures")) {
                    JsonNode v = values.path(measure.asText());
                    byKey.put(path(line) + "|" + path(keys.get(k)) + "|" + measure.asText(),
                            v.isNull() || v.isMissingNode() ? "" : normalised(v.asText()));
                }
            }
        }
        return byKey;
    }

    static String path(JsonNode key) {
        List<String> members = new ArrayList<>();
        key.path("path").forEach(m -> members.add(m.asText()));
        return String.join(SEP, members);
    }

    /** JavaScript writes 50000.1 where olap's JSON has 50000.10: both compare as the same decimal. */
    private static String normalised(String number) {
        return number == null || number.isEmpty() ? "" : new BigDecimal(number).stripTrailingZeros().toPlainString();
    }
}

package com.pulse.olap.query;

import java.util.List;
import java.util.Optional;

/**
 * What the drill-through of a cube answers for each fact: the fields of a record, the key records are ordered and
 * paged by, and where the record opens in the api. Kept beside the catalogue rather than in {@link Cube} so that a
 * cube without records yet is simply not listed here.
 *
 * @param key     SQL of a unique, immutable text key: records are ordered by it and a cursor resumes after it
 * @param hrefPrefix the api path a record's key is appended to
 */
public record DrillThrough(Cube cube, String key, String hrefPrefix, List<RecordColumn> columns) {

    public static final DrillThrough OPPORTUNITIES = opportunities();

    public static final DrillThrough OPEN_DEALS = openDeals();

    private static final List<DrillThrough> ALL = List.of(OPPORTUNITIES, OPEN_DEALS);

    public DrillThrough {
        columns = List.copyOf(columns);
    }

    public static Optional<DrillThrough> of(String cube) {
        return ALL.stream().filter(d -> d.cube().name().equals(cube)).findFirst();
    }

    public static List<String> cubeNames() {
        return ALL.stream().map(d -> d.cube().name()).toList();
    }

    // Dimension fields are answered as the same member text the pivot shows, so a record can be matched to its cell.
    private static DrillThrough opportunities() {
        Cube c = CubeCatalogue.OPPORTUNITIES;
        return new DrillThrough(c, "toString(id)", "/api/v1/opportunities/", List.of(
                RecordColumn.text("id", "toString(id)"),
                RecordColumn.text("owner", dimension(c, "owner")),
                RecordColumn.text("team", dimension(c, "team")),
                RecordColumn.text("teamPath", "team_path"),
                RecordColumn.text("account", "toString(account_id)"),
                RecordColumn.text("region", dimension(c, "region")),
                RecordColumn.text("industry", dimension(c, "industry")),
                RecordColumn.text("tier", dimension(c, "tier")),
                RecordColumn.text("stage", dimension(c, "stage")),
                RecordColumn.text("forecastCategory", dimension(c, "forecastCategory")),
                new RecordColumn("amountBase", "toString(amount_base)", RecordColumn.Kind.MONEY),
                new RecordColumn("probability", "probability", RecordColumn.Kind.INTEGER),
                new RecordColumn("expectedCloseDate", "toString(expected_close_date)", RecordColumn.Kind.DAY),
                new RecordColumn("createdAt", "toUnixTimestamp(created_at)", RecordColumn.Kind.INSTANT),
                new RecordColumn("closedAt", "toUnixTimestamp(closed_at)", RecordColumn.Kind.INSTANT),
                new RecordColumn("updatedAt", "toUnixTimestamp(updated_at)", RecordColumn.Kind.INSTANT)));
    }

    // the deal (its name is the api's, through href), where it is and since when
    private static DrillThrough openDeals() {
        Cube c = CubeCatalogue.OPEN_DEALS;
        return new DrillThrough(c, "toString(opportunity_id)", "/api/v1/opportunities/", List.of(
                RecordColumn.text("id", "toString(opportunity_id)"),
                RecordColumn.text("owner", dimension(c, "owner")),
                RecordColumn.text("team", dimension(c, "team")),
                RecordColumn.text("teamPath", "team_path"),
                RecordColumn.text("region", dimension(c, "region")),
                RecordColumn.text("stage", dimension(c, "stage")),
                RecordColumn.text("forecastCategory", dimension(c, "forecastCategory")),
                new RecordColumn("amountBase", "toString(amount_base)", RecordColumn.Kind.MONEY),
                new RecordColumn("enteredAt", "toUnixTimestamp(entered_at)", RecordColumn.Kind.INSTANT)));
    }

    private static String dimension(Cube cube, String name) {
        return cube.dimension(name).orElseThrow().sql();
    }
}

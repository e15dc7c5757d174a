package com.pulse.olap.pivot;

import com.pulse.olap.labels.Language;
import com.pulse.olap.labels.PivotLabeller;
import com.pulse.olap.query.Cube;
import com.pulse.olap.query.CubeCatalogue;
import com.pulse.olap.query.Filter;
import com.pulse.olap.query.PivotMatrix;
import com.pulse.olap.query.PivotQuery;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The cube catalogue and pivots over it (DESIGN.md "Pivots"). */
@RestController
class PivotController {

    private final PivotReader reader;
    private final PivotLabeller labeller;

    PivotController(PivotReader reader, PivotLabeller labeller) {
        this.reader = reader;
        this.labeller = labeller;
    }

    @GetMapping("/olap/v1/cubes")
    CubesJson cubes() {
        return new CubesJson(CubeCatalogue.cubes().stream().map(CubesJson.CubeJson::of).toList());
    }

    // A missing or unreadable body is Spring's 400 problem+json; names and values are checked by PivotQuery.
    // Members are labelled in ?lang= or Accept-Language, owners and teams named with the caller's own token.
    @PostMapping(path = "/olap/v1/pivot", consumes = MediaType.APPLICATION_JSON_VALUE)
    PivotMatrix pivot(@RequestBody PivotQuery query, @RequestParam(required = false) String lang,
                      @RequestHeader(name = HttpHeaders.ACCEPT_LANGUAGE, required = false) String acceptLanguage,
                      @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
        Language language = Language.choose(lang, acceptLanguage);
        return labeller.label(reader.pivot(query), language, authorization);
    }

    /** {@code GET /olap/v1/cubes}: every cube with its dimensions, measures and filter fields, labelled. */
    record CubesJson(List<CubeJson> cubes) {

        record Named(String name, String labelEn, String labelZhCN) {
        }

        record DimensionJson(String name, String labelEn, String labelZhCN, String grain) {
        }

        record FilterJson(String field, String labelEn, String labelZhCN, List<String> ops) {
        }

        record CubeJson(String name, String labelEn, String labelZhCN, List<DimensionJson> dimensions,
                        List<Named> measures, List<FilterJson> filters) {

            static CubeJson of(Cube cube) {
                List<FilterJson> filters = new ArrayList<>();
                cube.dimensions().values().forEach(d ->
                        filters.add(new FilterJson(d.name(), d.labels().en(), d.labels().zhCN(), List.of("eq", "in"))));
                cube.numberFields().values().forEach(f ->
                        filters.add(new FilterJson(f.name(), f.labels().en(), f.labels().zhCN(), List.of("range"))));
                cube.dateFields().values().forEach(f ->
                        filters.add(new FilterJson(f.name(), f.labels().en(), f.labels().zhCN(), Filter.DATE_OPS)));
                return new CubeJson(cube.name(), cube.labels().en(), cube.labels().zhCN(),
                        cube.dimensions().values().stream().map(d -> new DimensionJson(d.name(), d.labels().en(),
                                d.labels().zhCN(), d.grain() == null ? null : d.grain().name().toLowerCase(Locale.ROOT))).toList(),
                        cube.measures().values().stream().map(m -> new Named(m.name(), m.labels().en(), m.labels().zhCN())).toList(),
                        filters);
            }
        }
    }
}

package com.pulse.olap.query;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a pivot may be asked over one fact table: its dimensions, measures and filterable fields, each by name.
 * Every SQL identifier a pivot uses comes from here; what a caller sends is only ever looked up by name.
 *
 * @param from   the table read, with FINAL (ReplacingMergeTree: the latest version of each fact)
 * @param always     the condition every query of the cube carries first (e.g. not deleted)
 * @param components what every group selects, for the measures ({@link Component})
 * @param scope      how the caller's data scope is applied to the cube's facts
 */
public record Cube(String name, Labels labels, String from, String always,
                   Map<String, Dimension> dimensions, Map<String, Measure> measures,
                   Map<String, DateField> dateFields, Map<String, NumberField> numberFields,
                   List<Component> components, ScopeSql scope) {

    static Cube of(String name, Labels labels, String from, String always, List<Dimension> dimensions,
                   List<Measure> measures, List<DateField> dateFields, List<NumberField> numberFields,
                   List<Component> components, ScopeSql scope) {
        Map<String, Dimension> d = new LinkedHashMap<>();
        dimensions.forEach(x -> d.put(x.name(), x));
        Map<String, Measure> m = new LinkedHashMap<>();
        measures.forEach(x -> m.put(x.name(), x));
        Map<String, DateField> df = new LinkedHashMap<>();
        dateFields.forEach(x -> df.put(x.name(), x));
        Map<String, NumberField> nf = new LinkedHashMap<>();
        numberFields.forEach(x -> nf.put(x.name(), x));
        // unmodifiable views keep the catalogue's order
        return new Cube(name, labels, from, always, Collections.unmodifiableMap(d), Collections.unmodifiableMap(m),
                Collections.unmodifiableMap(df), Collections.unmodifiableMap(nf), List.copyOf(components), scope);
    }

    public Optional<Dimension> dimension(String name) {
        return Optional.ofNullable(name).map(dimensions::get);
    }

    public Optional<Measure> measure(String name) {
        return Optional.ofNullable(name).map(measures::get);
    }
}

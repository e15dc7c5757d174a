package com.pulse.clickhouse;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSONEachRow in both directions. Reading keeps numbers exact (Decimal → BigDecimal, integers → Long);
 * writing puts BigDecimal as plain digits (18.16 cannot parse {@code 1E+3} or a quoted decimal) and
 * date-times as {@code YYYY-MM-DD hh:mm:ss} in UTC, the only DateTime text 18.16 reads.
 */
final class JsonRows {

    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
            .registerModule(new SimpleModule("clickhouse-text")
                    .addSerializer(Instant.class, text(i -> dateTime(LocalDateTime.ofInstant(i, ZoneOffset.UTC))))
                    .addSerializer(LocalDateTime.class, text(JsonRows::dateTime))
                    .addSerializer(OffsetDateTime.class, text(t -> dateTime(LocalDateTime.ofInstant(t.toInstant(), ZoneOffset.UTC))))
                    .addSerializer(LocalDate.class, text(LocalDate::toString)));

    private static final ObjectReader ROW_READER = MAPPER.readerFor(new TypeReference<LinkedHashMap<String, Object>>() { });
    private static final ObjectWriter ROW_WRITER = MAPPER.writer();

    private JsonRows() {
    }

    static List<Map<String, Object>> read(InputStream in) throws IOException {
        List<Map<String, Object>> rows = new ArrayList<>();
        try (MappingIterator<Map<String, Object>> it = ROW_READER.readValues(in)) {
            while (it.hasNextValue()) {
                Map<String, Object> row = it.nextValue();
                row.replaceAll((column, value) -> widened(value));
                rows.add(row);
            }
        }
        return rows;
    }

    /** Small integers arrive as Integer; callers get Long (or BigInteger beyond it) whatever the size. */
    private static Object widened(Object value) {
        if (value instanceof Integer i) {
            return i.longValue();
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(v -> copy.add(widened(v)));
            return copy;
        }
        return value;
    }

    static void write(List<Map<String, Object>> rows, OutputStream out) throws IOException {
        for (Map<String, Object> row : rows) {
            out.write(ROW_WRITER.writeValueAsBytes(row));
            out.write('\n');
        }
    }

    private static String dateTime(LocalDateTime t) {
        return t.truncatedTo(ChronoUnit.SECONDS).format(DATE_TIME);
    }

    private interface Text<T> {
        String of(T value);
    }

    private static <T> JsonSerializer<T> text(Text<T> f) {
        return new JsonSerializer<>() {
            @Override
            public void serialize(T value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
                gen.writeString(f.of(value));
            }
        };
    }
}

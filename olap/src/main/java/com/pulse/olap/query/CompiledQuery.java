package com.pulse.olap.query;

import java.util.List;

/** SQL with {@code ?} placeholders and the values bound to them, for {@code ClickHouseSql.query(sql, params)}. */
public record CompiledQuery(String sql, List<Object> params) {

    public CompiledQuery {
        params = List.copyOf(params);
    }

    public Object[] paramArray() {
        return params.toArray();
    }
}

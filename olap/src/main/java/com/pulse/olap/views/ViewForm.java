package com.pulse.olap.views;

import com.pulse.olap.query.PivotQuery;

/** The body of {@code POST} and {@code PUT /olap/v1/views}: a name, the pivot as {@code POST /olap/v1/pivot} takes it, and sharing. */
record ViewForm(String name, PivotQuery query, String sharing) {
}

package com.pulse.notifier.custom;

import com.pulse.olap.query.PivotQuery;

/** A saved OLAP view as olap stores it in ClickHouse's {@code saved_views} (V015). */
record SavedView(String id, String name, String ownerId, String ownerTeamId, String sharing, PivotQuery query) {
}

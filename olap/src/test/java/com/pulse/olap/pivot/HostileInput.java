package com.pulse.olap.pivot;

import com.pulse.clickhouse.dualengine.HostileStrings;
import java.util.ArrayList;
import java.util.List;

/** Names and values that try to reach SQL text: the shared hostile strings and identifier look-alikes. */
final class HostileInput {

    private HostileInput() {
    }

    static List<String> strings() {
        List<String> out = new ArrayList<>(HostileStrings.ALL);
        out.addAll(List.of(
                "owner_id", "team_path", "amount_base", "deleted", "stage) FROM system.tables --", "stage, (SELECT 1)",
                "sleep(3)", "count()", "sum(amount_base)", "1=1", "STAGE", " stage", "stage ", "stage\u0000",
                "stage;DROP TABLE opportunities", "`stage`", "\"stage\"", "toString(owner_id)", "(none)", "member",
                "d0", "c_count", "-- comment", "/* comment */", "region' OR 'a'='a", "\\", "%", "_", "null",
                "2026-13", "2026-02-30", "1e309", "NaN", "-1", "99999999999999999999"));
        return out;
    }
}

package com.pulse.olap.labels;

import com.pulse.clickhouse.ClickHouseGateway;
import com.pulse.devstack.Devstack;
import com.pulse.devstack.TestNamespace;
import com.pulse.olap.query.PivotFixture;
import java.util.List;
import java.util.Map;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * What the label tests over HTTP stand on: a devstack namespace of the test class's own holding {@link PivotFixture}'s
 * opportunities, and the api's directory played by a {@link DirectoryStub} that knows {@link #USERS} and {@link #TEAMS}.
 * Auth is off in these tests, so olap forwards whatever {@code Authorization} the caller sent ({@link #TOKEN}).
 */
final class LabelsFixture {

    static final String TOKEN = "Bearer forwarded-as-is";
    static final Map<String, String> USERS = Map.of(PivotFixture.R1, "王芳", PivotFixture.R2, "Li Lei", PivotFixture.R3, "Zhang Wei");
    static final Map<String, String> TEAMS = Map.of(PivotFixture.A, "East China", PivotFixture.E, "华南团队", PivotFixture.D, "Sales");

    private final TestNamespace ns;
    private final DirectoryStub api = new DirectoryStub(USERS, TEAMS);

    LabelsFixture(Class<?> test) {
        this.ns = Devstack.get().newNamespace(test);
    }

    DirectoryStub api() {
        return api;
    }

    void register(DynamicPropertyRegistry r) {
        ns.springProperties().forEach((k, v) -> r.add(k, () -> v));
        r.add("pulse.company.time-zone", () -> "Asia/Shanghai");
        r.add("pulse.olap.api-url", api::url);
        // every answer asks again, so each one's requests can be counted
        r.add("pulse.olap.names.cache-seconds", () -> "0");
    }

    void load(ClickHouseGateway gateway) {
        gateway.migrate();
        for (Map<String, Object> row : PivotFixture.opportunities()) {
            gateway.insertJsonEachRow("opportunities", List.of(row));
        }
    }

    /** Before each test: the directory answers again, and has counted nothing yet. */
    void reset() {
        api.answer(200);
        api.clear();
    }
}

package com.pulse.olap.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.pulse.clickhouse.ClickHouseException;
import com.pulse.clickhouse.ClickHouseGateway;
import com.pulse.clickhouse.ClickHouseSettings;
import com.pulse.devstack.Devstack;
import com.pulse.devstack.TestNamespace;
import org.junit.jupiter.api.Test;

/**
 * A statement stopped by its {@code max_execution_time} (how pivots are limited) is told apart from an unreachable
 * server and from a refused statement: it is answered 422, not 503 or 500.
 */
class TimeLimitIntegrationTests {

    @Test
    void aStatementOverItsTimeLimitIsRecognisedAsTimedOut() {
        TestNamespace ns = Devstack.get().newNamespace(TimeLimitIntegrationTests.class);
        try (ClickHouseGateway gateway = new ClickHouseGateway(new ClickHouseSettings(ns.clickhouseUrl(), "default", "default", ""))) {
            ClickHouseException e = catchThrowableOfType(ClickHouseException.class,
                    () -> gateway.query("SELECT count() AS n FROM system.numbers SETTINGS max_execution_time = ?", 1));
            assertThat(Problems.timedOut(e)).isTrue();
            assertThat(Problems.unreachable(e)).isFalse();
            ClickHouseException refused = catchThrowableOfType(ClickHouseException.class,
                    () -> gateway.query("SELECT no_such_column FROM system.one"));
            assertThat(Problems.timedOut(refused)).isFalse();
        }
    }
}

package com.pulse.olap.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.clickhouse.client.api.ClientException;
import com.clickhouse.client.api.ServerException;
import com.pulse.clickhouse.ClickHouseException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class ProblemsTests {

    @Test
    void aRefusedConnectionABrokenOneAndNoAnswerInTimeMeanClickHouseIsUnreachable() {
        assertThat(Problems.unreachable(new ClickHouseException("x",
                new ClientException("Query request failed", new ConnectException("Connection refused"))))).isTrue();
        assertThat(Problems.unreachable(new ClickHouseException("x", new SocketTimeoutException("Read timed out")))).isTrue();
        assertThat(Problems.unreachable(new ClickHouseException("no answer within 120 s", new TimeoutException()))).isTrue();
    }

    @Test
    void anErrorAnsweredByTheServerIsNotUnavailability() {
        assertThat(Problems.unreachable(new ClickHouseException("x",
                new ServerException(ServerException.TABLE_NOT_FOUND, "Table x doesn't exist", 404, "q1")))).isFalse();
        assertThat(Problems.unreachable(new ClickHouseException("cannot read the result", new IllegalStateException("bad JSON")))).isFalse();
    }
}

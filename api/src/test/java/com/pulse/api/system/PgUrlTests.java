package com.pulse.api.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PgUrlTests {

    @Test
    void readsHostPortDatabaseAndCredentialsFromTheQuery() {
        PgUrl url = PgUrl.parse("jdbc:postgresql://127.0.0.1:54329/pulse?user=postgres&password=s%3Dcret%26x");

        assertThat(url.host()).isEqualTo("127.0.0.1");
        assertThat(url.port()).isEqualTo(54329);
        assertThat(url.database()).isEqualTo("pulse");
        assertThat(url.user()).isEqualTo("postgres");
        assertThat(url.password()).isEqualTo("s=cret&x");
        assertThat(url.options()).isEmpty();
    }

    @Test
    void jdbcUrlForFlywayDropsTheCredentialsButKeepsOtherOptions() {
        PgUrl url = PgUrl.parse("jdbc:postgresql://db.example:5433/crm?user=app&password=pw&sslmode=require");

        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example:5433/crm?sslmode=require");
        assertThat(url.options()).isEqualTo(Map.of("sslmode", "require"));
        assertThat(url.toString()).doesNotContain("pw");
    }

    @Test
    void defaultsPortUserAndDatabaseLikePostgresDoes() {
        PgUrl url = PgUrl.parse("jdbc:postgresql://localhost");

        assertThat(url.port()).isEqualTo(5432);
        assertThat(url.user()).isEqualTo("postgres");
        assertThat(url.database()).isEqualTo("postgres");
        assertThat(url.password()).isNull();
    }

    @Test
    void understandsIpv6Literals() {
        PgUrl url = PgUrl.parse("jdbc:postgresql://[::1]:6543/pulse?user=u");

        assertThat(url.host()).isEqualTo("::1");
        assertThat(url.port()).isEqualTo(6543);
        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://[::1]:6543/pulse");
    }

    @Test
    void refusesWhatItCannotConnectTo() {
        assertThatThrownBy(() -> PgUrl.parse("postgres://localhost/pulse")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PgUrl.parse("jdbc:postgresql://a:1,b:2/pulse")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PgUrl.parse("jdbc:postgresql://h:port/pulse?password=secret"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("secret");
        assertThatThrownBy(() -> PgUrl.parse(null)).isInstanceOf(IllegalArgumentException.class);
    }
}

package com.pulse.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SqlLiteralTests {

    @Test
    void quotesAndBackslashesAreEscapedWithABackslash() {
        assertThat(SqlLiteral.of("O'Brien")).isEqualTo("'O\\'Brien'");
        assertThat(SqlLiteral.of("a\\b")).isEqualTo("'a\\\\b'");
        assertThat(SqlLiteral.of("\\'")).isEqualTo("'\\\\\\''");
    }

    @Test
    void anInjectionAttemptStaysInsideOneLiteral() {
        assertThat(SqlLiteral.of("'; DROP TABLE x; --")).isEqualTo("'\\'; DROP TABLE x; --'");
        assertThat(SqlLiteral.of("\\'; DROP TABLE x; --")).isEqualTo("'\\\\\\'; DROP TABLE x; --'");
    }

    @Test
    void controlCharactersBecomeEscapes() {
        assertThat(SqlLiteral.of("a\nb\rc\td\0e\bf\fg")).isEqualTo("'a\\nb\\rc\\td\\0e\\bf\\fg'");
        assertThat(SqlLiteral.of("\u0001\u001F\u007F")).isEqualTo("'\\x01\\x1F\\x7F'");
    }

    @Test
    void unicodeIsKeptAsIs() {
        assertThat(SqlLiteral.of("中文 😀 é")).isEqualTo("'中文 😀 é'");
    }

    @Test
    void numbersAreDigits() {
        assertThat(SqlLiteral.of(42)).isEqualTo("42");
        assertThat(SqlLiteral.of(-7L)).isEqualTo("-7");
        assertThat(SqlLiteral.of((short) 3)).isEqualTo("3");
        assertThat(SqlLiteral.of(new BigInteger("18446744073709551615"))).isEqualTo("18446744073709551615");
        assertThat(SqlLiteral.of(1.5e10)).isEqualTo("15000000000");
        assertThat(SqlLiteral.of(0.25f)).isEqualTo("0.25");
    }

    @Test
    void nonFiniteNumbersAreRefused() {
        assertThatThrownBy(() -> SqlLiteral.of(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SqlLiteral.of(Double.POSITIVE_INFINITY)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void decimalsAreTypedSoTheyCompareWithDecimalColumns() {
        assertThat(SqlLiteral.of(new BigDecimal("12.34"))).isEqualTo("toDecimal64('12.34', 2)");
        assertThat(SqlLiteral.of(new BigDecimal("-0.05"))).isEqualTo("toDecimal64('-0.05', 2)");
        assertThat(SqlLiteral.of(new BigDecimal("1E+3"))).isEqualTo("toDecimal64('1000', 0)");
        assertThat(SqlLiteral.of(new BigDecimal("12345678901234567890.5"))).isEqualTo("toDecimal128('12345678901234567890.5', 1)");
    }

    @Test
    void booleansAreOneAndZeroBecause1816HasNoBooleanLiterals() {
        assertThat(SqlLiteral.of(true)).isEqualTo("1");
        assertThat(SqlLiteral.of(false)).isEqualTo("0");
    }

    @Test
    void datesAndTimesAreTextInUtc() {
        assertThat(SqlLiteral.of(LocalDate.of(2026, 1, 2))).isEqualTo("'2026-01-02'");
        assertThat(SqlLiteral.of(Instant.parse("2026-01-02T03:04:05.678Z"))).isEqualTo("'2026-01-02 03:04:05'");
        assertThat(SqlLiteral.of(LocalDateTime.of(2026, 1, 2, 3, 4, 5))).isEqualTo("'2026-01-02 03:04:05'");
        assertThat(SqlLiteral.of(OffsetDateTime.of(2026, 1, 2, 11, 4, 5, 0, ZoneOffset.ofHours(8))))
                .isEqualTo("'2026-01-02 03:04:05'");
    }

    @Test
    void uuidsEnumsAndNull() {
        UUID id = UUID.fromString("123e4567-e89b-12d3-a456-426614174000");
        assertThat(SqlLiteral.of(id)).isEqualTo("'123e4567-e89b-12d3-a456-426614174000'");
        assertThat(SqlLiteral.of(java.time.DayOfWeek.MONDAY)).isEqualTo("'MONDAY'");
        assertThat(SqlLiteral.of(null)).isEqualTo("NULL");
    }

    @Test
    void collectionsBecomeTuplesForIn() {
        assertThat(SqlLiteral.of(List.of("a'", 1, true))).isEqualTo("('a\\'', 1, 1)");
        assertThat(SqlLiteral.of(Set.of("only"))).isEqualTo("('only')");
        assertThatThrownBy(() -> SqlLiteral.of(List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void unknownTypesAreRefusedRatherThanRenderedWithToString() {
        assertThatThrownBy(() -> SqlLiteral.of(new Object())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void identifiersArePlainNamesOnly() {
        assertThat(SqlLiteral.identifier("funnel_snapshot")).isEqualTo("funnel_snapshot");
        assertThat(SqlLiteral.identifier("pulse.funnel_snapshot")).isEqualTo("pulse.funnel_snapshot");
        for (String bad : List.of("", "1abc", "a-b", "a b", "x; DROP TABLE y", "`x`", "a.b.c", "x'", "a".repeat(65))) {
            assertThatThrownBy(() -> SqlLiteral.identifier(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> SqlLiteral.simpleIdentifier("db.t")).isInstanceOf(IllegalArgumentException.class);
    }
}

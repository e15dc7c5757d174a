package com.pulse.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class SqlTemplateTests {

    @Test
    void placeholdersAreReplacedInOrder() {
        assertThat(SqlTemplate.bind("SELECT * FROM t WHERE a = ? AND b IN ?", "x'y", List.of(1, 2)))
                .isEqualTo("SELECT * FROM t WHERE a = 'x\\'y' AND b IN (1, 2)");
    }

    @Test
    void aQuestionMarkInsideALiteralIdentifierOrCommentIsNotAPlaceholder() {
        String sql = "SELECT '?', 'it\\'s ?', 'a''?', \"?\", `?` -- ?\n/* ? */ WHERE x = ?";
        assertThat(SqlTemplate.bind(sql, 5)).isEqualTo(sql.substring(0, sql.length() - 1) + "5");
    }

    @Test
    void aValueContainingAQuestionMarkIsNotReplacedAgain() {
        assertThat(SqlTemplate.bind("SELECT ?, ?", "?", "b")).isEqualTo("SELECT '?', 'b'");
    }

    @Test
    void aCountMismatchIsRefused() {
        assertThatThrownBy(() -> SqlTemplate.bind("SELECT ?, ?", 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("more ? placeholders");
        assertThatThrownBy(() -> SqlTemplate.bind("SELECT ?", 1, 2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1 ? placeholders but 2 values");
        assertThatThrownBy(() -> SqlTemplate.bind("SELECT '?'", 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void noPlaceholdersAndNoValuesLeavesTheSqlAlone() {
        assertThat(SqlTemplate.bind("SELECT 1")).isEqualTo("SELECT 1");
        assertThat(SqlTemplate.bind("SELECT 1", (Object[]) null)).isEqualTo("SELECT 1");
    }

    @Test
    void aNullValueIsBoundAsNull() {
        assertThat(SqlTemplate.bind("SELECT ?", (Object) null)).isEqualTo("SELECT NULL");
    }

    @Test
    void anUnterminatedLiteralIsRefused() {
        assertThatThrownBy(() -> SqlTemplate.bind("SELECT 'abc", new Object[0])).isInstanceOf(IllegalArgumentException.class);
    }
}

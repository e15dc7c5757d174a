package com.pulse.devstack;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class NamesTests {

    @Test
    void hintIsTheSnakeCaseClassName() {
        assertThat(Names.hint("FunnelIntegrationTests")).isEqualTo("funnel_integration_tests");
        assertThat(Names.hint("OLAPQueryTests")).isEqualTo("olapquery_tests");
        assertThat(Names.hint("weird-Name with $pace")).isEqualTo("weird_name_with_pace");
    }

    @Test
    void hintIsShortAndNeverEmpty() {
        assertThat(Names.hint("AVeryLongIntegrationTestClassNameThatGoesOnAndOn")).hasSizeLessThanOrEqualTo(Names.HINT_MAX)
                .doesNotEndWith("_");
        assertThat(Names.hint("$$$")).isEqualTo("ns");
        assertThat(Names.hint("")).isEqualTo("ns");
    }

    @Test
    void namesAreSafeIdentifiersAndRecognisable() {
        String random = Names.random();
        String database = Names.database(Names.hint("Évil\"; DROP DATABASE pulse; --Tests"), random);

        assertThat(database).matches("[a-z0-9_]+").startsWith("t_").hasSizeLessThan(64);
        assertThat(Names.isNamespaceDatabase(database)).isTrue();
        assertThat(Names.isNamespaceTopic(Names.topicPrefix(random) + ".crm.opportunities.v1")).isTrue();
    }

    @Test
    void sharedNamesAreNeverTakenForTestNamespaces() {
        assertThat(Names.isNamespaceDatabase("pulse")).isFalse();
        assertThat(Names.isNamespaceDatabase("t_")).isFalse();
        assertThat(Names.isNamespaceDatabase("default")).isFalse();
        assertThat(Names.isNamespaceTopic("crm.opportunities.v1")).isFalse();
        assertThat(Names.isNamespaceTopic("pulse.agg.funnel.v1")).isFalse();
        assertThat(Names.isNamespaceTopic("__consumer_offsets")).isFalse();
        assertThat(Names.isNamespaceTopic("transactions.v1")).isFalse();
    }

    @Test
    void randomPartsDiffer() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            seen.add(Names.random());
        }
        assertThat(seen).hasSize(1000).allMatch(s -> s.matches("[a-z0-9]{8}"));
    }
}

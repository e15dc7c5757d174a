package com.pulse.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The published JSON Schemas describe exactly the fields the records serialise. */
class JsonSchemaTests {

    @ParameterizedTest
    @ValueSource(classes = {OpportunityChanged.class, AccountChanged.class, ContactChanged.class, CampaignChanged.class, ProductChanged.class, LeadChanged.class, FunnelChanged.class,
            ActivityChanged.class, TaskChanged.class, TargetChanged.class, UserChanged.class, TeamChanged.class,
            StageTransitioned.class, ForecastChanged.class, ForecastSnapshot.class, OwnerTeams.class, OpportunityFact.class, KpiChanged.class, LeadFact.class, ActivityFact.class,
            DeadLetter.class})
    void schemaPropertiesMatchTheRecord(Class<?> type) throws IOException {
        JsonNode schema = schema(type.getSimpleName());

        assertThat(names(schema.get("properties").fieldNames())).isEqualTo(components(type));
    }

    @ParameterizedTest
    @ValueSource(classes = {OpportunityChanged.class, AccountChanged.class, ContactChanged.class, CampaignChanged.class, ProductChanged.class, LeadChanged.class, FunnelChanged.class,
            ActivityChanged.class, TaskChanged.class, TargetChanged.class, UserChanged.class, TeamChanged.class,
            StageTransitioned.class, ForecastChanged.class, ForecastSnapshot.class, OwnerTeams.class, OpportunityFact.class, KpiChanged.class, LeadFact.class, ActivityFact.class,
            DeadLetter.class})
    void serialisedRecordsOnlyUseSchemaProperties(Class<?> type) throws IOException {
        JsonNode schema = schema(type.getSimpleName());
        Set<String> required = new HashSet<>();
        schema.get("required").forEach(n -> required.add(n.asText()));

        assertThat(components(type)).containsAll(required);
    }

    @org.junit.jupiter.api.Test
    void snapshotSchemaMatchesTheSnapshotRecord() throws IOException {
        JsonNode snapshot = schema("OpportunityChanged").get("$defs").get("OpportunitySnapshot");

        assertThat(names(snapshot.get("properties").fieldNames())).isEqualTo(components(OpportunitySnapshot.class));
        JsonNode json = EventJson.mapper().valueToTree(CloudEventCodecTests.sample().snapshot());
        assertThat(names(json.fieldNames())).isEqualTo(components(OpportunitySnapshot.class));
    }

    @org.junit.jupiter.api.Test
    void accountAndContactSnapshotSchemasMatchTheirRecords() throws IOException {
        JsonNode account = schema("AccountChanged").get("$defs").get("AccountSnapshot");
        JsonNode contact = schema("ContactChanged").get("$defs").get("ContactSnapshot");

        assertThat(names(account.get("properties").fieldNames())).isEqualTo(components(AccountSnapshot.class));
        assertThat(names(contact.get("properties").fieldNames())).isEqualTo(components(ContactSnapshot.class));
        JsonNode accountJson = EventJson.mapper().valueToTree(CloudEventCodecTests.sampleAccount().snapshot());
        JsonNode contactJson = EventJson.mapper().valueToTree(CloudEventCodecTests.sampleContact().snapshot());
        assertThat(names(accountJson.fieldNames())).isEqualTo(components(AccountSnapshot.class));
        assertThat(names(contactJson.fieldNames())).isEqualTo(components(ContactSnapshot.class));
    }

    @org.junit.jupiter.api.Test
    void campaignAndLeadSnapshotSchemasMatchTheirRecords() throws IOException {
        JsonNode campaign = schema("CampaignChanged").get("$defs").get("CampaignSnapshot");
        JsonNode lead = schema("LeadChanged").get("$defs").get("LeadSnapshot");

        assertThat(names(campaign.get("properties").fieldNames())).isEqualTo(components(CampaignSnapshot.class));
        assertThat(names(lead.get("properties").fieldNames())).isEqualTo(components(LeadSnapshot.class));
    }

    @org.junit.jupiter.api.Test
    void activityTaskAndTargetSnapshotSchemasMatchTheirRecords() throws IOException {
        assertThat(names(schema("ActivityChanged").get("$defs").get("ActivitySnapshot").get("properties").fieldNames()))
                .isEqualTo(components(ActivitySnapshot.class));
        assertThat(names(schema("TaskChanged").get("$defs").get("TaskSnapshot").get("properties").fieldNames()))
                .isEqualTo(components(TaskSnapshot.class));
        assertThat(names(schema("TargetChanged").get("$defs").get("TargetSnapshot").get("properties").fieldNames()))
                .isEqualTo(components(TargetSnapshot.class));
    }

    @org.junit.jupiter.api.Test
    void userAndTeamSnapshotSchemasMatchTheirRecordsAndHoldNoPassword() throws IOException {
        assertThat(names(schema("UserChanged").get("$defs").get("UserSnapshot").get("properties").fieldNames()))
                .isEqualTo(components(UserSnapshot.class))
                .noneMatch(n -> n.toLowerCase(java.util.Locale.ROOT).contains("password"));
        assertThat(names(schema("TeamChanged").get("$defs").get("TeamSnapshot").get("properties").fieldNames()))
                .isEqualTo(components(TeamSnapshot.class));
    }

    private static JsonNode schema(String name) throws IOException {
        try (InputStream in = JsonSchemaTests.class.getResourceAsStream("/schemas/" + name + ".schema.json")) {
            assertThat(in).as("schema file for " + name).isNotNull();
            return EventJson.mapper().readTree(in);
        }
    }

    private static Set<String> components(Class<?> type) {
        Set<String> names = new HashSet<>();
        Arrays.stream(type.getRecordComponents()).map(RecordComponent::getName).forEach(names::add);
        return names;
    }

    private static Set<String> names(Iterator<String> it) {
        Set<String> names = new HashSet<>();
        it.forEachRemaining(names::add);
        return names;
    }
}

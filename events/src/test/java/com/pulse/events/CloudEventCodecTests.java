package com.pulse.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cloudevents.CloudEvent;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CloudEventCodecTests {

    static OpportunityChanged sample() {
        UUID id = UUID.randomUUID();
        Instant now = Instant.parse("2026-11-27T10:15:30.123Z");
        var snapshot = new OpportunitySnapshot(id, UUID.randomUUID(), UUID.randomUUID(), "Big \"deal\" 大单",
                "PROPOSAL", new BigDecimal("12345.67"), "EUR", new BigDecimal("98765.43"), 60, "BEST_CASE",
                LocalDate.of(2027, 1, 31), null, now, now, false, 3, "REFERRAL", null, List.of("Acme", "金山"),
                List.of(new OpportunityLine(UUID.randomUUID(), "SRV-100", "Server", "Hardware", new BigDecimal("2.5000"),
                        new BigDecimal("4000.00"), new BigDecimal("12.50"), new BigDecimal("8750.00"))));
        return new OpportunityChanged(UUID.randomUUID(), id, 3, Operation.UPDATED, "user-1", now, snapshot);
    }

    static AccountChanged sampleAccount() {
        UUID id = UUID.randomUUID();
        Instant now = Instant.parse("2026-11-27T10:15:30.123456Z");
        var snapshot = new AccountSnapshot(id, "上海精密 \"Precision\"", "Manufacturing", "East China", "A", "CUSTOMER",
                UUID.randomUUID(), UUID.randomUUID(), List.of(UUID.randomUUID(), UUID.randomUUID()), "ACTIVE", now, now, false, 2);
        return new AccountChanged(UUID.randomUUID(), id, 2, Operation.UPDATED, "user-1", now, snapshot);
    }

    static ContactChanged sampleContact() {
        UUID id = UUID.randomUUID();
        Instant now = Instant.parse("2026-11-27T10:15:30.123456Z");
        var snapshot = new ContactSnapshot(id, UUID.randomUUID(), "王芳", "CFO", "+8613812345678", "wang.fang@example.cn",
                LocalDate.of(1985, 4, 12), null, now, now, true, 4);
        return new ContactChanged(UUID.randomUUID(), id, 4, Operation.DELETED, "user-1", now, snapshot);
    }

    @Test
    void roundTripsAccountAndContactChangesByTheirType() {
        AccountChanged account = sampleAccount();
        ContactChanged contact = sampleContact();

        byte[] accountBytes = CloudEventCodec.encode(account, "/pulse/api");
        byte[] contactBytes = CloudEventCodec.encode(contact, "/pulse/api");

        assertThat(CloudEventCodec.decode(accountBytes)).isEqualTo(account);
        assertThat(CloudEventCodec.decode(contactBytes, ContactChanged.class)).isEqualTo(contact);
        assertThat(CloudEventCodec.parse(accountBytes).getType()).isEqualTo("com.pulse.crm.account.changed.v1");
        assertThatThrownBy(() -> CloudEventCodec.decode(contactBytes, AccountChanged.class))
                .isInstanceOf(EventFormatException.class);
    }

    @Test
    void roundTripsAnOpportunityChangeThroughStructuredJson() {
        OpportunityChanged event = sample();

        byte[] bytes = CloudEventCodec.encode(event, "/pulse/api");

        assertThat(CloudEventCodec.decode(bytes, OpportunityChanged.class)).isEqualTo(event);
    }

    @Test
    void setsTheCloudEventsAttributes() {
        OpportunityChanged event = sample();

        CloudEvent ce = CloudEventCodec.parse(CloudEventCodec.encode(event, "/pulse/api"));

        assertThat(ce.getSpecVersion().toString()).isEqualTo("1.0");
        assertThat(ce.getId()).isEqualTo(event.eventId().toString());
        assertThat(ce.getType()).isEqualTo(OpportunityChanged.TYPE);
        assertThat(ce.getSubject()).isEqualTo(event.aggregateId().toString());
        assertThat(ce.getSource().toString()).isEqualTo("/pulse/api");
        assertThat(String.valueOf(ce.getExtension(CloudEventCodec.EXT_VERSION))).isEqualTo("3");
        assertThat(ce.getExtension(CloudEventCodec.EXT_OPERATION)).isEqualTo("UPDATED");
        assertThat(ce.getTime().toInstant()).isEqualTo(event.occurredAt());
    }

    @Test
    void keepsAmountsExact() {
        String json = new String(CloudEventCodec.encode(sample(), "/pulse/api"), StandardCharsets.UTF_8);

        assertThat(json).contains("98765.43").contains("12345.67");
    }

    @Test
    void decodesMoneyWithItsExactDigitsAndScale() {
        OpportunityChanged event = sample();
        var s = event.snapshot();
        var big = new OpportunitySnapshot(s.id(), s.accountId(), s.ownerId(), s.name(), s.stage(),
                new BigDecimal("1234.50"), s.currency(), new BigDecimal("99999999999999.99"), s.probability(),
                s.forecastCategory(), s.expectedCloseDate(), s.closedAt(), s.createdAt(), s.updatedAt(), false, 3);
        event = new OpportunityChanged(event.eventId(), event.aggregateId(), 3, Operation.UPDATED, "u", event.occurredAt(), big);

        OpportunityChanged decoded = CloudEventCodec.decode(CloudEventCodec.encode(event, "/pulse/api"), OpportunityChanged.class);

        assertThat(decoded.snapshot().amount()).isEqualTo(new BigDecimal("1234.50"));
        assertThat(decoded.snapshot().amountBase()).isEqualTo(new BigDecimal("99999999999999.99"));
    }

    @Test
    void anEventWrittenBeforeSourceCompetitorsAndLinesExistedDecodesWithEmptyLists() {
        OpportunityChanged event = sample();
        String json = new String(CloudEventCodec.encode(event, "/pulse/api"), StandardCharsets.UTF_8)
                .replaceAll(",\\s*\"(source|lostReason)\":\\s*(null|\"[A-Z_]+\")", "")
                .replaceAll(",\\s*\"competitors\":\\s*\\[[^\\]]*\\]", "")
                .replaceAll(",\\s*\"lines\":\\s*\\[\\{[^\\]]*\\}\\]", "");
        assertThat(json).doesNotContain("competitors", "lines", "REFERRAL");

        OpportunityChanged decoded = CloudEventCodec.decode(json.getBytes(StandardCharsets.UTF_8), OpportunityChanged.class);

        assertThat(decoded.snapshot().competitors()).isEmpty();
        assertThat(decoded.snapshot().lines()).isEmpty();
        assertThat(decoded.snapshot().source()).isNull();
        assertThat(decoded.snapshot().amountBase()).isEqualTo(event.snapshot().amountBase());
    }

    @Test
    void productLinesRoundTripWithTheirExactDecimals() {
        OpportunityChanged event = sample();

        OpportunityChanged decoded = CloudEventCodec.decode(CloudEventCodec.encode(event, "/pulse/api"), OpportunityChanged.class);

        assertThat(decoded).isEqualTo(event);
        assertThat(decoded.snapshot().lines().get(0).quantity()).hasToString("2.5000");
        assertThat(decoded.snapshot().lines().get(0).discountPercent()).hasToString("12.50");
    }

    @Test
    void rejectsPoisonRecordsWithAFormatException() {
        assertThatThrownBy(() -> CloudEventCodec.decode("not json".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(EventFormatException.class);
        assertThatThrownBy(() -> CloudEventCodec.decode(new byte[0])).isInstanceOf(EventFormatException.class);
        String unknownType = "{\"specversion\":\"1.0\",\"id\":\"1\",\"source\":\"/x\",\"type\":\"nope\"}";
        assertThatThrownBy(() -> CloudEventCodec.decode(unknownType.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(EventFormatException.class).hasMessageContaining("nope");
    }

    @Test
    void topicsAreNamespacedByAPrefixOnlyWhenOneIsGiven() {
        assertThat(Topics.OPPORTUNITIES.qualified("")).isEqualTo("crm.opportunities.v1");
        assertThat(Topics.OPPORTUNITIES.qualified("t42")).isEqualTo("t42.crm.opportunities.v1");
    }

    @Test
    void theDefaultPipelineFollowsMetrics() {
        assertThat(Pipeline.DEFAULT.openStages()).extracting(PipelineStage::name)
                .containsExactly("PROSPECTING", "QUALIFICATION", "NEEDS_ANALYSIS", "PROPOSAL", "NEGOTIATION");
        assertThat(Pipeline.DEFAULT.stage("NEGOTIATION").orElseThrow().probability()).isEqualTo(80);
        assertThat(Pipeline.DEFAULT.isOpen("CLOSED_WON")).isFalse();
    }
}

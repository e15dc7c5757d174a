package com.pulse.streams.funnel;

import static org.assertj.core.api.Assertions.assertThat;

import com.pulse.events.CloudEventCodec;
import com.pulse.events.DeadLetter;
import com.pulse.events.EventJson;
import com.pulse.events.FunnelChanged;
import com.pulse.events.Operation;
import com.pulse.events.OpportunityChanged;
import com.pulse.events.OpportunitySnapshot;
import com.pulse.streams.TopicNames;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FunnelTopologyTests {

    static final TopicNames TOPICS = TopicNames.of("");
    static final Instant T0 = Instant.parse("2026-11-27T10:00:00Z");

    TopologyTestDriver driver;
    TestInputTopic<String, byte[]> opportunities;
    TestOutputTopic<String, byte[]> funnel;
    TestOutputTopic<String, byte[]> dlq;

    @BeforeEach
    void start() {
        StreamsBuilder builder = new StreamsBuilder();
        FunnelTopology.build(builder, TOPICS);
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "funnel-topology-tests");
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        config.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0);
        driver = new TopologyTestDriver(builder.build(), config);
        opportunities = driver.createInputTopic(TOPICS.opportunities(), new StringSerializer(), new ByteArraySerializer());
        funnel = driver.createOutputTopic(TOPICS.aggFunnel(), new StringDeserializer(), new ByteArrayDeserializer());
        dlq = driver.createOutputTopic(TOPICS.dlq(), new StringDeserializer(), new ByteArrayDeserializer());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    @Test
    void aNewDealEntersItsStage() {
        // when
        Deal deal = Deal.created("PROSPECTING", "1000.00", 10);
        send(deal);

        // then
        assertThat(cells()).containsExactly(cell("PROSPECTING", 1, "1000.00", "100.0000"));
    }

    @Test
    void movingADealForwardLeavesTheOldStageAndEntersTheNext() {
        // given
        Deal deal = Deal.created("PROPOSAL", "5000.00", 60);
        send(deal);
        cells();

        // when
        send(deal.next().stage("NEGOTIATION", 80));

        // then
        assertThat(cells()).containsExactly(
                cell("PROPOSAL", 0, "0.00", "0.0000"),
                cell("NEGOTIATION", 1, "5000.00", "4000.0000"));
    }

    @Test
    void movingADealBackReturnsItToTheEarlierStage() {
        // given
        Deal deal = Deal.created("NEGOTIATION", "200.00", 80);
        send(deal);
        send(deal = deal.next().stage("PROPOSAL", 60));
        cells();

        // when
        send(deal.next().stage("QUALIFICATION", 20));

        // then
        assertThat(cells()).containsExactly(
                cell("PROPOSAL", 0, "0.00", "0.0000"),
                cell("QUALIFICATION", 1, "200.00", "40.0000"));
        assertThat(latest()).containsEntry("NEGOTIATION", cell("NEGOTIATION", 0, "0.00", "0.0000"));
    }

    @Test
    void winningADealTakesItOutOfTheFunnel() {
        // given
        Deal other = Deal.created("NEGOTIATION", "100.00", 80);
        Deal deal = Deal.created("NEGOTIATION", "900.00", 80);
        send(other);
        send(deal);
        cells();

        // when
        send(deal.next().stage("CLOSED_WON", 100));

        // then: only NEGOTIATION changes; won deals count nowhere in the snapshot funnel
        assertThat(cells()).containsExactly(cell("NEGOTIATION", 1, "100.00", "80.0000"));
    }

    @Test
    void deletingADealRemovesItAndRestoringBringsItBack() {
        // given
        Deal deal = Deal.created("QUALIFICATION", "300.00", 20);
        send(deal);
        cells();

        // when
        send(deal = deal.next().deleted(true, Operation.DELETED));

        // then
        assertThat(cells()).containsExactly(cell("QUALIFICATION", 0, "0.00", "0.0000"));

        // when
        send(deal.next().deleted(false, Operation.RESTORED));

        // then
        assertThat(cells()).containsExactly(cell("QUALIFICATION", 1, "300.00", "60.0000"));
    }

    @Test
    void anAmountOrCurrencyChangeReplacesTheOldContribution() {
        // given
        Deal a = Deal.created("PROPOSAL", "1000.00", 60);
        Deal b = Deal.created("PROPOSAL", "10.00", 60);
        send(a);
        send(b);
        cells();

        // when: a is re-priced in USD; amountBase is what the API converted it to
        send(a.next().amount("150.00", "USD", "1083.45"));

        // then: the old contribution is subtracted and the new one added in one update of the same cell
        // (no transient "1 deal" message), exact to the cent and the weighted fraction
        assertThat(cells()).containsExactly(cell("PROPOSAL", 2, "1093.45", "656.0700"));
    }

    @Test
    void aDuplicateVersionIsIgnored() {
        // given
        Deal deal = Deal.created("PROSPECTING", "50.00", 10);
        send(deal);
        cells();

        // when
        send(deal);

        // then
        assertThat(funnel.isEmpty()).isTrue();
        assertThat(dlq.isEmpty()).isTrue();
    }

    @Test
    void anOlderVersionArrivingLateIsIgnored() {
        // given
        Deal v1 = Deal.created("PROSPECTING", "50.00", 10);
        Deal v2 = v1.next().stage("QUALIFICATION", 20);
        Deal v3 = v2.next().stage("NEEDS_ANALYSIS", 40);
        send(v1);
        send(v3);
        cells();

        // when
        send(v2);

        // then
        assertThat(funnel.isEmpty()).isTrue();
        assertThat(latest()).containsEntry("NEEDS_ANALYSIS", cell("NEEDS_ANALYSIS", 1, "50.00", "20.0000"));
    }

    @Test
    void aPoisonRecordGoesToTheDeadLetterTopicAndTheNextRecordIsStillProcessed() {
        // given
        byte[] poison = "{not a cloud event".getBytes(StandardCharsets.UTF_8);

        // when
        opportunities.pipeInput("broken-key", poison);
        send(Deal.created("PROSPECTING", "70.00", 10));

        // then
        List<KeyValue<String, byte[]>> letters = dlq.readKeyValuesToList();
        assertThat(letters).hasSize(1);
        DeadLetter letter = EventJson.read(letters.get(0).value, DeadLetter.class);
        assertThat(letter.sourceTopic()).isEqualTo(TOPICS.opportunities());
        assertThat(letter.sourceOffset()).isZero();
        assertThat(letter.consumer()).isEqualTo("pulse-streams");
        assertThat(letter.reason()).isNotBlank();
        assertThat(letter.payload()).isEqualTo("{not a cloud event");
        assertThat(cells()).containsExactly(cell("PROSPECTING", 1, "70.00", "7.0000"));
    }

    @Test
    void aRecordWhoseKeyIsNotTheOpportunityIdIsDeadLettered() {
        // when
        Deal deal = Deal.created("PROSPECTING", "70.00", 10);
        opportunities.pipeInput("someone-else", CloudEventCodec.encode(deal.event(), "/pulse/api"));

        // then
        assertThat(EventJson.read(dlq.readValue(), DeadLetter.class).reason()).contains("not the opportunity id");
        assertThat(funnel.isEmpty()).isTrue();
    }

    @Test
    void aChangeCrossesOnlyOneRepartitionTopicOnItsWayToTheFunnelTopic() {
        // given
        StreamsBuilder builder = new StreamsBuilder();
        FunnelTopology.build(builder, TOPICS);

        // then: under exactly-once every extra hop costs one more commit interval of latency. The input is read
        // by one sub-topology (funnel members, transitions, forecast members), which writes the funnel's
        // repartition topic; the sub-topology reading that topic writes the funnel topic.
        Set<TopologyDescription.Subtopology> subtopologies = builder.build().describe().subtopologies();
        TopologyDescription.Subtopology input = subtopologyWith(subtopologies, "opportunities");
        TopologyDescription.Subtopology output = subtopologyWith(subtopologies, "agg-funnel");
        assertThat(topics(input, TopologyDescription.Sink.class)).contains("by-company-stage-repartition");
        assertThat(topics(output, TopologyDescription.Source.class)).containsExactly("by-company-stage-repartition");
    }

    static TopologyDescription.Subtopology subtopologyWith(Set<TopologyDescription.Subtopology> all, String node) {
        return all.stream().filter(s -> s.nodes().stream().anyMatch(n -> n.name().equals(node))).findFirst().orElseThrow();
    }

    static List<String> topics(TopologyDescription.Subtopology subtopology, Class<? extends TopologyDescription.Node> type) {
        List<String> topics = new java.util.ArrayList<>();
        for (TopologyDescription.Node node : subtopology.nodes()) {
            if (node instanceof TopologyDescription.Sink sink && type == TopologyDescription.Sink.class) {
                topics.add(sink.topic());
            } else if (node instanceof TopologyDescription.Source source && type == TopologyDescription.Source.class) {
                topics.addAll(source.topicSet());
            }
        }
        return topics;
    }

    // --- helpers -----------------------------------------------------------------------------

    void send(Deal deal) {
        opportunities.pipeInput(deal.id.toString(), CloudEventCodec.encode(deal.event(), "/pulse/api"), deal.at);
    }

    List<FunnelChanged> cells() {
        return funnel.readValuesToList().stream().map(v -> EventJson.read(v, FunnelChanged.class)).map(FunnelTopologyTests::withoutTime).toList();
    }

    Map<String, FunnelChanged> latest() {
        Map<String, FunnelChanged> latest = new LinkedHashMap<>();
        driver.<String, com.pulse.streams.funnel.FunnelCell>getKeyValueStore("funnel-company-stage").all().forEachRemaining(kv -> {
            String stage = kv.key.substring(kv.key.lastIndexOf(':') + 1);
            latest.put(stage, withoutTime(new FunnelChanged("COMPANY", "company", stage, kv.value.count(), kv.value.amount(), kv.value.weighted(), null)));
        });
        return latest;
    }

    static FunnelChanged withoutTime(FunnelChanged c) {
        return new FunnelChanged(c.scopeType(), c.scopeId(), c.stage(), c.count(), exact(c.amount()), exact(c.weighted()), null);
    }

    /** Compare values, not scales: the CloudEvents data round trip does not keep trailing zeros. */
    static BigDecimal exact(BigDecimal d) {
        return d.stripTrailingZeros();
    }

    static FunnelChanged cell(String stage, long count, String amount, String weighted) {
        return new FunnelChanged("COMPANY", "company", stage, count, exact(new BigDecimal(amount)), exact(new BigDecimal(weighted)), null);
    }

    /** An opportunity as the API would publish it, one version at a time. */
    record Deal(UUID id, long version, Operation operation, String stage, String amount, String currency, String amountBase,
                int probability, boolean deleted, Instant at) {

        static Deal created(String stage, String amount, int probability) {
            return new Deal(UUID.randomUUID(), 1, Operation.CREATED, stage, amount, "CNY", amount, probability, false, T0);
        }

        Deal next() {
            return new Deal(id, version + 1, Operation.UPDATED, stage, amount, currency, amountBase, probability, deleted, at.plusSeconds(1));
        }

        Deal stage(String newStage, int newProbability) {
            return new Deal(id, version, operation, newStage, amount, currency, amountBase, newProbability, deleted, at);
        }

        Deal amount(String newAmount, String newCurrency, String newAmountBase) {
            return new Deal(id, version, operation, stage, newAmount, newCurrency, newAmountBase, probability, deleted, at);
        }

        Deal deleted(boolean newDeleted, Operation op) {
            return new Deal(id, version, op, stage, amount, currency, amountBase, probability, newDeleted, at);
        }

        OpportunityChanged event() {
            boolean closed = stage.startsWith("CLOSED");
            OpportunitySnapshot snapshot = new OpportunitySnapshot(id, null, null, "Deal " + id, stage, new BigDecimal(amount),
                    currency, new BigDecimal(amountBase), probability, "PIPELINE", null, closed ? at : null, T0, at, deleted, version);
            return new OpportunityChanged(UUID.nameUUIDFromBytes((id + "/" + version).getBytes(StandardCharsets.UTF_8)), id,
                    version, operation, "tester", at, snapshot);
        }
    }
}
